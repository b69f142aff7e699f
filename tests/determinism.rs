//! Determinism (issue 9 item 6), native side: every call of tests/fixtures/determinism/calls.json
//! gives, run twice, the same bytes, and its canonical JSON text is the committed one in
//! expected.jsonl, byte for byte. tests/determinism_wasm.rs makes the same calls through the
//! WebAssembly exports and compares with the same file.
//!
//! `UPDATE_DETERMINISM=1 cargo test --test determinism` rewrites expected.jsonl (review the
//! diff: a changed line is a changed answer).

use crisis_desk::analysis;
use crisis_desk::batch::{assess_batch, RegionBatch};
use crisis_desk::error::Path;
use crisis_desk::escalation::jsontext::{canonical, parse_json};
use crisis_desk::escalation::{
    diff_rulebooks, escalate, evaluate_table, export_zen_graph, import_zen_graph, rulebook_hash, validate_rulebook,
    validate_table, zen_differences, FactSchema, Table, DEFAULT_RULEBOOK,
};
use crisis_desk::signals::rt::estimate_rt;
use crisis_desk::signals::seir::{simulate, SeirInput};
use crisis_desk::timeline::{assess_many, assess_series};
use crisis_desk::{assess_with, InputError, Json, EXAMPLE_SITUATION};
use serde::Serialize;
use std::collections::BTreeMap;

const CALLS: &str = include_str!("fixtures/determinism/calls.json");
const EXPECTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/determinism/expected.jsonl");

/// The serde_json text of an output (what a native caller would write), or the problems.
fn text<T: Serialize>(out: Result<T, InputError>) -> String {
    serde_json::to_string(&out.unwrap_or_else(|e| panic!("a call of the fixture failed: {e}"))).unwrap()
}

/// Calls `function` of the JS API on its core equivalent; the output as serde_json text.
fn call(function: &str, args: &[Json]) -> String {
    let arg = |i: usize| args.get(i).cloned().unwrap_or(Json::Null);
    let (a, b) = (arg(0), arg(1));
    match function {
        "assess" => text(assess_with(&a, &b)),
        "validateSituation" => text(Ok(crisis_desk::validate(&a))),
        "assessSeries" => text(assess_series(&a, &b)),
        "assessMany" => text(assess_many(&a, &b)),
        "assessManyColumns" => text(assess_batch(&RegionBatch::from_json(&a), &b)),
        "estimateRt" => text(estimate_rt(&a)),
        "simulateSeir" => text(SeirInput::from_json(&a).map(|i| simulate(&i))),
        "escalate" => text(escalate(&a, &b)),
        "validateRulebook" => text(Ok(validate_rulebook(&a))),
        "rulebookHash" => text(Ok(rulebook_hash(&a))),
        "diffRulebooks" => text(Ok(diff_rulebooks(&a, &b))),
        "ahp" => text(analysis::ahp(&a)),
        "ahpHierarchy" => text(analysis::ahp_hierarchy(&a)),
        "ahpGroup" => text(analysis::ahp_group(&a)),
        "entropyWeights" => text(analysis::entropy_weights(&a)),
        "combineWeights" => text(analysis::combine_weights(&a)),
        "topsis" => text(analysis::topsis(&a)),
        "fuzzyEvaluate" => text(analysis::fuzzy_evaluate(&a)),
        "synergyDegree" => text(analysis::synergy_degree(&a)),
        "allocate" => text(analysis::allocate(&a)),
        "evaluateTable" => text(Table::parse(&a).and_then(|t| evaluate_table(&t, &b))),
        "validateTable" => {
            let fields: Option<Vec<String>> = match &b {
                Json::Array(items) => Some(
                    items.iter().map(|x| if let Json::String(s) = x { s.clone() } else { panic!("a field") }).collect(),
                ),
                _ => None,
            };
            text(Ok(validate_table(&a, &Path::root(), fields.map(FactSchema::new).as_ref())))
        }
        "zenDifferences" => text(Table::parse(&a).map(|t| zen_differences(&t))),
        "exportZenGraph" => text(export_zen_graph(&a)),
        "importZenGraph" => text(import_zen_graph(&a)),
        other => panic!("unknown function {other} in calls.json"),
    }
}

/// An argument: a literal, a bundled example, or an earlier call's output (or one key of it).
fn resolve(arg: &Json, outputs: &BTreeMap<String, Json>) -> Json {
    if let Some(Json::String(which)) = arg.get("$example") {
        let text = match which.as_str() {
            "situation" => EXAMPLE_SITUATION,
            "rulebook" => DEFAULT_RULEBOOK,
            "synergy" => analysis::synergy::EXAMPLE_SYNERGY,
            other => panic!("unknown example {other}"),
        };
        return parse_json(text).unwrap();
    }
    if let Some(Json::String(name)) = arg.get("$output") {
        let out = outputs.get(name).unwrap_or_else(|| panic!("no earlier call {name}"));
        return match arg.get("pick") {
            Some(Json::String(key)) => out.get(key).cloned().unwrap_or_else(|| panic!("no {key} in {name}")),
            _ => out.clone(),
        };
    }
    match arg {
        Json::Array(items) => Json::Array(items.iter().map(|x| resolve(x, outputs)).collect()),
        other => other.clone(),
    }
}

/// Every call: its name and the canonical text of its output. Each is run twice and must give
/// the same bytes both times.
fn run_all() -> Vec<(String, String)> {
    let doc = parse_json(CALLS).unwrap();
    let Some(Json::Array(calls)) = doc.get("calls") else { panic!("calls") };
    let mut outputs = BTreeMap::new();
    let mut out = Vec::new();
    for c in calls {
        let (Some(Json::String(name)), Some(Json::String(function)), Some(Json::Array(args))) =
            (c.get("name"), c.get("function"), c.get("args"))
        else {
            panic!("a call needs name, function and args: {}", canonical(c));
        };
        let args: Vec<Json> = args.iter().map(|a| resolve(a, &outputs)).collect();
        let first = call(function, &args);
        let second = call(function, &args);
        assert_eq!(first, second, "{name}: two runs differ");
        let value = parse_json(&first).unwrap();
        out.push((name.clone(), canonical(&value)));
        outputs.insert(name.clone(), value);
    }
    out
}

fn line(name: &str, output: &str) -> String {
    // {"name":…,"output":…}: canonical (keys sorted) with the output's canonical text inside.
    format!("{{\"name\":{},\"output\":{output}}}", crisis_desk::json::quote(name))
}

#[test]
fn outputs_are_byte_identical_to_the_committed_ones() {
    let got = run_all();
    if std::env::var_os("UPDATE_DETERMINISM").is_some() {
        let text: String = got.iter().map(|(n, o)| line(n, o) + "\n").collect();
        std::fs::write(EXPECTED, text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(EXPECTED).expect("expected.jsonl (UPDATE_DETERMINISM=1 writes it)");
    let lines: Vec<&str> = expected.lines().collect();
    assert_eq!(lines.len(), got.len(), "one line per call in expected.jsonl");
    for (l, (name, output)) in lines.iter().zip(&got) {
        let want = parse_json(l).unwrap();
        assert_eq!(canonical(&want), *l, "expected.jsonl is canonical");
        assert_eq!(want.get("name"), Some(&Json::String(name.clone())), "calls and lines in the same order");
        let want = canonical(want.get("output").unwrap());
        if want != *output {
            let at = want.bytes().zip(output.bytes()).position(|(a, b)| a != b).unwrap_or(want.len().min(output.len()));
            let from = at.saturating_sub(80);
            panic!(
                "{name}: output differs from the committed one at byte {at}:\n  committed …{}…\n  now       …{}…",
                String::from_utf8_lossy(&want.as_bytes()[from..(at + 80).min(want.len())]),
                String::from_utf8_lossy(&output.as_bytes()[from..(at + 80).min(output.len())])
            );
        }
    }
}

/// The outputs hold no trace of the machine: no absolute path, no clock time, no locale text.
#[test]
fn outputs_carry_no_machine_dependence() {
    for (name, output) in run_all() {
        assert!(!output.contains(env!("CARGO_MANIFEST_DIR")), "{name}: a path of this checkout");
        assert!(!output.contains("/home/") && !output.contains("/work/"), "{name}: a file path");
    }
}
