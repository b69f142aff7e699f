//! Entropy weights, combined weights and TOPSIS against pymcdm, scikit-criteria, an
//! independent numpy oracle and the published examples those packages test:
//! `tests/fixtures/analysis/entropy.json` and `topsis.json`, written by
//! `tests/oracles/analysis_mcda.py` (provenance and tolerance recorded per reference).
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::analysis::entropy::{self as ent, CombineMethod, EntropyNormalization};
use crisis_desk::analysis::topsis::{self as top, TopsisNormalization};
use crisis_desk::analysis::{combine_weights, entropy_weights, topsis, CriterionType};
use crisis_desk::InputError;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn load(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(g.is_finite() && (g - w).abs() <= tol, "{what}[{k}]: got {g}, want {w} (±{tol})");
    }
}

fn problems(err: &InputError) -> Vec<(String, String)> {
    err.problems.iter().map(|p| (p.code.as_str().to_owned(), p.path.clone())).collect()
}

fn expected(case: &Value) -> Vec<(String, String)> {
    case["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap().to_owned(), e["path"].as_str().unwrap().to_owned()))
        .collect()
}

// ------------------------------------------------------------------ entropy

#[test]
fn entropy_weights_match_every_reference() {
    let fx = load(include_str!("fixtures/analysis/entropy.json"));
    let mut checked = 0;
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        for r in case["references"].as_array().unwrap() {
            let mut input = case["input"].clone();
            input["normalization"] = r["normalization"].clone();
            if let Some(shift) = r.get("shift") {
                input["shift"] = shift.clone();
            }
            let what = format!("{name} {} {} shift {:?}", r["source"], r["normalization"], r.get("shift"));
            let out = entropy_weights(&to_json(&input)).unwrap_or_else(|e| panic!("{what}: {e}"));
            let tol = r["tolerance"]["absolute"].as_f64().unwrap();
            assert_close(&what, &out.weights, &f64s(&r["weights"]), tol);
            for key in ["entropy", "divergence"] {
                if let Some(want) = r.get(key) {
                    let got = if key == "entropy" { &out.entropy } else { &out.divergence };
                    assert_close(&format!("{what} {key}"), got, &f64s(want), tol);
                }
            }
            assert!((out.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            if let Some(constant) = case.get("constant") {
                for j in constant.as_array().unwrap() {
                    assert_eq!(out.weights[j.as_u64().unwrap() as usize], 0.0, "{what}");
                }
                assert_eq!(out.notes[0].code, "constant-criterion", "{what}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 70, "{checked}");
}

#[test]
fn entropy_plain_api_and_settings() {
    let m = vec![vec![1.0, 5.0, 3.0], vec![2.0, 5.0, 1.0], vec![4.0, 5.0, 2.0]];
    let types = [CriterionType::Benefit, CriterionType::Benefit, CriterionType::Cost];
    let json_out = entropy_weights(&to_json(&json!({
        "matrix": m, "types": ["benefit", "benefit", "cost"]
    })))
    .unwrap();
    let plain = ent::entropy_weights(&m, &types, EntropyNormalization::Minmax, 0.0).unwrap();
    assert_eq!(plain, json_out);
    assert_eq!(plain.normalization, EntropyNormalization::Minmax, "minmax is the default");
    // Sum normalisation takes no types, and says so.
    let sum = ent::entropy_weights(&m, &types, EntropyNormalization::Sum, 0.0).unwrap();
    assert!(sum.notes.iter().any(|n| n.code == "types-ignored"));
    let text = serde_json::to_string(&sum).unwrap();
    assert!(text.contains("\"normalization\":\"sum\"") && text.contains("\"divergence\""), "{text}");
    // Hand-worked: minmax column (1, 2, 4) → (0, 1/3, 1) → p = (0, 1/4, 3/4);
    // e = −(¼ ln ¼ + ¾ ln ¾) / ln 3.
    let e0 = -(0.25 * 0.25f64.ln() + 0.75 * 0.75f64.ln()) / 3f64.ln();
    assert!((plain.entropy[0] - e0).abs() < 1e-15);
    // Errors from the plain API carry paths too.
    let err =
        ent::entropy_weights(&[vec![1.0, f64::NAN], vec![1.0, 2.0]], &[], EntropyNormalization::Sum, 0.0).unwrap_err();
    assert_eq!(problems(&err), [("not-finite".to_owned(), "matrix[0][1]".to_owned())]);
}

#[test]
fn entropy_errors_name_their_field() {
    let fx = load(include_str!("fixtures/analysis/entropy.json"));
    for case in fx["invalid"].as_array().unwrap() {
        let err = entropy_weights(&to_json(&case["input"])).expect_err(case["name"].as_str().unwrap());
        assert_eq!(problems(&err), expected(case), "{}", case["name"]);
    }
    for case in fx["invalidCombine"].as_array().unwrap() {
        let err = combine_weights(&to_json(&case["input"])).expect_err(case["name"].as_str().unwrap());
        assert_eq!(problems(&err), expected(case), "{}", case["name"]);
    }
}

#[test]
fn combined_weights_linear_and_multiplicative() {
    // AHP (0.5, 0.3, 0.2) with entropy (0.2, 0.2, 0.6).
    let out =
        combine_weights(&to_json(&json!({ "subjective": [5, 3, 2], "objective": [0.2, 0.2, 0.6], "alpha": 0.4 })))
            .unwrap();
    assert_close("linear", &out.weights, &[0.4 * 0.5 + 0.6 * 0.2, 0.4 * 0.3 + 0.6 * 0.2, 0.4 * 0.2 + 0.6 * 0.6], 1e-15);
    assert_eq!(out.subjective, [0.5, 0.3, 0.2]);
    assert_eq!(out.alpha, Some(0.4));
    let out = combine_weights(&to_json(&json!({
        "subjective": [0.5, 0.3, 0.2], "objective": [0.2, 0.2, 0.6], "method": "multiplicative"
    })))
    .unwrap();
    let p = [0.1, 0.06, 0.12];
    let s: f64 = p.iter().sum();
    assert_close("multiplicative", &out.weights, &p.map(|x| x / s), 1e-15);
    assert_eq!(out.alpha, None);
    assert_eq!(out.method, CombineMethod::Multiplicative);
    let plain = ent::combine(&[0.5, 0.3, 0.2], &[0.2, 0.2, 0.6], CombineMethod::Linear, 0.5).unwrap();
    assert!((plain.weights.iter().sum::<f64>() - 1.0).abs() < 1e-15);
}

// ------------------------------------------------------------------ TOPSIS

#[test]
fn topsis_matches_every_reference_for_every_normalization() {
    let fx = load(include_str!("fixtures/analysis/topsis.json"));
    let mut checked = 0;
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        for r in case["references"].as_array().unwrap() {
            let mut input = case["input"].clone();
            input["normalization"] = r["normalization"].clone();
            let what = format!("{name} {} {}", r["source"], r["normalization"]);
            let out = topsis(&to_json(&input)).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_close(&what, &out.closeness, &f64s(&r["closeness"]), r["tolerance"]["absolute"].as_f64().unwrap());
            // Ranks are a permutation of 1..=m in descending closeness.
            let m = out.closeness.len();
            let mut ranks = out.ranking.clone();
            ranks.sort_unstable();
            assert_eq!(ranks, (1..=m).collect::<Vec<_>>(), "{what}");
            for w in out.order.windows(2) {
                assert!(out.closeness[w[0]] >= out.closeness[w[1]] - 1e-12, "{what}: order");
            }
            checked += 1;
        }
        if let Some(rankings) = case.get("ranking") {
            for (norm, want) in rankings.as_object().unwrap() {
                let mut input = case["input"].clone();
                input["normalization"] = Value::from(norm.as_str());
                let out = topsis(&to_json(&input)).unwrap();
                let want: Vec<usize> = want.as_array().unwrap().iter().map(|x| x.as_u64().unwrap() as usize).collect();
                assert_eq!(out.ranking, want, "{name} {norm}");
            }
        }
    }
    assert!(checked >= 90, "{checked}");
}

#[test]
fn opricovic_tzeng_ties_are_ranked_by_input_order() {
    // oracles.md: min-max TOPSIS gives (0.500, 0.617, 0.500); alternatives 0 and 2 tie.
    let out = topsis(&to_json(&json!({
        "matrix": [[1, 3000], [2, 3750], [5, 4500]], "weights": [0.5, 0.5],
        "types": ["cost", "benefit"], "normalization": "minmax"
    })))
    .unwrap();
    let r: Vec<f64> = out.closeness.iter().map(|c| (c * 1000.0).round() / 1000.0).collect();
    assert_eq!(r, [0.5, 0.617, 0.5]);
    assert_eq!(out.ranking, [2, 1, 3]);
    assert_eq!(out.order, [1, 0, 2]);
    assert!(out.notes.iter().any(|n| n.code == "tied"), "{:?}", out.notes);
    // Vector is the default, as Hwang & Yoon.
    let v = topsis(&to_json(&json!({ "matrix": [[1, 3000], [2, 3750], [5, 4500]], "weights": [1, 1] }))).unwrap();
    assert_eq!(v.normalization, TopsisNormalization::Vector);
    let text = serde_json::to_string(&v).unwrap();
    for key in ["\"closeness\"", "\"ranking\"", "\"distanceToIdeal\"", "\"antiIdeal\"", "\"normalization\":\"vector\""]
    {
        assert!(text.contains(key), "{key} in {text}");
    }
}

#[test]
fn topsis_plain_api_and_constant_columns() {
    let m = vec![vec![1.0, 7.0, 3.0], vec![2.0, 7.0, 1.0], vec![4.0, 7.0, 2.0]];
    let t = [CriterionType::Benefit, CriterionType::Cost, CriterionType::Cost];
    let plain = top::topsis(&m, &[2.0, 1.0, 1.0], &t, TopsisNormalization::Minmax).unwrap();
    let json_out = topsis(&to_json(&json!({
        "matrix": m, "weights": [2, 1, 1], "types": ["benefit", "cost", "cost"], "normalization": "minmax"
    })))
    .unwrap();
    assert_eq!(plain, json_out);
    assert_eq!(plain.weights, [0.5, 0.25, 0.25]);
    assert!(plain.notes.iter().any(|n| n.code == "constant-criterion"));
    // A constant column changes nothing: drop it and the closeness is the same.
    let m2: Vec<Vec<f64>> = m.iter().map(|r| vec![r[0], r[2]]).collect();
    let without =
        top::topsis(&m2, &[2.0, 1.0], &[CriterionType::Benefit, CriterionType::Cost], TopsisNormalization::Minmax)
            .unwrap();
    assert_close("constant column", &plain.closeness, &without.closeness, 1e-15);
    let err = top::topsis(&m, &[1.0, f64::INFINITY, 1.0], &t, TopsisNormalization::Vector).unwrap_err();
    assert_eq!(problems(&err), [("not-finite".to_owned(), "weights[1]".to_owned())]);
}

#[test]
fn topsis_errors_name_their_field() {
    let fx = load(include_str!("fixtures/analysis/topsis.json"));
    for case in fx["invalid"].as_array().unwrap() {
        let err = topsis(&to_json(&case["input"])).expect_err(case["name"].as_str().unwrap());
        assert_eq!(problems(&err), expected(case), "{}", case["name"]);
        assert!(err.problems.iter().all(|p| !p.message.is_empty()));
    }
}

#[test]
fn outputs_never_hold_nan() {
    fn walk(v: &Value) {
        match v {
            Value::Number(n) => assert!(n.as_f64().unwrap().is_finite()),
            Value::Null => panic!("null"),
            Value::Array(a) => a.iter().for_each(walk),
            Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    // Zeros, a zero column, negative values (minmax/none), huge and tiny values.
    let requests = [
        json!({ "matrix": [[0, 0, 1e300], [0, 5, 1e-300], [3, 0, 1]], "weights": [1, 1, 1] }),
        json!({ "matrix": [[-5, 2], [5, 2], [0, 3]], "weights": [1, 0], "normalization": "minmax" }),
        json!({ "matrix": [[-5, 2], [5, 2], [0, 3]], "weights": [1, 3], "types": ["cost", "cost"], "normalization": "none" }),
    ];
    for r in requests {
        walk(&serde_json::to_value(topsis(&to_json(&r)).unwrap()).unwrap());
    }
    for r in [
        json!({ "matrix": [[0, 0, 1e300], [0, 5, 1e-300], [3, 0, 1]] }),
        json!({ "matrix": [[0, 0, 1e300], [0, 5, 1e-300], [3, 0, 1]], "normalization": "sum" }),
        json!({ "matrix": [[-5, 2], [5, 2], [0, 3]], "shift": 0.001 }),
    ] {
        walk(&serde_json::to_value(entropy_weights(&to_json(&r)).unwrap()).unwrap());
    }
}
