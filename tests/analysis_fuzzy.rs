//! Fuzzy comprehensive evaluation against an independent numpy implementation and hand-worked
//! values: `tests/fixtures/analysis/fuzzy.json`, written by `tests/oracles/analysis_fuzzy.py`.

use crisis_desk::analysis::fuzzy::{self, compose, FactorGroup, FuzzyOperator, Grade};
use crisis_desk::analysis::fuzzy_evaluate;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/analysis/fuzzy.json")).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(g.is_finite() && (g - w).abs() <= tol, "{what}[{k}]: got {g}, want {w}");
    }
}

#[test]
fn every_case_matches_the_oracle() {
    let fx = fixture();
    let tol = fx["tolerance"]["absolute"].as_f64().unwrap();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let want = &case["expect"];
        let out = fuzzy_evaluate(&to_json(&case["input"])).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_close(&format!("{name} vector"), &out.vector, &f64s(&want["vector"]), tol);
        assert_close(&format!("{name} raw"), &out.raw, &f64s(&want["raw"]), tol);
        assert_eq!(out.grade.index as u64, want["grade"].as_u64().unwrap(), "{name}: grade");
        match want.get("score") {
            Some(s) => {
                assert!((out.score.unwrap() - s.as_f64().unwrap()).abs() < 1e-9, "{name}: score {:?}", out.score)
            }
            None => assert_eq!(out.score, None, "{name}"),
        }
        assert!((out.vector.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{name}: B sums to 1");
        if let Some(groups) = want.get("groups") {
            let got = out.groups.as_ref().expect("two levels");
            for (g, w) in got.iter().zip(groups.as_array().unwrap()) {
                assert_close(&format!("{name} group vector"), &g.vector, &f64s(&w["vector"]), tol);
                assert_eq!(g.grade.index as u64, w["grade"].as_u64().unwrap());
            }
            assert_eq!(got[0].name.as_deref(), Some("主体协同"));
        }
    }
}

#[test]
fn hand_worked_county_example() {
    // b = (0.16, 0.365, 0.31, 0.145, 0.02): 较好 by maximum membership, score 80.
    let out = fuzzy_evaluate(&to_json(&json!({
        "weights": [0.3, 0.25, 0.25, 0.2],
        "membership": [[0.2, 0.5, 0.2, 0.1, 0.0], [0.1, 0.3, 0.4, 0.2, 0.0], [0.3, 0.4, 0.2, 0.1, 0.0], [0.0, 0.2, 0.5, 0.2, 0.1]]
    })))
    .unwrap();
    assert_close("b", &out.vector, &[0.16, 0.365, 0.31, 0.145, 0.02], 1e-15);
    assert_eq!(out.grade.name, "较好");
    assert!((out.score.unwrap() - 80.0).abs() < 1e-12);
    assert_eq!(out.operator, FuzzyOperator::WeightedAverage);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    // M(∧,∨) does not sum to 1: it is normalised, and a note says so.
    let raw = compose(
        &[0.3, 0.25, 0.25, 0.2],
        &[vec![0.2, 0.5], vec![0.1, 0.3], vec![0.3, 0.4], vec![0.0, 0.2]],
        FuzzyOperator::MinMax,
    );
    assert_eq!(raw, [0.25, 0.3]);
    let out = fuzzy_evaluate(&to_json(&json!({
        "weights": [0.3, 0.25, 0.25, 0.2], "operator": "min-max",
        "membership": [[0.2, 0.5, 0.2, 0.1, 0.0], [0.1, 0.3, 0.4, 0.2, 0.0], [0.3, 0.4, 0.2, 0.1, 0.0], [0.0, 0.2, 0.5, 0.2, 0.1]]
    })))
    .unwrap();
    assert_eq!(out.raw, [0.25, 0.3, 0.25, 0.2, 0.1]);
    assert!(out.notes.iter().any(|n| n.code == "normalized"));
    // Bounded sum: M(∧,⊕) caps at 1.
    assert_eq!(compose(&[0.5, 0.5], &[vec![0.9], vec![0.8]], FuzzyOperator::MinBoundedSum), [1.0]);
}

#[test]
fn ties_go_to_the_grade_listed_first() {
    let out = fuzzy_evaluate(&to_json(&json!({
        "weights": [0.5, 0.5], "membership": [[0.4, 0.4, 0.2], [0.4, 0.4, 0.2]],
        "grades": [{ "name": "good" }, { "name": "fair" }, { "name": "poor" }]
    })))
    .unwrap();
    assert_eq!(out.grade.index, 0);
    assert_eq!(out.grade.tied_with, [0, 1]);
    assert!(out.notes.iter().any(|n| n.code == "tied"));
    assert_eq!(out.score, None);
}

#[test]
fn plain_api_agrees_with_json() {
    let w = [0.3, 0.25, 0.25, 0.2];
    let r = vec![
        vec![0.2, 0.5, 0.2, 0.1, 0.0],
        vec![0.1, 0.3, 0.4, 0.2, 0.0],
        vec![0.3, 0.4, 0.2, 0.1, 0.0],
        vec![0.0, 0.2, 0.5, 0.2, 0.1],
    ];
    let plain = fuzzy::evaluate(&w, &r, &[], FuzzyOperator::ProductMax).unwrap();
    let json_out =
        fuzzy_evaluate(&to_json(&json!({ "weights": w, "membership": r, "operator": "product-max" }))).unwrap();
    assert_eq!(plain, json_out);
    let groups = vec![
        FactorGroup { name: None, weights: vec![0.5, 0.5], membership: r[..2].to_vec() },
        FactorGroup { name: Some("b".into()), weights: vec![0.5, 0.5], membership: r[2..].to_vec() },
    ];
    let two = fuzzy::evaluate_two_level(&[0.6, 0.4], &groups, &[], FuzzyOperator::WeightedAverage).unwrap();
    assert_eq!(two.groups.as_ref().unwrap().len(), 2);
    let grades = [Grade { name: "a".into(), value: Some(1.0) }, Grade { name: "b".into(), value: Some(0.0) }];
    let err =
        fuzzy::evaluate(&[0.5, 0.5], &[vec![0.5, 0.5], vec![2.0, 0.0]], &grades, FuzzyOperator::MinMax).unwrap_err();
    assert_eq!(err.first().path, "membership[1][0]");
    let text = serde_json::to_string(&two).unwrap();
    assert!(text.contains("\"operator\":\"weighted-average\""), "{text}");
    assert_eq!(
        text.contains("\"tiedWith\""),
        two.grade.tied_with.len() > 1 || two.groups.iter().flatten().any(|g| g.grade.tied_with.len() > 1)
    );
}

#[test]
fn every_invalid_request_names_its_field() {
    for case in fixture()["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = fuzzy_evaluate(&to_json(&case["input"])).expect_err(name);
        let got = common::problem_pairs(&err);
        let want = common::expected_pairs(case);
        assert_eq!(got, want, "{name}");
    }
}
