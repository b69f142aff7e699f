//! Rt (Cori et al. 2013) against EpiEstim's own snapshot values and an independent SciPy
//! oracle: `tests/fixtures/rt-epiestim.json`, written by `tests/oracles/rt_fixture.py`, which
//! records for every expected value where it came from and the tolerance it is held to.

use crisis_desk::signals::rt::{cori, estimate_rt, gamma_quantile, overall_infectivity, Prior, RtInput};
use crisis_desk::signals::serial_interval::{discr_si, si_moments};
use crisis_desk::Json;
use serde_json::Value;

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/rt-epiestim.json")).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

/// `|got − want| ≤ absolute + relative·|want|`, reading either bound from `tol` (absent = 0).
fn within(got: f64, want: f64, tol: &Value) -> bool {
    let abs = tol["absolute"].as_f64().unwrap_or(0.0);
    let rel = tol["relative"].as_f64().unwrap_or(0.0);
    got.is_finite() && (got - want).abs() <= abs + rel * want.abs()
}

const FIELDS: [&str; 9] = ["mean", "std", "q025", "q05", "q25", "median", "q75", "q95", "q975"];

#[test]
fn every_case_matches_its_reference() {
    let fx = fixture();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let tol = &case["tolerance"];
        let out = estimate_rt(&to_json(&case["input"])).unwrap_or_else(|e| panic!("{name}: {e}"));
        let got = serde_json::to_value(&out).unwrap();
        let want = case["expect"]["windows"].as_array().unwrap();
        assert_eq!(out.windows.len(), want.len(), "{name}: number of windows");
        for (g, w) in got["windows"].as_array().unwrap().iter().zip(want) {
            assert_eq!(g["tStart"], w["tStart"], "{name}");
            assert_eq!(g["tEnd"], w["tEnd"], "{name}");
            for field in FIELDS {
                let (gv, wv) = (g[field].as_f64().unwrap(), w[field].as_f64().unwrap());
                assert!(
                    within(gv, wv, &tol["windows"]),
                    "{name} window {}–{} {field}: got {gv}, want {wv}",
                    w["tStart"],
                    w["tEnd"]
                );
            }
            let cv = g["cv"].as_f64().unwrap();
            assert!((cv - g["std"].as_f64().unwrap() / g["mean"].as_f64().unwrap()).abs() < 1e-12, "{name}: cv");
        }
        if let Some(si) = case["expect"].get("si") {
            let want = f64s(si);
            assert_eq!(out.si.len(), want.len(), "{name}: si length");
            for (k, (g, w)) in out.si.iter().zip(&want).enumerate() {
                assert!(within(*g, *w, &tol["si"]), "{name}: si[{k}] got {g}, want {w}");
            }
        }
        for (key, got) in [("siMean", out.si_mean), ("siStd", out.si_std)] {
            let want = case["expect"][key].as_f64().unwrap();
            assert!(within(got, want, &tol["siMoments"]), "{name}: {key} got {got}, want {want}");
        }
        let codes: Vec<&str> = out.warnings.iter().map(|w| w.code).collect();
        let want: Vec<&str> =
            case["expect"]["warnings"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        assert_eq!(codes, want, "{name}: warnings");
        assert!(out.warnings.iter().all(|w| !w.message.is_empty()), "{name}");
    }
}

#[test]
fn the_brief_s_headline_value() {
    // oracles.md: Flu2009, non-parametric SI, window 2–8: Mean 1.7356089, Std 0.40908694.
    let fx = fixture();
    let out = estimate_rt(&to_json(&fx["cases"][0]["input"])).unwrap();
    assert_eq!((out.windows[0].t_start, out.windows[0].t_end), (2, 8));
    assert!((out.windows[0].mean - 1.7356089).abs() < 1e-7);
    assert!((out.windows[0].std - 0.40908694).abs() < 1e-8);
}

#[test]
fn discr_si_matches_epiestim_and_the_oracle() {
    for case in fixture()["discrSi"].as_array().unwrap() {
        let (mean, sd) = (case["mean"].as_f64().unwrap(), case["sd"].as_f64().unwrap());
        let k_max = case["kMax"].as_u64().unwrap() as usize;
        let got = discr_si(k_max, mean, sd).unwrap();
        let want = f64s(&case["expect"]);
        assert_eq!(got.len(), want.len());
        for (k, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(within(*g, *w, &case["tolerance"]), "discr_si({k}, {mean}, {sd}): got {g}, want {w}");
        }
    }
}

#[test]
fn gamma_quantiles_match_scipy() {
    let q = &fixture()["gammaQuantile"];
    let tol = &q["tolerance"];
    for c in q["cases"].as_array().unwrap() {
        let [p, shape, scale, want] = ["p", "shape", "scale", "expect"].map(|k| c[k].as_f64().unwrap());
        let got = gamma_quantile(p, shape, scale);
        assert!(within(got, want, tol), "qgamma({p}, {shape}, scale {scale}): got {got}, want {want}");
    }
}

#[test]
fn each_invalid_request_reports_every_problem_with_code_and_path() {
    for case in fixture()["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = estimate_rt(&to_json(&case["input"])).expect_err(name);
        let got = common::problem_pairs(&err);
        let want = common::expected_pairs(case);
        assert_eq!(got, want, "{name}");
        assert!(err.problems.iter().all(|p| !p.message.is_empty()), "{name}");
        for p in &err.problems {
            assert_eq!(serde_json::to_value(p.code).unwrap(), Value::from(p.code.as_str()), "serde and as_str agree");
        }
    }
}

#[test]
fn non_finite_numbers_are_rejected() {
    // serde_json cannot carry NaN; build the value as the boundary does from JS.
    let v = Json::Object(vec![
        ("incidence".into(), Json::Array((0..10).map(|i| Json::Number(if i == 4 { f64::NAN } else { 3.0 })).collect())),
        (
            "si".into(),
            Json::Object(vec![("mean".into(), Json::Number(f64::INFINITY)), ("sd".into(), Json::Number(1.0))]),
        ),
    ]);
    let err = estimate_rt(&v).unwrap_err();
    let got: Vec<(&str, &str)> = err.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
    assert_eq!(got, [("not-finite", "incidence[4]"), ("not-finite", "si.mean")]);
}

#[test]
fn plain_api_agrees_with_the_json_api() {
    let fx = fixture();
    let case = &fx["cases"][2]["input"]; // local/imported, parametric SI
    let input = RtInput::from_json(&to_json(case)).unwrap();
    let out = input.estimate();
    let mut local = f64s(&case["local"]);
    let mut imported = f64s(&case["imported"]);
    imported[0] += local[0];
    local[0] = 0.0;
    let windows: Vec<(usize, usize)> =
        f64s(&case["tStart"]).into_iter().zip(f64s(&case["tEnd"])).map(|(s, e)| (s as usize, e as usize)).collect();
    let plain = cori(&local, &imported, &out.si, &windows, Prior::default());
    assert_eq!(plain, out.windows);
    // Λ is the SI-weighted sum of past total incidence.
    let lambda = overall_infectivity(&local, &imported, &out.si);
    assert_eq!(lambda.len(), local.len());
    assert_eq!(si_moments(&out.si), (out.si_mean, out.si_std));
}

#[test]
fn output_is_camel_case_and_never_nan() {
    // Awkward but valid requests: a prior with shape far below 1 and windows with no cases.
    let requests = [
        r#"{"incidence":[1,0,0,0,0,0,0,0,0,0],"si":{"mean":2.6,"sd":1.5},"window":2,"prior":{"mean":1,"sd":10}}"#,
        r#"{"local":[0,0,0,0,0,0,0,0,0],"imported":[0,0,0,5,0,0,0,0,0],"si":{"distribution":[0,1]},"window":1}"#,
        r#"{"incidence":[9007199254740991,1,2,3,4,5,6,7,8],"si":{"mean":30,"sd":1}}"#,
    ];
    for text in requests {
        let out = estimate_rt(&serde_json::from_str::<Json>(text).unwrap()).unwrap();
        let v = serde_json::to_value(&out).unwrap();
        fn walk(v: &Value, text: &str) {
            match v {
                Value::Number(n) => assert!(n.as_f64().unwrap().is_finite(), "{text}"),
                Value::Null => panic!("null in {text}"),
                Value::Array(a) => a.iter().for_each(|x| walk(x, text)),
                Value::Object(o) => o.values().for_each(|x| walk(x, text)),
                _ => {}
            }
        }
        walk(&v, text);
        let s = serde_json::to_string(&out).unwrap();
        assert!(s.contains("\"tStart\"") || out.windows.is_empty(), "{s}");
        assert!(s.contains("\"siMean\""), "{s}");
    }
}
