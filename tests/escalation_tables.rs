//! The decision-table engine (issue 5 items 2 and 3), table-driven from
//! `tests/fixtures/escalation/`:
//! - `feel.json`: each unary test matches its `yes` inputs and none of its `no` inputs; each
//!   error cell fails at its `position`;
//! - `evaluate.json`: results, selected rules, whole traces and evaluation errors per hit policy;
//! - `validation.json`: for each table, exactly the diagnostics expected (every diagnostic code
//!   has a case that triggers it).
//!
//! Plus property checks: the parser and the evaluator never panic on arbitrary cells and facts,
//! and what validation proves (an unreachable rule, a gap, an overlap) holds on concrete inputs.

use crisis_desk::error::{Path, Problems};
use crisis_desk::escalation::{
    check_table, evaluate_table, evaluate_table_many, evaluate_table_many_json, parse_output, parse_unary_tests,
    validate_table, zen_differences, FactSchema, Severity, Table, Value,
};
use crisis_desk::Json;
use serde_json::{json, Value as J};

fn to_json(v: &J) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn to_value(v: &J) -> Value {
    Value::from_json(&to_json(v)).unwrap()
}

#[test]
fn feel_cells_match_as_fixed() {
    let f: J = serde_json::from_str(include_str!("fixtures/escalation/feel.json")).unwrap();
    for case in f["matches"].as_array().unwrap() {
        let cell = case["cell"].as_str().unwrap();
        let tests = parse_unary_tests(cell).unwrap_or_else(|e| panic!("{cell}: {e}")).tests;
        for v in case["yes"].as_array().unwrap() {
            assert!(tests.matches(&to_value(v)), "{cell:?} should match {v}");
        }
        for v in case["no"].as_array().unwrap() {
            assert!(!tests.matches(&to_value(v)), "{cell:?} should not match {v}");
        }
    }
    for case in f["errors"].as_array().unwrap() {
        let cell = case["cell"].as_str().unwrap();
        let err = parse_unary_tests(cell).expect_err(cell);
        assert_eq!(err.position as u64, case["position"].as_u64().unwrap(), "{cell:?}: {err}");
    }
}

#[test]
fn evaluations_as_fixed() {
    let f: J = serde_json::from_str(include_str!("fixtures/escalation/evaluate.json")).unwrap();
    for case in f["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let table = Table::parse(&to_json(&case["table"])).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = table.evaluate(&to_json(&case["facts"]));
        if let Some(err) = case.get("error") {
            let e = got.expect_err(name);
            let p = e.first();
            assert_eq!(p.code.as_str(), err["code"], "{name}");
            assert_eq!(p.path, err["path"], "{name}");
            if let Some(m) = err["message"].as_str() {
                assert!(p.message.contains(m), "{name}: {}", p.message);
            }
            continue;
        }
        let got = got.unwrap_or_else(|e| panic!("{name}: {e}"));
        let expect = &case["expect"];
        assert_eq!(serde_json::to_value(&got.result).unwrap(), expect["result"], "{name}");
        let selected: Vec<&str> = expect["selected"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(got.selected(), selected, "{name}");
        if let Some(trace) = case.get("trace") {
            assert_eq!(&serde_json::to_value(&got.trace).unwrap(), trace, "{name}");
        }
        // The wire shape: { result, trace }.
        let wire = serde_json::to_value(&got).unwrap();
        assert_eq!(wire.as_object().unwrap().keys().collect::<Vec<_>>(), ["result", "trace"], "{name}");
    }
}

#[test]
fn diagnostics_as_fixed_and_every_code_is_triggered() {
    let f: J = serde_json::from_str(include_str!("fixtures/escalation/validation.json")).unwrap();
    let mut codes = std::collections::BTreeSet::new();
    for case in f["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let schema =
            case.get("schema").map(|s| FactSchema::new(s.as_array().unwrap().iter().map(|p| p.as_str().unwrap())));
        let got = validate_table(&to_json(&case["table"]), &Path::root().key("tables").index(0), schema.as_ref());
        let mut unmatched: Vec<_> = got.iter().collect();
        for want in case["expect"].as_array().unwrap() {
            let i = unmatched
                .iter()
                .position(|d| {
                    let w = serde_json::to_value(d).unwrap();
                    w["severity"] == want["severity"]
                        && w["code"] == want["code"]
                        && w["path"] == want["path"]
                        && want.get("position").map_or(true, |p| w["position"] == *p)
                        && want.get("message").map_or(true, |m| d.message.contains(m.as_str().unwrap()))
                })
                .unwrap_or_else(|| panic!("{name}: no diagnostic like {want} in {got:#?}"));
            codes.insert(unmatched.remove(i).code.as_str());
        }
        assert!(unmatched.is_empty(), "{name}: unexpected {unmatched:#?}");
    }
    for code in [
        "feel-syntax",
        "duplicate-id",
        "output-field-conflict",
        "overlapping-rules",
        "unreachable-rule",
        "uncovered-range",
        "uncovered-value",
        "unknown-field",
        "value-not-listed",
    ] {
        assert!(codes.contains(code), "no validation case triggers {code}");
    }
}

#[test]
fn diagnostics_serialise_to_the_wire_shape() {
    let table = json!({"hitPolicy": "first", "inputs": [{"id": "i", "field": "x"}], "outputs": [{"id": "o", "field": "y"}],
                       "rules": [{"_id": "r1", "i": "[1..", "o": "1"}]});
    let d = validate_table(&to_json(&table), &Path::root().key("tables").index(2), None);
    assert_eq!(
        serde_json::to_value(&d).unwrap(),
        json!([{"severity": "error", "code": "feel-syntax", "path": "tables[2].rules[0].i",
                "message": "at character 5: expected a number in the range, found the end of the cell (cell: [1..)", "position": 4}])
    );
    // from_json reports the same problem and gives no table.
    let mut problems = Problems::new();
    assert!(Table::from_json(&to_json(&table), &Path::root(), &mut problems).is_none());
    assert_eq!(problems.into_vec()[0].path, "rules[0].i");
}

#[test]
fn zen_differences_name_the_cells_zen_reads_otherwise() {
    let table = json!({"hitPolicy": "priority", "aggregation": null,
        "inputs": [{"id": "a", "field": "x"}, {"id": "b", "field": "地区.name"}],
        "outputs": [{"id": "o", "field": "level", "priority": ["I", "II"]}],
        "rules": [
            {"_id": "r1", "a": "= 5", "b": "-", "o": "\"I\""},
            {"_id": "r2", "a": "not(1, 2)", "b": "\"a\\\"b\"", "o": "\"II\""},
            {"_id": "r3", "a": "]1..5[", "b": ".5", "o": "null"},
            {"_id": "r4", "a": "[1..5], != 3", "b": "\"x\"", "o": "\"II\""}]});
    let t = Table::parse(&to_json(&table)).unwrap();
    let got: Vec<(String, &str)> = zen_differences(&t).iter().map(|d| (d.path.clone(), d.kind)).collect();
    let want = [
        ("hitPolicy", "hit-policy"),
        ("inputs[1].field", "field-name"),
        ("rules[0].a", "explicit-equals"),
        ("rules[0].b", "dash"),
        ("rules[1].a", "not"),
        ("rules[1].b", "string-escape"),
        ("rules[2].a", "reversed-bracket-range"),
        ("rules[2].b", "leading-dot-number"),
        ("rules[3].a", "not-equals"),
    ];
    assert_eq!(got, want.map(|(p, k)| (p.to_string(), k)));
    // A top-level null output under first; nested or under collect, ZEN keeps it.
    let first = json!({"hitPolicy": "first", "inputs": [], "outputs": [{"id": "o", "field": "v"}, {"id": "p", "field": "a.b"}],
                       "rules": [{"_id": "r1", "o": "null", "p": "null"}]});
    let diffs = zen_differences(&Table::parse(&to_json(&first)).unwrap());
    assert_eq!(diffs.iter().map(|d| (d.path.as_str(), d.kind)).collect::<Vec<_>>(), [("rules[0].o", "null-output")]);
    let collect = json!({"hitPolicy": "collect", "inputs": [], "outputs": [{"id": "o", "field": "v"}], "rules": [{"_id": "r1", "o": "null"}]});
    assert!(zen_differences(&Table::parse(&to_json(&collect)).unwrap()).is_empty());
}

/// A small deterministic generator (xorshift), so the property checks need no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn arbitrary_text_never_panics() {
    let pieces = [
        "<",
        "<=",
        ">",
        ">=",
        "=",
        "!=",
        "[",
        "]",
        "(",
        ")",
        "..",
        ".",
        ",",
        "-",
        "not",
        "(",
        "\"",
        "\\",
        "\\u",
        "d83d",
        "1",
        "2.5",
        "-3",
        "9e9",
        "true",
        "null",
        "x",
        "中",
        " ",
        "?",
        "'",
        "\u{0}",
        "99999999999999999999999",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let n = rng.next() % 8;
        let text: String = (0..n).map(|_| *rng.pick(&pieces)).collect();
        if let Ok(p) = parse_unary_tests(&text) {
            for v in [Value::Null, Value::Number(3.0), Value::String("x".into()), Value::Bool(true)] {
                let _ = p.tests.eval(&v);
            }
        }
        let _ = parse_output(&text);
    }
}

#[test]
fn what_validation_proves_holds_on_concrete_inputs() {
    // Random one- and two-column tables; every reported gap, overlap or unreachable rule is
    // checked against evaluation on the witness values the analysis can name: the numbers the
    // cells mention, points between and beyond them, the strings, and null.
    let num_cells = [
        "", "< 3", "<= 3", "> 3", ">= 7", "[3..7]", "(3..7)", "[3..7)", "3", "7", "!= 3", "null", "not(3)", "< 0, > 7",
    ];
    let str_cells = ["", "\"a\"", "\"b\"", "\"a\", \"b\"", "not(\"a\")", "!= \"b\"", "null"];
    let probes_n = [-1.0, 0.0, 1.5, 3.0, 5.0, 7.0, 8.0];
    let mut rng = Rng(42);
    let mut seen = std::collections::BTreeMap::new();
    for round in 0..400 {
        let policy = *rng.pick(&["first", "unique", "any", "collect"]);
        let rules: Vec<J> = (0..1 + rng.next() % 5)
            .map(|r| {
                json!({"_id": format!("r{r}"), "n": rng.pick(&num_cells), "s": rng.pick(&str_cells),
                       "o": format!("{}", rng.next() % 2)})
            })
            .collect();
        let table = json!({"id": "t", "hitPolicy": policy, "inputs": [{"id": "n", "field": "n"}, {"id": "s", "field": "s"}],
                           "outputs": [{"id": "o", "field": "o"}], "rules": rules});
        let json = to_json(&table);
        let t = Table::parse(&json).unwrap();
        let diags = check_table(&t, &Path::root(), None);
        assert!(diags.iter().all(|d| d.severity == Severity::Warning || d.code.as_str() == "overlapping-rules"));
        // Evaluate on every probe under `collect` to see all matches.
        let mut all = table.clone();
        all["hitPolicy"] = json!("collect");
        let c = Table::parse(&to_json(&all)).unwrap();
        let mut probes: Vec<J> = Vec::new();
        for n in probes_n.iter().map(|x| json!(x)).chain([J::Null, json!("z")]) {
            for s in [json!("a"), json!("b"), json!("c"), J::Null, json!(1)] {
                probes.push(json!({"n": n, "s": s}));
            }
        }
        let matches: Vec<Vec<usize>> = probes
            .iter()
            .map(|f| c.evaluate(&to_json(f)).unwrap().trace.iter().filter(|r| r.matched).map(|r| r.index).collect())
            .collect();
        for d in &diags {
            *seen.entry(d.code.as_str()).or_insert(0) += 1;
            let rule_index = |p: &str| {
                p.strip_prefix("rules[").and_then(|r| r.split(']').next()).and_then(|i| i.parse::<usize>().ok())
            };
            match d.code.as_str() {
                "unreachable-rule" => {
                    let j = rule_index(&d.path).unwrap();
                    for m in &matches {
                        if m.contains(&j) {
                            // It matched on a probe: under first an earlier rule must match too.
                            assert!(
                                policy == "first" && m.first() != Some(&j),
                                "round {round}: {d:?} but rule {j} fires on a probe ({table})"
                            );
                        }
                    }
                }
                "overlapping-rules" => {
                    let j = rule_index(&d.path).unwrap();
                    assert!(
                        matches.iter().any(|m| m.contains(&j) && m.len() > 1),
                        "round {round}: {d:?} but no probe matches rule {j} with another ({table})"
                    );
                }
                "uncovered-range" | "uncovered-value" => {
                    // The probes hit every atom; a gap region has typed (non-null) atoms only.
                    let hit = probes
                        .iter()
                        .zip(&matches)
                        .any(|(p, m)| m.is_empty() && !p["n"].is_null() && !p["s"].is_null());
                    assert!(hit, "round {round}: {d:?} but every probe matches ({table})");
                }
                _ => {}
            }
        }
        // Conversely: under unique, a probe with two matches means an overlap was reported.
        if policy == "unique" && matches.iter().any(|m| m.len() > 1) {
            assert!(
                diags.iter().any(|d| d.code.as_str() == "overlapping-rules"),
                "round {round}: missed overlap ({table})"
            );
        }
    }
    // The rounds must exercise every kind of finding.
    for code in ["unreachable-rule", "overlapping-rules", "uncovered-range", "uncovered-value"] {
        assert!(seen.get(code).copied().unwrap_or(0) >= 5, "{seen:?}");
    }
}

#[test]
fn non_finite_facts_are_errors_at_their_path() {
    let t = Table::parse(&to_json(&json!({"hitPolicy": "first", "inputs": [{"id": "i", "field": "signals.rt.mean"}],
        "outputs": [{"id": "o", "field": "o"}], "rules": [{"_id": "r1", "i": "> 1", "o": "true"}]})))
    .unwrap();
    let facts = Json::Object(vec![(
        "signals".into(),
        Json::Object(vec![("rt".into(), Json::Object(vec![("mean".into(), Json::Number(f64::NAN))]))]),
    )]);
    let e = t.evaluate(&facts).unwrap_err();
    assert_eq!((e.first().code.as_str(), e.first().path.as_str()), ("not-finite", "signals.rt.mean"));
    // A NaN elsewhere in the facts is not read, so it does not matter.
    let other = Json::Object(vec![("x".into(), Json::Number(f64::INFINITY))]);
    assert!(t.evaluate(&other).is_ok());
}

/// `evaluate_table_many`: every fact set of evaluate.json against every table of it (each
/// hit policy, matches, misses, errors of `unique` and `any`, facts that are not objects or
/// hold a NaN), slot by slot what `evaluate_table` gives on that fact set; the traces only
/// when asked for, none for a fact set that failed.
#[test]
fn a_batch_gives_each_fact_set_what_one_evaluation_gives() {
    let f: J = serde_json::from_str(include_str!("fixtures/escalation/evaluate.json")).unwrap();
    let cases = f["cases"].as_array().unwrap();
    let mut facts: Vec<Json> = cases.iter().map(|c| to_json(&c["facts"])).collect();
    facts.push(Json::Array(vec![]));
    facts.push(Json::Object(vec![("x".into(), Json::Object(vec![("y".into(), Json::Number(f64::NAN))]))]));
    let (mut ok, mut failed) = (0, 0);
    for case in cases {
        let table = Table::parse(&to_json(&case["table"])).unwrap();
        for trace in [false, true] {
            let batch = evaluate_table_many(&table, &facts, trace).unwrap();
            assert_eq!(batch.results.len(), facts.len());
            assert_eq!(batch.traces.is_some(), trace);
            for (i, f) in facts.iter().enumerate() {
                match (evaluate_table(&table, f), &batch.results[i]) {
                    (Ok(one), Ok(result)) => {
                        assert_eq!(&one.result, result, "{} facts {i}", case["name"]);
                        if let Some(traces) = &batch.traces {
                            assert_eq!(traces[i].as_ref(), Some(&one.trace), "{} facts {i}", case["name"]);
                        }
                        ok += 1;
                    }
                    (Err(one), Err(e)) => {
                        assert_eq!(&one, e, "{} facts {i}", case["name"]);
                        if let Some(traces) = &batch.traces {
                            assert_eq!(traces[i], None);
                        }
                        failed += 1;
                    }
                    (one, other) => panic!("{} facts {i}: {one:?} but the batch gave {other:?}", case["name"]),
                }
            }
        }
    }
    assert!(ok > 50 && failed > 10, "{ok} {failed}");
}

#[test]
fn a_batch_serialises_slots_in_order_and_reads_its_options() {
    let table = Table::parse(&to_json(&json!({"hitPolicy": "first", "inputs": [{"id": "i", "field": "a.b"}],
        "outputs": [{"id": "o", "field": "level"}],
        "rules": [{"_id": "r1", "i": "> 1", "o": "\"high\""}, {"_id": "r2", "i": "", "o": "\"low\""}]})))
    .unwrap();
    let facts = to_json(&json!([{"a": {"b": 2}}, 3, {"a": {"b": 0}}]));
    let batch = evaluate_table_many_json(&table, &facts, &Json::Null).unwrap();
    assert_eq!(
        serde_json::to_value(&batch).unwrap(),
        json!({"results": [
            {"ok": true, "result": {"level": "high"}},
            {"ok": false, "error": {"code": "invalid-type", "path": "", "message": "facts must be an object, found a number",
                                    "problems": [{"code": "invalid-type", "path": "", "message": "facts must be an object, found a number"}]}},
            {"ok": true, "result": {"level": "low"}}
        ]})
    );
    let traced = evaluate_table_many_json(&table, &facts, &to_json(&json!({"trace": true}))).unwrap();
    let text = serde_json::to_value(&traced).unwrap();
    assert_eq!(text["traces"][1], J::Null);
    assert_eq!(text["traces"][2].as_array().unwrap().len(), 2, "r1 failed, r2 matched");
    assert_eq!(text["traces"][0][0]["selected"], true);
    // Bad options and a list that is not a list fail the call, at their paths.
    let code_path = |e: crisis_desk::InputError| (e.first().code.as_str().to_owned(), e.first().path.clone());
    let bad = |facts: J, options: J| {
        code_path(evaluate_table_many_json(&table, &to_json(&facts), &to_json(&options)).unwrap_err())
    };
    assert_eq!(bad(json!([]), json!({"trace": "yes"})), ("invalid-type".into(), "options.trace".into()));
    assert_eq!(bad(json!([]), json!({"traces": true})), ("unknown-key".into(), "options.traces".into()));
    assert_eq!(bad(json!({"a": 1}), J::Null), ("invalid-type".into(), "".into()));
    assert!(evaluate_table_many(&table, &[], false).unwrap().results.is_empty());
}

#[test]
fn a_batch_has_a_bound_on_its_fact_sets() {
    use crisis_desk::limits::MAX_FACT_SETS;
    let table = Table::parse(&to_json(&json!({"hitPolicy": "collect", "inputs": [{"id": "i", "field": "n"}],
        "outputs": [{"id": "o", "field": "k"}], "rules": [{"_id": "r1", "i": "> 1", "o": "1"}]})))
    .unwrap();
    let facts = vec![Json::Object(vec![("n".into(), Json::Number(2.0))]); MAX_FACT_SETS];
    let batch = evaluate_table_many(&table, &facts, false).unwrap();
    assert_eq!(batch.results.len(), MAX_FACT_SETS);
    let mut more = facts;
    more.push(Json::Null);
    let e = evaluate_table_many(&table, &more, false).unwrap_err();
    assert_eq!((e.first().code.as_str(), e.first().path.as_str()), ("too-large", ""));
    assert!(e.first().message.contains("100001 fact sets are more than the 100000 allowed"), "{}", e.first().message);
}
