//! SEIR scenario: independent checks of the RK4 integration (conservation, the analytic early
//! growth rate, the final-size relation, step-halving convergence), the effect of an action,
//! input validation, and SciPy's `solve_ivp` (`tests/fixtures/seir.json`, written by
//! `tests/oracles/seir.py`).
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::signals::seir::{
    integrate, rk4_step, simulate, simulate_with_steps, SeirInput, SeirRates, State, STEPS_PER_DAY,
};
use crisis_desk::Json;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/seir.json")).unwrap()
}

fn input(v: Value) -> SeirInput {
    SeirInput::from_json(&to_json(&v)).unwrap_or_else(|e| panic!("{e}"))
}

/// Numbers within `|got − want| ≤ rel |want| + abs`; everything else equal.
fn compare(got: &Value, want: &Value, rel: f64, abs: f64, at: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!(g.is_finite() && (g - w).abs() <= rel * w.abs() + abs, "{at}: got {g}, want {w}");
        }
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                compare(&g[k], wv, rel, abs, &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}: length");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                compare(gv, wv, rel, abs, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

#[test]
fn agrees_with_scipy_solve_ivp() {
    let fx = fixture();
    let rel = fx["tolerance"]["relative"].as_f64().unwrap();
    let abs = fx["tolerance"]["absolute"].as_f64().unwrap();
    assert_eq!((rel, abs), (1e-8, 1e-7));
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let out = simulate(&input(case["input"].clone()));
        let got = serde_json::to_value(&out).unwrap();
        for key in ["baseline", "scenario", "comparison"] {
            compare(&got[key], &case["expect"][key], rel, abs, &format!("{name}.{key}"));
        }
    }
}

#[test]
fn population_is_conserved_at_every_step() {
    let n = 1_439_800.0;
    let mut y = State::from([n - 300.0, 200.0, 100.0, 0.0, 0.0]);
    let h = 1.0 / STEPS_PER_DAY as f64;
    for step in 0..(200 * STEPS_PER_DAY) {
        let beta = if step < 20 * STEPS_PER_DAY { 2.5 / 3.47 } else { 0.4 * 2.5 / 3.47 };
        y = rk4_step(&y, h, beta, 1.0 / 3.69, 1.0 / 3.47, n);
        let total = y[0] + y[1] + y[2] + y[3];
        assert!((total - n).abs() <= 1e-9 * n, "step {step}: S + E + I + R = {total}");
        assert!(y.iter().all(|v| *v >= 0.0), "step {step}: {y:?}");
    }
}

#[test]
fn early_growth_rate_is_the_analytic_one() {
    // (r + σ)(r + γ) = σβ  ⇒  r = (−(σ + γ) + √((σ − γ)² + 4σβ)) / 2 (standards.md §7).
    for (r0, latent, infectious) in [(2.5f64, 3.69f64, 3.47f64), (1.5, 5.5, 4.0), (6.0, 2.0, 7.0)] {
        let (sigma, gamma) = (1.0 / latent, 1.0 / infectious);
        let beta = r0 * gamma;
        let r = (-(sigma + gamma) + ((sigma - gamma).powi(2) + 4.0 * sigma * beta).sqrt()) / 2.0;
        // A huge population keeps S/N ≈ 1; by day 40 the second eigenmode has died out.
        let n = 1e18;
        let rates = SeirRates { population: n, beta0: beta, sigma, gamma, action: None };
        let path = integrate(State::from([n - 1.0, 0.0, 1.0, 0.0, 0.0]), &rates, 60, STEPS_PER_DAY);
        let fitted = (path[60][2] / path[40][2]).ln() / 20.0;
        assert!((fitted - r).abs() < 1e-9, "R0 {r0}: RK4 growth {fitted}, analytic {r}");
    }
}

#[test]
fn final_size_matches_the_final_size_relation() {
    // SEIR has SIR's final size: z = 1 − exp(−R0 z). With the seed S0 < N exactly,
    // ln(S0/S∞) = R0 (N − R_init − S∞)/N (integrate dS/S = −βI/N dt and ∫γI dt = R∞ − R_init).
    for r0 in [1.5, 2.0, 3.0] {
        let out = simulate(&input(json!({
            "population": 1e7, "reproductionNumber": r0, "horizonDays": 730,
            "initial": { "exposed": 5, "infectious": 5 }
        })));
        let s_end = *out.baseline.susceptible.last().unwrap();
        let z = 1.0 - s_end / 1e7;
        let mut classic = 0.5f64;
        for _ in 0..200 {
            classic = 1.0 - (-r0 * classic).exp();
        }
        assert!((z - classic).abs() < 1e-4, "R0 {r0}: final size {z}, relation {classic}");
        let s0 = 1e7 - 10.0;
        let exact = (s0 / s_end).ln() - r0 * (1e7 - s_end) / 1e7;
        assert!(exact.abs() < 1e-8, "R0 {r0}: exact relation off by {exact}");
        assert!(out.baseline.peak_within_horizon);
    }
}

#[test]
fn halving_the_step_changes_nothing_that_matters() {
    let fx = fixture();
    for case in fx["cases"].as_array().unwrap() {
        let inp = input(case["input"].clone());
        let a = serde_json::to_value(simulate_with_steps(&inp, STEPS_PER_DAY)).unwrap();
        let b = serde_json::to_value(simulate_with_steps(&inp, 2 * STEPS_PER_DAY)).unwrap();
        for key in ["baseline", "scenario"] {
            compare(&a[key], &b[key], 1e-9, 1e-8, &format!("{}.{key}", case["name"]));
        }
    }
}

#[test]
fn incidence_falls_once_the_action_brings_r_below_one() {
    // R0 2.5, c 0.7: R0 (1 − c) = 0.75 < 1 from day 11. New infections drop at once, may rise
    // for a few days while the exposed become infectious, then fall every day.
    let out = simulate(&input(json!({
        "population": 1439800, "reproductionNumber": 2.5, "horizonDays": 120,
        "initial": { "dailyCases": 5 }, "intervention": { "contactReduction": 0.7, "fromDay": 11 }
    })));
    let (base, scen) = (&out.baseline.new_infections, &out.scenario.as_ref().unwrap().new_infections);
    let d = 11;
    assert!(scen[d - 1] < scen[d - 2], "the day the action starts is below the day before");
    let peak = (d - 1..base.len()).max_by(|&a, &b| scen[a].total_cmp(&scen[b])).unwrap();
    assert!(peak - (d - 1) <= 7, "any rebound ends within a latent + infectious period");
    assert!(scen[peak..].windows(2).all(|w| w[1] < w[0]), "falls every day after that");
    assert!((d - 1..base.len()).all(|t| scen[t] < base[t]), "below the baseline every day after the action");
    assert!(base[d..].windows(2).any(|w| w[1] > w[0]), "the baseline still grows");
    assert!(out.comparison.unwrap().infections_averted > 0.0);
    assert!(out.scenario.unwrap().final_effective_reproduction_number < 1.0);
}

#[test]
fn a_later_action_averts_less() {
    let run = |day: u32| {
        simulate(&input(json!({
            "population": 1439800, "reproductionNumber": 2.2, "horizonDays": 120,
            "initial": { "dailyCases": 30 }, "intervention": { "contactReduction": 0.5, "fromDay": day }
        })))
        .comparison
        .unwrap()
        .infections_averted
    };
    assert!(run(1) > run(8) && run(8) > run(15), "acting on Monday rather than next week");
}

#[test]
fn daily_cases_seed_e_and_i_by_littles_law() {
    let inp = input(json!({ "population": 1000, "reproductionNumber": 1.2, "initial": { "dailyCases": 10 } }));
    assert!((inp.initial_exposed - 36.9).abs() < 1e-12);
    assert!((inp.initial_infectious - 34.7).abs() < 1e-12);
    let out = simulate(&inp);
    assert_eq!(out.settings.horizon_days, 90);
    assert_eq!(out.settings.defaults_used, ["latentPeriod", "infectiousPeriod", "horizonDays", "initial.removed"]);
    assert!(out.scenario.is_none() && out.comparison.is_none());
    let codes: Vec<&str> = out.notes.iter().map(|n| n.code).collect();
    assert_eq!(codes, ["no-intervention"]);
    assert_eq!(out.assumptions.iter().filter(|n| n.code == "default-setting").count(), 4);
}

#[test]
fn extreme_but_valid_inputs_stay_finite() {
    for v in [
        json!({ "population": 1, "reproductionNumber": 30, "latentPeriod": 0.5, "infectiousPeriod": 0.5,
                "initial": { "exposed": 0, "infectious": 1 }, "horizonDays": 730 }),
        json!({ "population": 9e15, "reproductionNumber": 0.01, "latentPeriod": 60, "infectiousPeriod": 60,
                "initial": { "exposed": 0, "infectious": 0 }, "horizonDays": 1 }),
    ] {
        let out = serde_json::to_value(simulate(&input(v))).unwrap();
        fn finite(v: &Value) -> bool {
            match v {
                Value::Number(n) => n.as_f64().is_some_and(|x| x.is_finite() && x >= -1e-9),
                Value::Array(a) => a.iter().all(finite),
                Value::Object(o) => o.values().all(finite),
                _ => true,
            }
        }
        assert!(finite(&out["baseline"]), "{out}");
    }
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let cases = [
        (json!({}), vec![("required", "population"), ("required", "reproductionNumber"), ("required", "initial")]),
        (
            json!({ "population": -5, "reproductionNumber": 0, "latentPeriod": 0.1, "infectiousPeriod": "4",
                    "horizonDays": 731, "initial": { "dailyCases": 3, "exposed": 1 }, "extra": 1 }),
            vec![
                ("unknown-key", "extra"),
                ("negative-count", "population"),
                ("out-of-range", "reproductionNumber"),
                ("out-of-range", "latentPeriod"),
                ("invalid-type", "infectiousPeriod"),
                ("out-of-range", "horizonDays"),
                ("conflicting-fields", "initial.exposed"),
            ],
        ),
        (
            json!({ "population": 100, "reproductionNumber": 2, "horizonDays": 10,
                    "initial": { "exposed": 1 }, "intervention": { "contactReduction": 1, "fromDay": 11 } }),
            vec![
                ("required", "initial.infectious"),
                ("out-of-range", "intervention.contactReduction"),
                ("out-of-range", "intervention.fromDay"),
            ],
        ),
        (
            json!({ "population": 100, "reproductionNumber": 2, "initial": { "exposed": 60, "infectious": 30, "removed": 20 } }),
            vec![("out-of-range", "initial")],
        ),
        (
            json!({ "population": 100, "reproductionNumber": 2, "initial": {} }),
            vec![("required", "initial.dailyCases")],
        ),
        (json!([1]), vec![("invalid-type", "")]),
    ];
    for (v, want) in cases {
        let err = SeirInput::from_json(&to_json(&v)).expect_err(&v.to_string());
        let got: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
        assert_eq!(got, want, "{v}");
        assert!(err.problems.iter().all(|p| !p.message.is_empty()));
    }
    let nan = Json::Object(vec![
        ("population".into(), Json::Number(100.0)),
        ("reproductionNumber".into(), Json::Number(f64::NAN)),
        ("initial".into(), Json::Object(vec![("dailyCases".into(), Json::Number(f64::INFINITY))])),
    ]);
    let err = SeirInput::from_json(&nan).unwrap_err();
    let got: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
    assert_eq!(got, [("not-finite", "reproductionNumber"), ("not-finite", "initial.dailyCases")]);
}
