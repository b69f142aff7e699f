//! The verdict: most-severe combination, ECDC's precautionary rule, the composite index by
//! hand, and option errors by path.

use crisis_desk::verdict::{composite, CompositeIndicator, CompositeSettings, LEVEL_ORDERS, RESPONSE_LEVELS};
use crisis_desk::{assess_with, Json};
use serde_json::{json, Value};

mod common;
use common::to_json;

fn example() -> Value {
    serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap()
}

/// A quiet county: the example's dates with one local case 20 days ago, tests and beds reported.
fn quiet() -> Value {
    let mut ex = example();
    let series = &ex["series"];
    let len = series["date"].as_array().unwrap().len();
    let mut local = vec![json!(0); len];
    local[len - 20] = json!(1);
    ex["series"]["localCases"] = Value::Array(local);
    ex["series"]["importedCases"] = Value::Array(vec![json!(0); len]);
    ex["series"]["admissions"] = Value::Array(vec![json!(0); len]);
    ex["series"]["bedsOccupied"] = Value::Array(vec![json!(5); len]);
    ex["series"]["icuOccupied"] = Value::Array(vec![json!(0); len]);
    ex["series"]["testsPositive"] = Value::Array(vec![json!(0); len]);
    ex["series"]["testsPerformed"] = Value::Array(vec![json!(3000); len]);
    ex["series"]["deaths"] = Value::Array(vec![json!(0); len]);
    ex["events"]["clustersLast14Days"] = json!(0);
    ex["events"]["baselineWeeklyIncidence"] = json!(1.0);
    ex
}

#[test]
fn level_orders_agree_with_each_framework_s_severity() {
    for situation in [example(), quiet()] {
        let a = assess_with(&to_json(&situation), &Json::Null).unwrap();
        for c in &a.verdict.considered {
            if c.source == "composite" {
                continue;
            }
            let order = LEVEL_ORDERS.iter().find(|(k, _)| *k == c.source).unwrap().1;
            if let (Some(level), Some(sev)) = (&c.level, c.severity) {
                assert_eq!(order.iter().position(|o| o == level), Some(sev as usize), "{}: {level}", c.source);
            }
        }
    }
}

#[test]
fn the_verdict_is_the_most_severe_source_and_names_it() {
    let a = assess_with(&to_json(&example()), &Json::Null).unwrap();
    let v = &a.verdict;
    let known = v.considered.iter().filter_map(|c| c.severity).max().unwrap();
    assert!(v.severity >= known);
    if !v.precautionary {
        assert_eq!(v.severity, known);
    }
    assert_eq!(v.level, RESPONSE_LEVELS[v.severity as usize]);
    assert!(!v.drivers.is_empty());
    for d in &v.drivers {
        assert!(d.severity == Some(v.severity) || d.assumed_severity == Some(v.severity), "{d:?}");
    }
    // Every enabled framework was considered, plus the composite.
    assert_eq!(v.considered.len(), 9);
}

#[test]
fn precautionary_rule_raises_a_level_when_inputs_are_missing_and_can_be_switched_off() {
    let mut q = quiet();
    let on = assess_with(&to_json(&q), &Json::Null).unwrap();
    assert!(!on.verdict.precautionary, "nothing missing: {:?}", on.verdict.considered);
    // Take away admissions: CDC community levels cannot be known.
    q["series"].as_object_mut().unwrap().remove("admissions");
    let on = assess_with(&to_json(&q), &Json::Null).unwrap();
    let cdc = on.verdict.considered.iter().find(|c| c.source == "cdcCommunity").unwrap();
    assert_eq!(cdc.severity, None);
    assert!(cdc.missing.iter().any(|m| m.starts_with("series.admissions")), "{:?}", cdc.missing);
    let assumed = cdc.assumed_severity.unwrap();
    assert!(assumed >= 1);
    let off = assess_with(&to_json(&q), &to_json(&json!({ "precautionary": false }))).unwrap();
    assert!(on.verdict.severity >= assumed);
    assert!(off.verdict.severity <= on.verdict.severity);
    if on.verdict.severity > off.verdict.severity {
        assert!(on.verdict.precautionary);
    }
    assert!(!off.verdict.precautionary);
    assert!(off.verdict.notes.iter().any(|n| n.code == "unknown-left-out"));
    assert!(on.verdict.notes.iter().any(|n| n.code == "precautionary-assumed"));
}

#[test]
fn composite_score_by_hand() {
    let settings = CompositeSettings {
        enabled: true,
        indicators: vec![
            CompositeIndicator { id: "incidence7dPer100k", low: 0.0, high: 100.0, weight: Some(3.0) },
            CompositeIndicator { id: "rt", low: 0.5, high: 1.5, weight: Some(1.0) },
            CompositeIndicator { id: "bedsOccupied", low: 0.0, high: 100.0, weight: Some(1.0) },
        ],
        cut_points: [20.0, 40.0, 60.0, 80.0],
    };
    // incidence 50 → 0.5, Rt 2.0 → clamped 1.0, beds missing → left out, weights 3/4 and 1/4.
    let c = composite(&settings, |id| match id {
        "incidence7dPer100k" => Some(50.0),
        "rt" => Some(2.0),
        _ => None,
    });
    let score = c.score.unwrap();
    assert!((score - 100.0 * (0.75 * 0.5 + 0.25 * 1.0)).abs() < 1e-12, "{score}");
    assert_eq!(c.level, Some("II")); // 62.5 is in [60, 80)
    assert_eq!(c.missing, ["bedsOccupied"]);
    assert_eq!(c.contributions[0].id, "incidence7dPer100k"); // 37.5 points before 25
                                                             // On a cut-point the higher band applies; below the first, no level.
    let at = |v: f64| composite(&settings, |id| (id == "incidence7dPer100k").then_some(v));
    assert_eq!(at(60.0).level, Some("II"));
    assert_eq!(at(59.999).level, Some("III"));
    assert_eq!(at(19.0).level, None);
    assert_eq!(at(100.0).level, Some("I"));
    assert_eq!(composite(&settings, |_| None).score, None);
}

#[test]
fn option_errors_carry_paths() {
    let bad = json!({
        "precautionary": "yes",
        "frameworks": { "enabeld": [] },
        "composite": { "cutPoints": [50, 40, 60, 80], "indicators": [{ "id": "rt", "low": 2, "high": 1 }] },
    });
    let err = assess_with(&to_json(&example()), &to_json(&bad)).unwrap_err();
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    for want in [
        "options.precautionary",
        "options.frameworks.enabeld",
        "options.composite.cutPoints",
        "options.composite.indicators[0].high",
    ] {
        assert!(paths.contains(&want), "{want} in {paths:?}");
    }
    // Problems in the situation and in the options come together.
    let mut broken = example();
    broken["region"]["population"] = json!(0);
    let err = assess_with(&to_json(&broken), &to_json(&bad)).unwrap_err();
    assert!(err.problems.iter().any(|p| p.path == "region.population"));
    assert!(err.problems.iter().any(|p| p.path == "options.precautionary"));
}

#[test]
fn disabled_frameworks_are_not_considered() {
    let opts = json!({ "frameworks": { "enabled": ["cdcTransmission"] }, "composite": { "enabled": false } });
    let a = assess_with(&to_json(&example()), &to_json(&opts)).unwrap();
    let sources: Vec<&str> = a.verdict.considered.iter().map(|c| c.source).collect();
    assert_eq!(sources, ["cdcTransmission"]);
    let cdc = a.frameworks.cdc_transmission.as_ref().unwrap();
    assert_eq!(a.verdict.severity, cdc.severity.unwrap());
}
