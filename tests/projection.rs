//! Renewal projection, bed and ICU demand: hand-worked cases, properties, the settings reader,
//! and an independent cohort-based Python implementation (`tests/fixtures/projection.json`,
//! written by `tests/oracles/projection.py`).
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::error::{Path, Problems};
use crisis_desk::signals::projection::{
    carried_admissions, first_day_over, linear_discharge, occupancy, project, projection_band, renewal_projection,
    CareSettings, ProjectionInput, DEFAULT_HORIZON_DAYS,
};
use crisis_desk::signals::rt::RtWindow;
use crisis_desk::Json;
use serde_json::{json, Value};

mod common;
use common::{compare, to_json};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/projection.json")).unwrap()
}

fn window(q025: f64, median: f64, q975: f64, t_start: usize, t_end: usize) -> RtWindow {
    RtWindow {
        t_start,
        t_end,
        mean: median,
        std: 0.0,
        cv: 0.0,
        q025,
        q05: q025,
        q25: median,
        median,
        q75: median,
        q95: q975,
        q975,
        shape: 1.0,
        scale: 1.0,
    }
}

fn counts(v: &Value) -> Option<Vec<Option<f64>>> {
    v.as_array().map(|a| a.iter().map(Value::as_f64).collect())
}

#[test]
fn every_case_matches_the_python_oracle() {
    let fx = fixture();
    let tol = fx["tolerance"]["relative"].as_f64().unwrap();
    assert_eq!(tol, 1e-9);
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let inp = &case["input"];
        let mut problems = Problems::new();
        let settings = match inp.get("settings") {
            Some(s) => CareSettings::from_json(&to_json(s), &Path::root().key("care"), &mut problems).unwrap(),
            None => CareSettings::default(),
        };
        assert!(problems.is_empty(), "{name}");
        let rt = inp["rt"].as_object().map(|r| {
            let f = |k: &str| r[k].as_f64().unwrap();
            window(
                f("q025"),
                f("median"),
                f("q975"),
                r["tStart"].as_u64().unwrap() as usize,
                r["tEnd"].as_u64().unwrap() as usize,
            )
        });
        let si: Vec<f64> = inp["si"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        let local = counts(&inp["local"]).unwrap();
        let imported = counts(&inp["imported"]);
        let beds_occupied = counts(&inp["bedsOccupied"]);
        let icu_occupied = counts(&inp["icuOccupied"]);
        let out = project(&ProjectionInput {
            local: &local,
            imported: imported.as_deref(),
            beds_occupied: beds_occupied.as_deref(),
            icu_occupied: icu_occupied.as_deref(),
            beds: inp["capacity"]["beds"].as_f64(),
            icu_beds: inp["capacity"]["icuBeds"].as_f64(),
            si: &si,
            rt: rt.as_ref(),
            settings: &settings,
        });
        assert!(out.notes.iter().chain(&out.assumptions).all(|n| !n.message.is_empty()), "{name}");
        let mut got = serde_json::to_value(&out).unwrap();
        for key in ["notes", "assumptions"] {
            got[key] = Value::Array(got[key].as_array().unwrap().iter().map(|n| n["code"].clone()).collect());
        }
        compare(&got, &case["expect"], tol, name);
    }
}

#[test]
fn r_of_one_keeps_a_steady_state() {
    // Any w summing to 1 with a constant history c: Σ w_s c = c.
    let w = [0.0, 0.2, 0.5, 0.3];
    let got = renewal_projection(&[7.0; 10], &w, 1.0, 14);
    assert!(got.iter().all(|x| (x - 7.0).abs() < 1e-12), "{got:?}");
}

#[test]
fn r_of_two_with_a_one_day_interval_doubles_daily() {
    assert_eq!(renewal_projection(&[1.0, 3.0], &[0.0, 1.0], 2.0, 4), [6.0, 12.0, 24.0, 48.0]);
    // w = [0, 0, 1]: each day copies the day two before, times R.
    assert_eq!(renewal_projection(&[1.0, 2.0], &[0.0, 0.0, 1.0], 3.0, 4), [3.0, 6.0, 9.0, 18.0]);
    // Days before the series count as 0.
    assert_eq!(renewal_projection(&[4.0], &[0.0, 0.5, 0.5], 1.0, 3), [2.0, 3.0, 2.5]);
}

#[test]
fn invalid_numbers_project_nothing_rather_than_nan() {
    assert!(renewal_projection(&[1.0], &[0.0, 1.0], f64::NAN, 3).is_empty());
    assert!(renewal_projection(&[1.0], &[0.0, 1.0], -1.0, 3).is_empty());
    assert!(renewal_projection(&[f64::INFINITY], &[0.0, 1.0], 1.0, 3).is_empty());
    assert!(renewal_projection(&[1.0], &[0.0, f64::NAN], 1.0, 3).is_empty());
}

#[test]
fn the_band_is_ordered() {
    let history: Vec<f64> = (0..30).map(|t| (5.0 + 3.0 * (t as f64 * 0.7).sin()).round()).collect();
    let w = [0.0, 0.233, 0.359, 0.198, 0.103, 0.053, 0.027, 0.014, 0.007, 0.003, 0.002, 0.001];
    for (lo, mid, hi) in [(0.4, 0.9, 1.6), (1.0, 1.0, 1.0), (0.0, 2.0, 9.0)] {
        let b = projection_band(&history, &w, &window(lo, mid, hi, 24, 30), 28);
        for t in 0..28 {
            assert!(b.lower[t] <= b.central[t] && b.central[t] <= b.upper[t], "R {lo}/{mid}/{hi} day {}", t + 1);
        }
    }
}

#[test]
fn occupancy_by_hand() {
    // Stay 2: day t holds admissions of days t and t − 1, plus those carried in.
    assert_eq!(occupancy(&[1.0, 2.0, 3.0, 4.0], 2, &[5.0, 1.0]), [6.0, 4.0, 5.0, 7.0]);
    // Stay 1: only the day's own admissions.
    assert_eq!(occupancy(&[1.0, 2.0, 3.0], 1, &[]), [1.0, 2.0, 3.0]);
    // A census of 28 with a 14-day stay: 26, 24, … 0 on day 14.
    let d = linear_discharge(28.0, 14, 15);
    assert_eq!((d[0], d[6], d[13], d[14]), (26.0, 14.0, 0.0, 0.0));
    // Admitted 10 on each of the last 3 days, stay 3: day 1 keeps two cohorts, day 2 one.
    assert_eq!(carried_admissions(&[99.0, 10.0, 10.0, 10.0], 3, 3), [20.0, 10.0, 0.0]);
}

#[test]
fn first_day_over_capacity_by_hand() {
    let demand = [5.0, 9.0, 12.0, 15.0];
    assert_eq!(first_day_over(&demand, 10.0), Some(3));
    assert_eq!(first_day_over(&demand, 12.0), Some(4), "reaching capacity is not exceeding it");
    assert_eq!(first_day_over(&demand, 15.0), None);
    assert_eq!(first_day_over(&demand, 0.0), Some(1));
}

#[test]
fn a_worked_ward() {
    // History 10 a day, w = [0, 1], R 1: 10 cases a day ahead. admissionFraction 0.5, stay 3,
    // census 12 on the last day: day 1 = 5 + 12·(2/3) = 13, day 2 = 10 + 4 = 14, day 3 = 15 + 0.
    let settings = CareSettings {
        admission_fraction: 0.5,
        icu_fraction: 0.1,
        length_of_stay: 3,
        icu_length_of_stay: 2,
        horizon_days: 4,
        defaults_used: vec![],
    };
    let local = vec![Some(10.0); 5];
    let census = vec![None, None, None, None, Some(12.0)];
    let rt = window(1.0, 1.0, 1.0, 2, 5);
    let out = project(&ProjectionInput {
        local: &local,
        imported: None,
        beds_occupied: Some(&census),
        icu_occupied: None,
        beds: Some(14.5),
        icu_beds: None,
        si: &[0.0, 1.0],
        rt: Some(&rt),
        settings: &settings,
    });
    let beds = out.beds.unwrap();
    assert_eq!(beds.demand.central, [13.0, 14.0, 15.0, 15.0]);
    assert_eq!(beds.first_day_over_capacity.central, Some(3));
    assert_eq!(beds.current_patients_source, "reported");
    // ICU: no census, estimated from the last 2 days: 1 + 1 = 2 now; day 1 = 1 + 1 carried.
    let icu = out.icu.unwrap();
    assert_eq!(icu.current_patients, 2.0);
    assert_eq!(icu.demand.central, [2.0, 2.0, 2.0, 2.0]);
    assert_eq!(icu.first_day_over_capacity.central, None);
    let codes: Vec<&str> = out.notes.iter().map(|n| n.code).collect();
    assert_eq!(codes, ["census-estimated", "no-capacity"]);
    assert!(!out.assumptions.iter().any(|n| n.code == "default-setting"));
}

#[test]
fn settings_default_and_echo_what_was_used() {
    let mut p = Problems::new();
    let s = CareSettings::from_json(&to_json(&json!({ "lengthOfStay": 10 })), &Path::root(), &mut p).unwrap();
    assert!(p.is_empty());
    assert_eq!(s.length_of_stay, 10);
    assert_eq!(s.horizon_days, DEFAULT_HORIZON_DAYS);
    assert_eq!(s.defaults_used, ["admissionFraction", "icuFraction", "icuLengthOfStay", "horizonDays"]);
    let echo = serde_json::to_value(&s).unwrap();
    assert_eq!(echo["lengthOfStay"], 10);
    assert_eq!(echo["defaultsUsed"][0], "admissionFraction");
}

#[test]
fn settings_problems_name_their_path() {
    let at = Path::root().key("epi").key("care");
    let cases = [
        (
            json!({ "admissionFraction": 1.5, "icuFraction": -0.1, "lengthOfStay": 2.5, "icuLengthOfStay": 0,
                    "horizonDays": 29, "horizon": 3 }),
            vec![
                ("unknown-key", "epi.care.horizon"),
                ("out-of-range", "epi.care.admissionFraction"),
                ("out-of-range", "epi.care.icuFraction"),
                ("out-of-range", "epi.care.lengthOfStay"),
                ("out-of-range", "epi.care.icuLengthOfStay"),
                ("out-of-range", "epi.care.horizonDays"),
            ],
        ),
        (json!({ "icuFraction": 0.3 }), vec![("out-of-range", "epi.care.icuFraction")]),
        (json!({ "admissionFraction": "0.2" }), vec![("invalid-type", "epi.care.admissionFraction")]),
        (json!([]), vec![("invalid-type", "epi.care")]),
    ];
    for (v, want) in cases {
        let mut p = Problems::new();
        assert!(CareSettings::from_json(&to_json(&v), &at, &mut p).is_none(), "{v}");
        let list = p.into_vec();
        let got: Vec<(&str, &str)> = list.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
        assert_eq!(got, want, "{v}");
        assert!(list.iter().all(|p| !p.message.is_empty()));
    }
    let mut p = Problems::new();
    let nan = Json::Object(vec![("admissionFraction".into(), Json::Number(f64::NAN))]);
    assert!(CareSettings::from_json(&nan, &at, &mut p).is_none());
    assert_eq!(p.into_vec()[0].code.as_str(), "not-finite");
}

#[test]
fn invalid_rust_built_settings_project_nothing() {
    let settings = CareSettings { length_of_stay: 0, ..CareSettings::default() };
    let rt = window(1.0, 1.0, 1.0, 2, 5);
    let out = project(&ProjectionInput {
        local: &[Some(1.0); 5],
        imported: None,
        beds_occupied: None,
        icu_occupied: None,
        beds: None,
        icu_beds: None,
        si: &[0.0, 1.0],
        rt: Some(&rt),
        settings: &settings,
    });
    assert!(out.cases.is_none());
    assert_eq!(out.notes[0].code, "invalid-settings");
}
