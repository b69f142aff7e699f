//! `assess` reports Rt and growth: checked against the standalone estimators on the same
//! days (two input paths through the core), and the handling of missing days and settings.

use crisis_desk::assess;
use crisis_desk::signals::rt::estimate_rt;
use crisis_desk::signals::rt_summary::DEFAULT_SERIAL_INTERVAL;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn example() -> Value {
    serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap()
}

#[test]
fn latest_rt_equals_estimate_rt_on_the_same_days() {
    let ex = example();
    let a = assess(&to_json(&ex)).unwrap();
    let (mean, sd) = DEFAULT_SERIAL_INTERVAL;
    let direct = estimate_rt(&to_json(&json!({
        "local": ex["series"]["localCases"],
        "imported": ex["series"]["importedCases"],
        "si": { "mean": mean, "sd": sd },
    })))
    .unwrap();
    let last = direct.windows.last().unwrap();
    let latest = a.rt.latest.as_ref().expect("the example has an Rt");
    assert_eq!(latest.mean, last.mean);
    assert_eq!((latest.lower, latest.upper, latest.median), (last.q025, last.q975, last.median));
    assert_eq!(latest.end_date, ex["asOf"].as_str().unwrap());
    assert_eq!(a.rt.windows.len(), direct.windows.len());
    assert_eq!(a.rt.days_used, ex["series"]["date"].as_array().unwrap().len());
    assert!(a.rt.settings.serial_interval_source.contains("Nishiura"));
    // P(R > 1) is consistent with the interval.
    assert!(latest.probability_above_1 > 0.0 && latest.probability_above_1 < 1.0);
    if latest.lower > 1.0 {
        assert!(latest.probability_above_1 > 0.975);
    }
    if latest.upper < 1.0 {
        assert!(latest.probability_above_1 < 0.025);
    }
}

#[test]
fn rt_uses_only_the_days_after_the_last_missing_one() {
    let mut ex = example();
    ex["series"]["localCases"][30] = Value::Null;
    let n = ex["series"]["date"].as_array().unwrap().len();
    let a = assess(&to_json(&ex)).unwrap();
    assert_eq!(a.rt.days_used, n - 31);
    assert_eq!(a.rt.first_date_used.as_deref(), ex["series"]["date"][31].as_str());
    assert!(a.rt.notes.iter().any(|n| n.code == "missing-days"));
    let local: Vec<Value> = ex["series"]["localCases"].as_array().unwrap()[31..].to_vec();
    let imported: Vec<Value> = ex["series"]["importedCases"].as_array().unwrap()[31..].to_vec();
    let direct =
        estimate_rt(&to_json(&json!({ "local": local, "imported": imported, "si": { "mean": 4.7, "sd": 2.9 } })))
            .unwrap();
    assert_eq!(a.rt.latest.unwrap().mean, direct.windows.last().unwrap().mean);
}

#[test]
fn a_missing_last_day_leaves_rt_null_with_a_reason() {
    let mut ex = example();
    let n = ex["series"]["date"].as_array().unwrap().len();
    ex["series"]["localCases"][n - 3] = Value::Null;
    let a = assess(&to_json(&ex)).unwrap();
    assert!(a.rt.latest.is_none());
    assert!(a.rt.notes.iter().any(|n| n.code == "series-too-short"), "{:?}", a.rt.notes);
}

#[test]
fn settings_in_the_situation_are_used_and_echoed() {
    let mut ex = example();
    ex["epi"] = json!({ "serialInterval": { "distribution": [0, 0.2, 0.5, 0.3] }, "rtWindow": 10, "rtPrior": { "mean": 2, "sd": 1 } });
    let a = assess(&to_json(&ex)).unwrap();
    assert_eq!(a.rt.settings.window, 10);
    assert_eq!(a.rt.settings.serial_interval_distribution.as_deref(), Some(&[0.0, 0.2, 0.5, 0.3][..]));
    let direct = estimate_rt(&to_json(&json!({
        "local": ex["series"]["localCases"], "imported": ex["series"]["importedCases"],
        "si": { "distribution": [0, 0.2, 0.5, 0.3] }, "window": 10, "prior": { "mean": 2, "sd": 1 },
    })))
    .unwrap();
    assert_eq!(a.rt.latest.unwrap().mean, direct.windows.last().unwrap().mean);
}

#[test]
fn without_an_imported_column_every_case_is_local_and_a_note_says_so() {
    let mut ex = example();
    ex["series"].as_object_mut().unwrap().remove("importedCases");
    let a = assess(&to_json(&ex)).unwrap();
    assert!(a.rt.latest.is_some());
    assert!(a.rt.notes.iter().any(|n| n.code == "no-imported-column"));
}

#[test]
fn growth_in_assess_is_the_growth_of_local_cases() {
    let ex = example();
    let a = assess(&to_json(&ex)).unwrap();
    let local: Vec<Option<f64>> = ex["series"]["localCases"].as_array().unwrap().iter().map(|v| v.as_f64()).collect();
    assert_eq!(a.growth, crisis_desk::signals::growth::growth_signals(&local));
    assert!(a.growth.last_14_days.fit.is_some());
}
