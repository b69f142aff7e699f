//! A batch of regions in columns (`src/batch.rs`) must answer exactly as `assessMany` does on
//! the same regions as situation objects, and name every problem at its place in the batch.
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{problem_pairs, to_json};
use crisis_desk::batch::{assess_batch, RegionBatch, MAX_DAYS};
use crisis_desk::date::Date;
use crisis_desk::timeline::{assess_many, RegionResult};
use serde_json::{json, Map, Value};

const COLUMNS: [&str; 9] = [
    "localCases",
    "importedCases",
    "asymptomatic",
    "deaths",
    "admissions",
    "testsPerformed",
    "testsPositive",
    "bedsOccupied",
    "icuOccupied",
];

/// Region `i`'s count of column `c` on day `t`: a wave out of step with the other regions, a
/// missing day now and then (`null`), some columns only for some regions.
fn count(i: usize, c: usize, t: usize) -> Value {
    if (t + i) % 37 == 5 {
        return Value::Null;
    }
    let wave = 20.0 + 15.0 * (2.0 * std::f64::consts::PI * (t + 7 * i) as f64 / 60.0).sin();
    let x = match c {
        5 => 2000.0 + (t % 7) as f64 * 50.0, // tests performed
        6 => (wave * 2.0).round(),           // tests positive
        _ => (wave / (c + 1) as f64).round().max(0.0),
    };
    json!(x)
}

fn regions(n: usize, days: usize) -> (Vec<Value>, Value) {
    let start = Date::parse("2026-01-01").unwrap();
    let dates: Vec<String> = (0..days).map(|t| start.plus_days(t as i64).to_string()).collect();
    let as_of = start.plus_days(days as i64 + 2).to_string(); // three days unreported at the end
    let mut situations = Vec::new();
    let mut metas = Vec::new();
    let mut columns: Map<String, Value> = Map::new();
    for (c, key) in COLUMNS.iter().enumerate() {
        if c < 3 || c == 5 || c == 6 || c == 7 {
            columns.insert((*key).into(), json!([]));
        }
    }
    for i in 0..n {
        let region = json!({ "name": format!("县 {i}"), "population": 80_000 + 37_000 * i, "kind": "county" });
        let capacity = json!({ "beds": 40 + i, "responseCapacity": (["adequate", "moderate", "limited"][i % 3]) });
        let events = json!({ "diseaseClass": "B", "clustersLast14Days": i % 3, "countiesAffected": 1 });
        let mut series = Map::new();
        series.insert("date".into(), json!(dates));
        for (key, column) in columns.iter_mut() {
            let c = COLUMNS.iter().position(|k| k == key).unwrap();
            let values: Vec<Value> = (0..days).map(|t| count(i, c, t)).collect();
            column.as_array_mut().unwrap().extend(values.iter().cloned());
            series.insert(key.clone(), Value::Array(values));
        }
        situations
            .push(json!({ "region": region, "asOf": as_of, "series": series, "capacity": capacity, "events": events }));
        metas.push(json!({ "region": region, "capacity": capacity, "events": events }));
    }
    let batch = json!({ "start": "2026-01-01", "days": days, "asOf": as_of, "regions": metas, "columns": columns });
    (situations, batch)
}

fn batch(v: &Value) -> RegionBatch {
    RegionBatch::from_json(&to_json(v))
}

fn as_value(results: &[RegionResult]) -> Value {
    serde_json::to_value(results).unwrap()
}

#[test]
fn a_batch_answers_as_assess_many_on_the_same_regions() {
    let (situations, b) = regions(24, 120);
    let options = json!({ "composite": { "enabled": true } });
    let many = assess_many(&to_json(&Value::Array(situations)), &to_json(&options)).unwrap();
    let columns = assess_batch(&batch(&b), &to_json(&options)).unwrap();
    assert!(many.iter().all(|r| matches!(r, RegionResult::Ok(_))), "every region is valid");
    assert_eq!(as_value(&columns), as_value(&many));
    // A region's own asOf wins over the batch's.
    let mut own = b.clone();
    own["regions"][3]["asOf"] = json!("2026-06-30");
    let got = as_value(&assess_batch(&batch(&own), &to_json(&options)).unwrap());
    assert_eq!(got[3]["summary"]["asOf"], "2026-06-30");
    assert_eq!(got[4]["summary"]["asOf"], b["asOf"]);
}

#[test]
fn a_bad_region_gets_its_own_error_at_its_place_in_the_batch() {
    let (_, mut b) = regions(4, 30);
    b["regions"][1]["region"]["population"] = json!(0);
    b["columns"]["localCases"][2 * 30 + 7] = json!(-3); // region 2, day 7
    b["columns"]["testsPositive"][3 * 30 + 1] = json!(99_999); // region 3, day 1: more than tests
    b["regions"][0]["series"] = json!({}); // the series is in the columns
    let got = assess_batch(&batch(&b), &serde_json::from_str("null").unwrap()).unwrap();
    let errors: Vec<Vec<(String, String)>> = got
        .iter()
        .map(|r| match r {
            RegionResult::Ok(_) => vec![],
            RegionResult::Err(e) => e.problems.iter().map(|p| (p.code.as_str().into(), p.path.clone())).collect(),
        })
        .collect();
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect::<Vec<_>>();
    assert_eq!(errors[0], pairs(&[("unknown-key", "regions[0].series")]));
    assert_eq!(errors[1], pairs(&[("out-of-range", "regions[1].region.population")]));
    assert_eq!(errors[2], pairs(&[("negative-count", "columns.localCases[67]")]));
    assert_eq!(errors[3], pairs(&[("positives-exceed-tests", "columns.testsPositive[91]")]));
}

#[test]
fn a_bad_batch_fails_with_every_problem() {
    let (_, good) = regions(2, 10);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut b = good.clone();
        f(&mut b);
        b
    };
    let cases: Vec<(Value, Vec<(&str, &str)>)> = vec![
        (json!([]), vec![("invalid-type", "")]),
        (with(&|b| b["start"] = json!("2026-02-30")), vec![("invalid-date", "start")]),
        (with(&|b| b["days"] = json!(0)), vec![("out-of-range", "days")]),
        (with(&|b| b["days"] = json!(MAX_DAYS + 1)), vec![("out-of-range", "days")]),
        (with(&|b| b["columns"]["localcases"] = json!([])), vec![("unknown-key", "columns.localcases")]),
        (with(&|b| b["columns"]["deaths"] = json!("many")), vec![("invalid-type", "columns.deaths")]),
        (
            with(&|b| {
                b["columns"].as_object_mut().unwrap().remove("localCases");
            }),
            vec![("required", "columns.localCases")],
        ),
        (
            with(&|b| b["columns"]["asymptomatic"].as_array_mut().unwrap().push(json!(1))),
            vec![("length-mismatch", "columns.asymptomatic")],
        ),
        (with(&|b| b["colums"] = json!({})), vec![("unknown-key", "colums")]),
    ];
    for (b, want) in cases {
        let err = assess_batch(&batch(&b), &to_json(&Value::Null)).unwrap_err();
        let want: Vec<(String, String)> = want.iter().map(|(c, p)| (c.to_string(), p.to_string())).collect();
        assert_eq!(problem_pairs(&err), want, "{b}");
    }
    // Bad options fail the call too, with the batch's problems.
    let err =
        assess_batch(&batch(&with(&|b| b["days"] = json!(-1))), &to_json(&json!({ "precautionary": 3 }))).unwrap_err();
    let codes: Vec<String> = problem_pairs(&err).into_iter().map(|(c, _)| c).collect();
    assert_eq!(codes, ["negative-count", "invalid-type"]);
}

#[test]
fn nan_in_a_column_is_a_day_not_reported_and_infinity_is_an_error() {
    let (situations, b) = regions(1, 20);
    let mut rb = batch(&b);
    // from_json turned each JSON null into NaN: the same answers as the situation's nulls.
    let many = assess_many(&to_json(&Value::Array(situations)), &to_json(&Value::Null)).unwrap();
    assert_eq!(as_value(&assess_batch(&rb, &to_json(&Value::Null)).unwrap()), as_value(&many));
    let cols = rb.columns.as_mut().unwrap();
    let local = cols.iter_mut().find(|(k, _)| k == "localCases").unwrap();
    let crisis_desk::batch::ColumnValues::Numbers(v) = &mut local.1 else { panic!("numbers") };
    v[4] = f64::INFINITY;
    let got = assess_batch(&rb, &to_json(&Value::Null)).unwrap();
    let RegionResult::Err(e) = &got[0] else { panic!("infinity must be an error") };
    assert_eq!((e.code.as_str(), e.path.as_str()), ("not-finite", "columns.localCases[4]"));
}
