//! `assess` reports the projection, the day capacity runs out and data quality: checked by
//! recomputing the renewal equation by hand and against the capacity it reports.

use crisis_desk::assess;
use crisis_desk::signals::rt::estimate_rt;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn example() -> Value {
    serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn first_projected_day_is_the_renewal_equation_by_hand() {
    let ex = example();
    let a = assess(&to_json(&ex)).unwrap();
    let p = &a.projection;
    let cases = p.projection.cases.as_ref().expect("the example projects cases");
    // I_{T+1} = R · Σ_{s≥1} w_s (local + imported)_{T+1−s}, with R the latest window's median
    // (central), q025 (lower) and q975 (upper), w from the estimate on the same days.
    let local = f64s(&ex["series"]["localCases"]);
    let imported = f64s(&ex["series"]["importedCases"]);
    let est = estimate_rt(&to_json(&json!({ "local": local, "imported": imported, "si": { "mean": 4.7, "sd": 2.9 } })))
        .unwrap();
    let w = &est.si;
    let t = local.len();
    let lambda: f64 = (1..=t).map(|s| w.get(s).copied().unwrap_or(0.0) * (local[t - s] + imported[t - s])).sum();
    let last = est.windows.last().unwrap();
    for (got, r) in [(cases.lower[0], last.q025), (cases.central[0], last.median), (cases.upper[0], last.q975)] {
        assert!((got - r * lambda).abs() <= 1e-9 * got.max(1.0), "{got} vs {}", r * lambda);
    }
    assert!(cases.lower.iter().zip(&cases.central).zip(&cases.upper).all(|((l, c), u)| l <= c && c <= u));
    let last_date = ex["asOf"].as_str().unwrap();
    assert!(p.dates[0].as_str() > last_date);
    assert_eq!(p.dates.len(), p.projection.horizon_days);
}

#[test]
fn the_breach_date_is_the_first_day_demand_exceeds_capacity() {
    // Shrink capacity so the breach falls inside the horizon, then check it against demand.
    let mut ex = example();
    ex["capacity"]["beds"] = json!(120);
    let a = assess(&to_json(&ex)).unwrap();
    let beds = a.projection.projection.beds.as_ref().unwrap();
    let day = beds.first_day_over_capacity.central.expect("120 beds run out");
    assert!(beds.demand.central[day - 1] > 120.0);
    assert!(beds.demand.central[..day - 1].iter().all(|d| *d <= 120.0));
    assert_eq!(a.projection.beds_over_capacity_date.as_deref(), Some(a.projection.dates[day - 1].as_str()));
    // With ample beds there is no breach, and no date.
    ex["capacity"]["beds"] = json!(100_000);
    let a = assess(&to_json(&ex)).unwrap();
    assert_eq!(a.projection.projection.beds.as_ref().unwrap().first_day_over_capacity.central, None);
    assert_eq!(a.projection.beds_over_capacity_date, None);
}

#[test]
fn care_settings_from_the_situation_are_used() {
    let mut ex = example();
    ex["epi"] = json!({ "care": { "admissionFraction": 0.5, "horizonDays": 14 } });
    let a = assess(&to_json(&ex)).unwrap();
    assert_eq!(a.projection.projection.settings.admission_fraction, 0.5);
    assert_eq!(a.projection.dates.len(), 14);
}

#[test]
fn missing_days_are_listed_with_the_signals_they_affect() {
    let ex = example();
    let a = assess(&to_json(&ex)).unwrap();
    let text = serde_json::to_value(&a.data_quality).unwrap();
    let missing = text["missingDays"].as_array().unwrap();
    // The example leaves deaths on day 20 and both test columns on day 33 unreported.
    let cols: Vec<&str> = missing.iter().map(|m| m["column"].as_str().unwrap()).collect();
    assert!(
        cols.contains(&"deaths") && cols.contains(&"testsPerformed") && cols.contains(&"testsPositive"),
        "{cols:?}"
    );
    let deaths = missing.iter().find(|m| m["column"] == "deaths").unwrap();
    assert_eq!(deaths["dayIndices"], json!([20]));
    assert_eq!(deaths["dates"][0], ex["series"]["date"][20]);
}

#[test]
fn a_reporting_spike_is_flagged_and_the_data_unchanged() {
    let mut ex = example();
    ex["series"]["localCases"][45] = json!(400);
    let a = assess(&to_json(&ex)).unwrap();
    let flags = serde_json::to_value(&a.data_quality).unwrap()["flags"].clone();
    assert!(flags.as_array().unwrap().iter().any(|f| f["code"] == "reporting-spike" && f["dayIndex"] == 45), "{flags}");
    assert_eq!(a.daily.local_cases[45], Some(400.0));
}
