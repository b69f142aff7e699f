//! Data-quality flags on hand-made series (`tests/fixtures/quality.json`, written by
//! `tests/oracles/quality.py`, whose hand-written expectations are checked there against an
//! independent numpy/scipy implementation).

use crisis_desk::signals::quality::{column_flags, data_quality, missing, zero_runs, QualitySettings};
use crisis_desk::situation::{Column, Situation};
use crisis_desk::Json;
use serde_json::Value;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/quality.json")).unwrap()
}

fn column(key: &str) -> Column {
    *Column::ALL.iter().find(|c| c.key() == key).unwrap()
}

fn counts(v: &Value) -> Vec<Option<f64>> {
    v.as_array().unwrap().iter().map(Value::as_f64).collect()
}

/// The flag fields the fixture pins: code, day, days, observed and expected (to 1e-12).
fn check_flag(got: &Value, want: &Value, at: &str) {
    for key in ["code", "dayIndex", "days"] {
        assert_eq!(got[key], want[key], "{at}.{key}");
    }
    for key in ["observed", "expected"] {
        let (g, w) = (got[key].as_f64().unwrap(), want[key].as_f64().unwrap());
        assert!((g - w).abs() <= 1e-12, "{at}.{key}: got {g}, want {w}");
    }
    for key in ["column", "date"] {
        if let Some(w) = want.get(key) {
            assert_eq!(&got[key], w, "{at}.{key}");
        }
    }
    assert!(!got["message"].as_str().unwrap().is_empty(), "{at}: a message");
}

#[test]
fn settings_are_the_documented_ones() {
    let fx = fixture();
    assert_eq!(serde_json::to_value(QualitySettings::default()).unwrap(), fx["settings"]);
}

#[test]
fn every_hand_made_series_gets_its_flags() {
    let fx = fixture();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let c = column(case["column"].as_str().unwrap());
        let values = counts(&case["values"]);
        let flags = serde_json::to_value(column_flags(c, &values, &QualitySettings::default())).unwrap();
        let want = case["expect"]["flags"].as_array().unwrap();
        assert_eq!(flags.as_array().unwrap().len(), want.len(), "{name}: {flags}");
        for (i, (g, w)) in flags.as_array().unwrap().iter().zip(want).enumerate() {
            check_flag(g, w, &format!("{name}.flags[{i}]"));
            assert_eq!(g["column"], case["column"], "{name}");
            assert_eq!(g["date"], Value::Null, "{name}: no dates from a bare column");
        }
        let missing_days = missing(c, &values).map(|m| m.day_indices).unwrap_or_default();
        let want: Vec<usize> = case["expect"]["missingDayIndices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(missing_days, want, "{name}: missing days");
    }
}

#[test]
fn a_situation_gets_dated_flags_and_the_signals_its_missing_days_affect() {
    let fx = fixture();
    let input: Json = serde_json::from_value(fx["situation"]["input"].clone()).unwrap();
    let situation = Situation::from_json(&input).unwrap();
    let q = serde_json::to_value(data_quality(&situation.series)).unwrap();
    let want = &fx["situation"]["expect"];
    let flags = q["flags"].as_array().unwrap();
    assert_eq!(flags.len(), want["flags"].as_array().unwrap().len(), "{q}");
    for (i, (g, w)) in flags.iter().zip(want["flags"].as_array().unwrap()).enumerate() {
        check_flag(g, w, &format!("situation.flags[{i}]"));
    }
    let missing = q["missingDays"].as_array().unwrap();
    let want = want["missingDays"].as_array().unwrap();
    assert_eq!(missing.len(), want.len(), "{q}");
    for (g, w) in missing.iter().zip(want) {
        let at = w["column"].as_str().unwrap();
        for key in ["column", "dayIndices", "dates"] {
            assert_eq!(g[key], w[key], "{at}.{key}");
        }
        let codes: Vec<&Value> = g["affects"].as_array().unwrap().iter().map(|n| &n["code"]).collect();
        assert_eq!(codes, w["affects"].as_array().unwrap().iter().collect::<Vec<_>>(), "{at}.affects");
        assert!(g["affects"].as_array().unwrap().iter().all(|n| !n["message"].as_str().unwrap().is_empty()));
    }
    assert_eq!(q["settings"], fx["settings"]);
}

#[test]
fn the_data_are_never_changed() {
    let fx = fixture();
    let input: Json = serde_json::from_value(fx["situation"]["input"].clone()).unwrap();
    let situation = Situation::from_json(&input).unwrap();
    let before = situation.clone();
    let _ = data_quality(&situation.series);
    assert_eq!(situation, before);
}

#[test]
fn the_zero_probability_threshold_is_the_poisson_bound() {
    // e^{−λ} < 0.001 ⇔ λ > ln 1000 = 6.9078: a level of 6.9 is not flagged, 7 is.
    let s = QualitySettings::default();
    let series = |level: f64| vec![Some(level), Some(level), Some(0.0), Some(0.0)];
    assert!(zero_runs(&series(6.9), &s).is_empty());
    assert_eq!(zero_runs(&series(7.0), &s), [(2, 2, 7.0)]);
    // A null inside a run splits it; each part is judged on its own.
    let split = [Some(30.0), Some(0.0), None, Some(0.0), Some(30.0)];
    assert!(zero_runs(&split, &s).is_empty());
}
