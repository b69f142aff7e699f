//! DMN TCK compliance-level-2 decision tables (`tests/fixtures/escalation/dmn-tck.json`, converted
//! from `dmn-tck/tck` with provenance): each model's table is read by `Table::from_json`, checked
//! clean by `validate_table` (no errors), and every TCK case must give the TCK's expected result.

use crisis_desk::error::{Path, Problems};
use crisis_desk::escalation::{validate_table, Severity, Table};
use crisis_desk::Json;
use serde_json::Value;

const FIXTURE: &str = include_str!("fixtures/escalation/dmn-tck.json");

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => (x.as_f64().unwrap() - y.as_f64().unwrap()).abs() < 1e-9,
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn every_converted_tck_case_passes() {
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let models = fixture["models"].as_array().unwrap();
    let mut cases = 0;
    let mut policies = std::collections::BTreeSet::new();
    for model in models {
        let id = model["id"].as_str().unwrap();
        assert!(model["source"]["modelCommit"].as_str().is_some_and(|c| c.len() == 40), "{id}: provenance");
        let json: Json = serde_json::from_value(model["table"].clone()).unwrap();
        let path = Path::root().key("models");
        let mut problems = Problems::new();
        let table = Table::from_json(&json, &path, &mut problems)
            .unwrap_or_else(|| panic!("{id}: rejected: {:?}", problems.into_vec()));
        let errors: Vec<_> =
            validate_table(&json, &path, None).into_iter().filter(|d| d.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{id}: {errors:?}");
        policies.insert(model["hitPolicy"].as_str().unwrap().to_owned());
        for case in model["cases"].as_array().unwrap() {
            cases += 1;
            let facts: Json = serde_json::from_value(case["facts"].clone()).unwrap();
            let got = table.evaluate(&facts).unwrap_or_else(|e| panic!("{id} case {}: {e}", case["id"]));
            let got = serde_json::to_value(&got.result).unwrap();
            assert!(
                same(&got, &case["expected"]),
                "{id} case {}: got {got}, TCK expects {}",
                case["id"],
                case["expected"]
            );
        }
    }
    assert_eq!(models.len(), 14);
    assert_eq!(cases, 42);
    let want =
        ["ANY", "COLLECT", "COLLECT COUNT", "COLLECT MIN", "COLLECT SUM", "FIRST", "PRIORITY", "RULE ORDER", "UNIQUE"];
    assert_eq!(policies.iter().map(String::as_str).collect::<Vec<_>>(), want);
}

#[test]
fn the_unique_table_reports_both_rules_when_broken() {
    // 0004's unique table with its first rule widened to any age: 17/Medium/true now matches two.
    let fixture: Value = serde_json::from_str(FIXTURE).unwrap();
    let mut table = fixture["models"][0]["table"].clone();
    table["rules"][0]["in_age"] = Value::String("-".into());
    let json: Json = serde_json::from_value(table).unwrap();
    let t = Table::parse(&json).unwrap();
    let facts: Json = serde_json::from_str(r#"{"Age": 17, "RiskCategory": "Medium", "isAffordable": true}"#).unwrap();
    let err = t.evaluate(&facts).unwrap_err();
    let p = err.first();
    assert_eq!(p.code.as_str(), "multiple-matches");
    assert_eq!(p.path, "rules[1]");
    assert!(
        p.message.contains("\"_7f03803d-2636-40ab-8346-7fd7f38ab695\"") && p.message.contains("\"_887acecd"),
        "{}",
        p.message
    );
    // And validation finds the overlap with a witness, without evaluating anything.
    let diags = validate_table(&json, &Path::root(), None);
    assert!(diags.iter().any(|d| d.code.as_str() == "overlapping-rules" && d.path == "rules[1]"), "{diags:?}");
}
