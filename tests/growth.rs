//! Growth rate and doubling time against statsmodels' OLS: `tests/fixtures/growth.json`,
//! written by `tests/oracles/growth.py`.

use crisis_desk::signals::growth::{growth_signals, GrowthWindow};
use serde_json::Value;

mod common;
use common::compare;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/growth.json")).unwrap()
}

fn window_value(w: &GrowthWindow) -> Value {
    let mut v = serde_json::to_value(w).unwrap();
    // The fixture lists note codes; the messages are for people.
    v["notes"] = Value::Array(w.notes.iter().map(|n| Value::from(n.code)).collect());
    v
}

#[test]
fn every_case_matches_statsmodels() {
    let fx = fixture();
    let tol = fx["tolerance"]["relative"].as_f64().unwrap();
    assert_eq!(tol, 1e-9);
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let counts: Vec<Option<f64>> = case["counts"].as_array().unwrap().iter().map(Value::as_f64).collect();
        let g = growth_signals(&counts);
        for (key, w) in [("last7Days", &g.last_7_days), ("last14Days", &g.last_14_days)] {
            compare(&window_value(w), &case["expect"][key], tol, &format!("{name}.{key}"));
            assert!(w.notes.iter().all(|n| !n.message.is_empty()), "{name}");
        }
    }
}

#[test]
fn serialises_camel_case_with_null_for_unbounded_never_infinity() {
    let fx = fixture();
    for case in fx["cases"].as_array().unwrap() {
        let counts: Vec<Option<f64>> = case["counts"].as_array().unwrap().iter().map(Value::as_f64).collect();
        let text = serde_json::to_string(&growth_signals(&counts)).unwrap();
        assert!(text.contains("\"last7Days\"") && text.contains("\"last14Days\""), "{text}");
        assert!(!text.contains("inf") && !text.contains("NaN"), "{text}");
    }
    let flat: Vec<Option<f64>> = [20., 25., 18., 22., 27., 19., 23.].iter().map(|&x| Some(x)).collect();
    let v = serde_json::to_value(growth_signals(&flat).last_7_days).unwrap();
    assert_eq!(v["fit"]["time"]["upper"], Value::Null, "{v}");
    assert!(v["fit"]["time"]["lower"].as_f64().unwrap().is_finite());
    assert!(v["fit"]["rateLower"].as_f64().unwrap() < 0.0 && v["fit"]["rateUpper"].as_f64().unwrap() > 0.0);
}
