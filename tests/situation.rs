//! Native tests of the situation input against the shared fixtures
//! (`tests/fixtures/situation-validation.json`, also read by the wasm and browser tests).

use crisis_desk::{assess, validate, Json};
use serde_json::Value;

mod common;
use common::to_json;

fn fixtures() -> Value {
    serde_json::from_str(include_str!("fixtures/situation-validation.json")).unwrap()
}

#[test]
fn valid_fixtures_pass() {
    for case in fixtures()["valid"].as_array().unwrap() {
        let problems = validate(&to_json(&case["input"]));
        assert!(problems.is_empty(), "{}: {problems:?}", case["name"]);
    }
}

#[test]
fn each_invalid_fixture_reports_every_problem_with_code_and_path() {
    for case in fixtures()["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = assess(&to_json(&case["input"])).expect_err(name);
        let got: Vec<(String, String)> =
            err.problems.iter().map(|p| (p.code.as_str().to_owned(), p.path.clone())).collect();
        let want: Vec<(String, String)> = case["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["code"].as_str().unwrap().to_owned(), e["path"].as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(got, want, "{name}");
        assert!(err.problems.iter().all(|p| !p.message.is_empty()), "{name}: every problem explains itself");
        assert_eq!(validate(&to_json(&case["input"])).len(), want.len(), "{name}: validate agrees with assess");
    }
}

#[test]
fn non_finite_numbers_are_rejected_not_read_as_missing() {
    // serde_json cannot carry NaN, so build the value directly (as the boundary does from JS).
    let mut v = to_json(&fixtures()["valid"][0]["input"]);
    if let Json::Object(root) = &mut v {
        let series = &mut root.iter_mut().find(|(k, _)| k == "series").unwrap().1;
        if let Json::Object(cols) = series {
            let local = &mut cols.iter_mut().find(|(k, _)| k == "localCases").unwrap().1;
            if let Json::Array(days) = local {
                days[6] = Json::Number(f64::NAN);
                days[7] = Json::Number(f64::INFINITY);
            }
        }
    }
    let err = assess(&v).unwrap_err();
    let got: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
    assert_eq!(got, [("not-finite", "series.localCases[6]"), ("not-finite", "series.localCases[7]")]);
}

#[test]
fn duplicate_keys_are_reported() {
    let v: Json =
        serde_json::from_str(r#"{"region":{"name":"a","population":1,"kind":"county","population":2}}"#).unwrap();
    let problems = validate(&v);
    assert!(
        problems.iter().any(|p| p.code.as_str() == "duplicate-key" && p.path == "region.population"),
        "{problems:?}"
    );
}

#[test]
fn example_scenario_assesses_to_its_own_figures() {
    let raw: Value = serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap();
    let a = assess(&to_json(&raw)).unwrap();
    // Recompute independently from the raw JSON.
    let local: Vec<f64> = raw["series"]["localCases"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    let pop = raw["region"]["population"].as_f64().unwrap();
    let last7: f64 = local[local.len() - 7..].iter().sum();
    let prev7: f64 = local[local.len() - 14..local.len() - 7].iter().sum();
    assert_eq!(a.signals.local_cases_last_7_days, Some(last7));
    assert_eq!(a.signals.cumulative_local_cases, local.iter().sum::<f64>());
    assert!((a.signals.incidence_7d_per_100k.unwrap() - last7 * 1e5 / pop).abs() < 1e-9);
    assert!((a.signals.week_on_week_change.unwrap() - (last7 - prev7) / prev7).abs() < 1e-12);
    assert!((1_000_000.0..2_000_000.0).contains(&a.region.population), "a county-level city of about 1.4 million");
    assert_eq!(a.series.days, local.len());
    assert_eq!(a.series.days_behind_as_of, 0);
}

#[test]
fn assessment_serialises_without_nan() {
    // Property over several series shapes: no number in the output is NaN or infinite.
    for case in fixtures()["valid"].as_array().unwrap() {
        let a = assess(&to_json(&case["input"])).unwrap();
        let text = serde_json::to_string(&a).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        fn walk(v: &Value) {
            match v {
                Value::Number(n) => assert!(n.as_f64().unwrap().is_finite()),
                Value::Array(a) => a.iter().for_each(walk),
                Value::Object(o) => o.values().for_each(walk),
                _ => {}
            }
        }
        walk(&back);
        assert!(text.contains("\"incidence7dPer100k\""), "camelCase keys: {text}");
    }
}
