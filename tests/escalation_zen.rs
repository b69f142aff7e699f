//! The differential test against GoRules ZEN (issue 5, "Done when"): every generated table of
//! `tests/fixtures/escalation/zen-differential.json` (made by `tests/oracles/escalation_zen.py`
//! with PyPI `zen-engine`) is read by `Table::from_json`, evaluated on each case's facts, and must
//! select the same rules and give the same result as ZEN did.
//!
//! `ZEN_DIFFERENTIAL_FIXTURE=path` replays a freshly generated file instead (what
//! `tests/oracles/run-zen-differential.sh` does in CI).
//!
//! Normalisation: ZEN returns `{}` under `first` when no rule matched, crisis-desk `null`;
//! numbers compare as f64.

use crisis_desk::error::{Path, Problems};
use crisis_desk::escalation::{evaluate_table_many, zen_differences, HitPolicy, Table};
use crisis_desk::Json;
use serde_json::Value;

const COMMITTED: &str = include_str!("fixtures/escalation/zen-differential.json");

fn fixture() -> (String, String) {
    match std::env::var("ZEN_DIFFERENTIAL_FIXTURE") {
        Ok(path) if !path.is_empty() => {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
            (path, text)
        }
        _ => ("tests/fixtures/escalation/zen-differential.json".into(), COMMITTED.into()),
    }
}

/// Equal as JSON, numbers as f64.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn crisis_desk_agrees_with_zen_on_every_generated_case() {
    let (name, text) = fixture();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    let tables = fixture["tables"].as_array().unwrap();
    assert!(tables.len() >= 50, "{name}: only {} tables", tables.len());
    let (mut cases, mut matched_some, mut multi) = (0, 0, 0);
    let mut policies = [0usize; 2];
    let mut failures = Vec::new();
    for (t, entry) in tables.iter().enumerate() {
        let json: Json = serde_json::from_value(entry["table"].clone()).unwrap();
        let mut problems = Problems::new();
        let table = Table::from_json(&json, &Path::root().key("tables").index(t), &mut problems)
            .unwrap_or_else(|| panic!("{name}: table {t} rejected: {:?}", problems.into_vec()));
        // Generated tables use only forms ZEN reads as FEEL does (`!=` differs only for facts of
        // another type, which the generator does not give a column with `!=`).
        let diffs: Vec<_> = zen_differences(&table).into_iter().filter(|d| d.kind != "not-equals").collect();
        assert!(diffs.is_empty(), "table {t}: {diffs:?}");
        policies[usize::from(table.hit_policy == HitPolicy::Collect)] += 1;
        for (c, case) in entry["cases"].as_array().unwrap().iter().enumerate() {
            cases += 1;
            let facts: Json = serde_json::from_value(case["facts"].clone()).unwrap();
            let ours = table.evaluate(&facts).unwrap_or_else(|e| panic!("table {t} case {c}: {e}"));
            let zen_matched: Vec<&str> =
                case["zen"]["matched"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
            let mut zen_result = case["zen"]["result"].clone();
            if table.hit_policy == HitPolicy::First && zen_matched.is_empty() {
                assert_eq!(zen_result, serde_json::json!({}), "table {t} case {c}: ZEN without a match");
                zen_result = Value::Null;
            }
            let our_result = serde_json::to_value(&ours.result).unwrap();
            if ours.selected() != zen_matched || !same(&our_result, &zen_result) {
                failures.push(format!(
                    "table {t} ({}) case {c}: facts {}\n  ZEN rules {zen_matched:?} result {zen_result}\n  ours rules {:?} result {our_result}",
                    table.hit_policy.as_str(),
                    case["facts"],
                    ours.selected()
                ));
            }
            matched_some += usize::from(!zen_matched.is_empty());
            multi += usize::from(zen_matched.len() > 1);
        }
    }
    assert!(failures.is_empty(), "{name}: {} of {cases} cases differ:\n{}", failures.len(), failures.join("\n"));
    // Parse once, evaluate many: each table's cases in one batch give, slot by slot, what the
    // one-at-a-time evaluation gives (with and without the trace).
    for (t, entry) in tables.iter().enumerate() {
        let table = Table::parse(&serde_json::from_value(entry["table"].clone()).unwrap()).unwrap();
        let facts: Vec<Json> = entry["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| serde_json::from_value(c["facts"].clone()).unwrap())
            .collect();
        let plain = evaluate_table_many(&table, &facts, false).unwrap();
        let traced = evaluate_table_many(&table, &facts, true).unwrap();
        assert!(plain.traces.is_none(), "table {t}");
        for (c, f) in facts.iter().enumerate() {
            let one = table.evaluate(f).unwrap();
            assert_eq!(plain.results[c].as_ref().unwrap(), &one.result, "table {t} case {c}");
            assert_eq!(traced.results[c].as_ref().unwrap(), &one.result, "table {t} case {c}");
            assert_eq!(traced.traces.as_ref().unwrap()[c].as_ref().unwrap(), &one.trace, "table {t} case {c}");
        }
    }
    // The generator must keep exercising both policies, matches, misses and multiple matches.
    assert!(policies[0] >= 10 && policies[1] >= 10, "{policies:?}");
    assert!(cases >= 1000 && matched_some >= cases / 3 && multi >= 50, "{cases} {matched_some} {multi}");
}
