//! Determinism (issue 9 item 6), WebAssembly side: the calls of
//! tests/fixtures/determinism/calls.json made through the `crisis_desk::wasm` exports (as the
//! page makes them, with JS values). For each call:
//!
//! 1. two runs give the same `JSON.stringify` text, byte for byte;
//! 2. the canonical JSON text of the output has the SHA-256 committed in wasm-sha256.txt: the
//!    WebAssembly build answers byte for byte as it did when the file was written (and, since
//!    WebAssembly arithmetic and the libm compiled into the module are the same on every engine
//!    and CPU, as it does in every browser);
//! 3. it is byte for byte the native output committed in expected.jsonl. Every transcendental
//!    function the core calls comes from `src/math.rs`, that is from the `libm` crate in both
//!    builds (std's `f64::ln` would call glibc natively and differ in the last bit), and the
//!    rest is IEEE 754 arithmetic, which is the same everywhere. On a difference the test
//!    names every double that differs and by how much.
//!
//! `JSON.stringify` and serde_json write numbers differently (`1` and `1.0`, `1e21` and
//! `1e+21`); both write the shortest text that reads back to the same double, so each text is
//! read into the core's `Json` and written canonically (keys sorted, numbers by one rule)
//! before comparing or hashing.
//!
//! After a deliberate change of answers: `UPDATE_DETERMINISM=1 cargo test --target
//! wasm32-unknown-unknown --test determinism_wasm` (the variable is read when the test is
//! compiled) prints the new wasm-sha256.txt instead of checking it.
#![cfg(target_arch = "wasm32")]

use crisis_desk::escalation::jsontext::{canonical, parse_json};
use crisis_desk::wasm;
use crisis_desk::Json;
use js_sys::{Array, Reflect, JSON};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const CALLS: &str = include_str!("fixtures/determinism/calls.json");
const EXPECTED: &str = include_str!("fixtures/determinism/expected.jsonl");
const WASM_SHA256: &str = include_str!("fixtures/determinism/wasm-sha256.txt");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// An argument as a JS value: a literal, a bundled example from its export, or an earlier
/// call's output (or one key of it).
fn resolve(arg: &JsValue, outputs: &BTreeMap<String, JsValue>) -> JsValue {
    if Array::is_array(arg) {
        return Array::from_iter(Array::from(arg).iter().map(|x| resolve(&x, outputs))).into();
    }
    if !arg.is_object() {
        return arg.clone();
    }
    if let Some(which) = get(arg, "$example").as_string() {
        return match which.as_str() {
            "situation" => wasm::example_situation(),
            "rulebook" => wasm::default_rulebook(),
            "synergy" => wasm::example_synergy(),
            other => panic!("unknown example {other}"),
        }
        .unwrap();
    }
    if let Some(name) = get(arg, "$output").as_string() {
        let out = outputs.get(&name).unwrap_or_else(|| panic!("no earlier call {name}")).clone();
        return match get(arg, "pick").as_string() {
            Some(key) => get(&out, &key),
            None => out,
        };
    }
    arg.clone()
}

/// Calls the export named `function` (its JS name) with `args`.
fn call(function: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let a = args.first().cloned().unwrap_or(JsValue::UNDEFINED);
    let b = args.get(1).cloned();
    let b_or_undefined = || b.clone().unwrap_or(JsValue::UNDEFINED);
    match function {
        "assess" => wasm::assess(a, b),
        "validateSituation" => wasm::validate_situation(a),
        "assessSeries" => wasm::assess_series(a, b),
        "assessMany" => wasm::assess_many(a, b),
        "assessManyColumns" => wasm::assess_many_columns(a, b),
        "estimateRt" => wasm::estimate_rt(a),
        "simulateSeir" => wasm::simulate_seir(a),
        "escalate" => wasm::escalate(a, b_or_undefined()),
        "validateRulebook" => wasm::validate_rulebook(a),
        "rulebookHash" => wasm::rulebook_hash(a).map(JsValue::from),
        "diffRulebooks" => wasm::diff_rulebooks(a, b_or_undefined()),
        "ahp" => wasm::ahp(a),
        "ahpHierarchy" => wasm::ahp_hierarchy(a),
        "ahpGroup" => wasm::ahp_group(a),
        "entropyWeights" => wasm::entropy_weights(a),
        "combineWeights" => wasm::combine_weights(a),
        "topsis" => wasm::topsis(a),
        "fuzzyEvaluate" => wasm::fuzzy_evaluate(a),
        "synergyDegree" => wasm::synergy_degree(a),
        "allocate" => wasm::allocate(a),
        "evaluateTable" => wasm::evaluate_table(a, b_or_undefined()),
        "validateTable" => wasm::validate_table(a, b),
        "zenDifferences" => wasm::zen_differences(a),
        "exportZenGraph" => wasm::export_zen_graph(a),
        "importZenGraph" => wasm::import_zen_graph(a),
        other => panic!("unknown function {other} in calls.json"),
    }
}

/// Every place where a WebAssembly output differs from the native one, to name in a failure.
fn compare(wasm: &Json, native: &Json, at: &str, d: &mut Vec<String>) {
    match (wasm, native) {
        (Json::Number(x), Json::Number(y)) => {
            if x.to_bits() != y.to_bits() {
                let rel = (x - y).abs() / x.abs().max(y.abs());
                d.push(format!("{at}: wasm {x}, native {y} (relative {rel:e})"));
            }
        }
        (Json::Array(p), Json::Array(q)) if p.len() == q.len() => {
            for (i, (x, y)) in p.iter().zip(q).enumerate() {
                compare(x, y, &format!("{at}[{i}]"), d);
            }
        }
        (Json::Object(p), Json::Object(q)) if p.len() == q.len() => {
            for ((k, x), (l, y)) in p.iter().zip(q) {
                if k != l {
                    d.push(format!("{at}: key {k} in wasm, {l} natively"));
                    return;
                }
                compare(x, y, &format!("{at}.{k}"), d);
            }
        }
        _ if wasm == native => {}
        _ => d.push(format!("{at}: wasm {}, native {}", canonical(wasm), canonical(native))),
    }
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[wasm_bindgen_test]
fn webassembly_outputs_are_byte_identical_run_to_run_and_to_the_committed_ones() {
    let native: Vec<(String, Json)> = EXPECTED
        .lines()
        .map(|l| {
            let v = parse_json(l).unwrap();
            let Some(Json::String(name)) = v.get("name") else { panic!("name") };
            (name.clone(), v.get("output").unwrap().clone())
        })
        .collect();
    let digests: BTreeMap<&str, &str> = WASM_SHA256
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once(' ').expect("name sha256"))
        .collect();
    let update = option_env!("UPDATE_DETERMINISM").is_some();
    let calls: Array = get(&JSON::parse(CALLS).unwrap(), "calls").unchecked_into();
    assert_eq!(calls.length() as usize, native.len(), "one committed line per call");
    let mut outputs = BTreeMap::new();
    let mut new_digests =
        String::from("# name sha256(canonical JSON of the WebAssembly output): tests/determinism_wasm.rs\n");
    for (c, (native_name, native_output)) in calls.iter().zip(&native) {
        let name = get(&c, "name").as_string().unwrap();
        assert_eq!(&name, native_name, "calls and lines in the same order");
        let function = get(&c, "function").as_string().unwrap();
        let args: Vec<JsValue> = Array::from(&get(&c, "args")).iter().map(|a| resolve(&a, &outputs)).collect();
        let first = call(&function, &args).unwrap_or_else(|e| panic!("{name}: {:?}", get(&e, "message")));
        let second = call(&function, &args).unwrap();
        let text = JSON::stringify(&first).unwrap().as_string().unwrap();
        assert_eq!(text, JSON::stringify(&second).unwrap().as_string().unwrap(), "{name}: two runs differ");
        let canonical_text = canonical(&parse_json(&text).unwrap());
        let digest = sha256(&canonical_text);
        new_digests.push_str(&format!("{name} {digest}\n"));
        if !update {
            assert_eq!(digests.get(name.as_str()).copied(), Some(digest.as_str()), "{name}: not the committed bytes");
        }
        let mut d = Vec::new();
        compare(&parse_json(&canonical_text).unwrap(), native_output, "", &mut d);
        assert!(d.is_empty(), "{name}: WebAssembly and native differ:\n  {}", d.join("\n  "));
        assert_eq!(canonical_text, canonical(native_output), "{name}: canonical texts differ");
        outputs.insert(name, first);
    }
    if update {
        wasm_bindgen_test::console_log!("wasm-sha256.txt:\n{new_digests}");
    }
}
