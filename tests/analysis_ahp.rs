//! AHP (Saaty) against numpy's eigen-decomposition, ahpy and pymcdm, on published examples and
//! generated matrices: `tests/fixtures/analysis/ahp.json`, written by
//! `tests/oracles/analysis_ahp.py`, which records each reference's provenance and tolerance.

use crisis_desk::analysis::ahp::{self, nearest_scale_value, principal_eigenvector, AhpOptions, RandomIndex};
use crisis_desk::analysis::{ahp as ahp_json, ahp_group, ahp_hierarchy};
use crisis_desk::Json;
use nalgebra::DMatrix;
use serde_json::{json, Value};

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/analysis/ahp.json")).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn table(name: &str) -> RandomIndex {
    *RandomIndex::ALL.iter().find(|t| t.as_str() == name).unwrap()
}

fn with_table(input: &Value, t: &str) -> Json {
    let mut v = input.clone();
    v["randomIndex"] = Value::from(t);
    to_json(&v)
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    got.is_finite() && (got - want).abs() <= tol
}

fn assert_all_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(close(*g, *w, tol), "{what}[{k}]: got {g}, want {w} (±{tol})");
    }
}

#[test]
fn matrices_match_numpy_ahpy_and_pymcdm_for_every_table() {
    let fx = fixture();
    let mut checked = 0;
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let np = &case["numpy"];
        let tol = np["tolerance"]["absolute"].as_f64().unwrap();
        let tables = np["tables"].as_object().unwrap();
        for (t, want) in tables {
            let out = ahp_json(&with_table(&case["input"], t)).unwrap_or_else(|e| panic!("{name} {t}: {e}"));
            assert_all_close(&format!("{name} {t} weights"), &out.weights, &f64s(&np["weights"]), tol);
            assert!(close(out.lambda_max, np["lambdaMax"].as_f64().unwrap(), tol), "{name}: λmax {}", out.lambda_max);
            for (key, got) in [("ri", out.ri), ("ci", out.ci), ("cr", out.cr)] {
                assert!(
                    close(got, want[key].as_f64().unwrap(), tol),
                    "{name} {t} {key}: got {got}, want {}",
                    want[key]
                );
            }
            assert_eq!(out.consistent, want["consistent"].as_bool().unwrap(), "{name} {t}: consistent");
            assert_eq!(out.random_index.as_str(), t);
            assert!((out.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{name}: weights sum");
            checked += 1;
        }
        // Sizes a table does not cover are refused, never guessed.
        let n = case["input"]["matrix"].as_array().unwrap().len();
        for t in RandomIndex::ALL {
            if !tables.contains_key(t.as_str()) {
                assert!(n > t.max_n(), "{name}: {} missing from the fixture", t.as_str());
                let err = ahp_json(&with_table(&case["input"], t.as_str())).unwrap_err();
                assert_eq!(err.first().code.as_str(), "matrix-too-large", "{name}");
            }
        }
        for r in case["ahpy"].as_array().unwrap().iter().chain(case["pymcdm"].as_array().unwrap()) {
            let t = r["randomIndex"].as_str().unwrap();
            let tol = r["tolerance"]["absolute"].as_f64().unwrap();
            let out = ahp_json(&with_table(&case["input"], t)).unwrap();
            assert_all_close(&format!("{name} {t} weights vs package"), &out.weights, &f64s(&r["weights"]), tol);
            let want = r["cr"].as_f64().unwrap();
            assert!(close(out.cr, want, tol), "{name} {t}: cr {} vs package {want}", out.cr);
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} checks");
}

#[test]
fn saaty_2008_drinks_as_published() {
    let fx = fixture();
    let case = &fx["cases"][0];
    assert_eq!(case["name"], "saaty-2008-drinks");
    let published = &case["published"];
    for t in published["randomIndex"].as_array().unwrap() {
        let out = ahp_json(&with_table(&case["input"], t.as_str().unwrap())).unwrap();
        let tol = published["tolerance"]["absolute"].as_f64().unwrap();
        assert_all_close("drinks weights", &out.weights, &f64s(&published["weights"]), tol);
        // CR 0.022 to the three decimals printed.
        assert_eq!((out.cr * 1000.0).round() / 1000.0, 0.022, "{t}");
        assert!(out.consistent);
        assert!(out.iterations >= 1 && out.iterations < 100, "{} iterations", out.iterations);
        assert_eq!(out.labels.as_ref().unwrap()[6], "water");
    }
}

#[test]
fn hierarchy_matches_ahpy_and_numpy() {
    let fx = fixture();
    for case in fx["hierarchy"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let order: Vec<&str> = case["synthesisOrder"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        let synthesis = |t: &str| {
            let out = ahp_hierarchy(&with_table(&case["input"], t)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let s = out.synthesis.clone().expect("every leaf is labelled");
            let by: Vec<f64> =
                order.iter().map(|label| s.iter().find(|lw| lw.label == *label).unwrap().weight).collect();
            (out, by)
        };
        let np = &case["numpy"];
        let tol = np["tolerance"]["absolute"].as_f64().unwrap();
        for (t, cr) in np["hierarchyCr"].as_object().unwrap() {
            let (out, by) = synthesis(t);
            assert_all_close(&format!("{name} synthesis"), &by, &f64s(&np["synthesis"]), tol);
            assert_all_close(&format!("{name} criteria"), &out.criteria.weights, &f64s(&np["criteriaWeights"]), tol);
            assert!(close(out.cr, cr.as_f64().unwrap(), tol), "{name} {t}: hierarchy CR {} vs {cr}", out.cr);
            let total: f64 = out.global.iter().flatten().sum();
            assert!((total - 1.0).abs() < 1e-12, "global weights sum to {total}");
            assert_eq!(
                out.consistent,
                out.criteria.consistent && out.children.iter().flatten().all(|c| c.consistent) && out.cr < 0.1
            );
        }
        for r in case["ahpy"].as_array().unwrap() {
            let t = r["randomIndex"].as_str().unwrap();
            let (_, by) = synthesis(t);
            assert_all_close(
                &format!("{name} vs ahpy {t}"),
                &by,
                &f64s(&r["synthesis"]),
                r["tolerance"]["absolute"].as_f64().unwrap(),
            );
        }
    }
}

#[test]
fn group_is_the_weighted_geometric_mean() {
    let fx = fixture();
    for case in fx["group"].as_array().unwrap() {
        let np = &case["numpy"];
        let tol = np["tolerance"]["absolute"].as_f64().unwrap();
        let out = ahp_group(&to_json(&case["input"])).unwrap();
        for (row, want) in out.aggregate.matrix.iter().zip(np["aggregateMatrix"].as_array().unwrap()) {
            assert_all_close("aggregate matrix", row, &f64s(want), 1e-12);
        }
        assert_all_close("aggregate weights", &out.aggregate.weights, &f64s(&np["weights"]), tol);
        assert!(close(out.aggregate.lambda_max, np["lambdaMax"].as_f64().unwrap(), tol));
        for (e, want) in out.experts.iter().zip(np["experts"].as_array().unwrap()) {
            assert_all_close("expert weights", &e.weights, &f64s(&want["weights"]), tol);
            assert!(close(e.lambda_max, want["lambdaMax"].as_f64().unwrap(), tol));
        }
        assert_all_close("expert weights used", &out.expert_weights, &f64s(&case["input"]["expertWeights"]), 1e-15);
        // The plain API agrees.
        let mats: Vec<Vec<Vec<f64>>> = case["input"]["matrices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_array().unwrap().iter().map(f64s).collect())
            .collect();
        let plain = ahp::group(&mats, Some(&f64s(&case["input"]["expertWeights"])), &AhpOptions::default()).unwrap();
        assert_eq!(plain.aggregate.weights, out.aggregate.weights);
    }
}

fn problems(err: &crisis_desk::InputError) -> Vec<(String, String)> {
    err.problems.iter().map(|p| (p.code.as_str().to_owned(), p.path.clone())).collect()
}

#[test]
fn every_invalid_request_reports_its_code_and_path() {
    let fx = fixture();
    type Run = fn(&Json) -> Result<(), crisis_desk::InputError>;
    let runs: [(&str, Run); 3] = [
        ("invalid", |j| ahp_json(j).map(|_| ())),
        ("invalidHierarchy", |j| ahp_hierarchy(j).map(|_| ())),
        ("invalidGroup", |j| ahp_group(j).map(|_| ())),
    ];
    for (key, run) in runs {
        for case in fx[key].as_array().unwrap() {
            let name = case["name"].as_str().unwrap();
            let err = run(&to_json(&case["input"])).expect_err(name);
            let want: Vec<(String, String)> = case["expect"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (e["code"].as_str().unwrap().to_owned(), e["path"].as_str().unwrap().to_owned()))
                .collect();
            assert_eq!(problems(&err), want, "{key} {name}");
            assert!(err.problems.iter().all(|p| !p.message.is_empty()));
        }
    }
}

#[test]
fn non_finite_judgements_are_rejected_by_path() {
    let v = Json::Object(vec![(
        "matrix".into(),
        Json::Array(vec![
            Json::Array(vec![Json::Number(1.0), Json::Number(f64::NAN)]),
            Json::Array(vec![Json::Number(f64::INFINITY), Json::Number(1.0)]),
        ]),
    )]);
    let err = ahp_json(&v).unwrap_err();
    assert_eq!(
        problems(&err),
        [("not-finite".to_owned(), "matrix[0][1]".to_owned()), ("not-finite".to_owned(), "matrix[1][0]".to_owned())]
    );
    // The plain API reports the same.
    let err = ahp::priorities(&[vec![1.0, f64::NAN], vec![1.0, 1.0]], &AhpOptions::default()).unwrap_err();
    assert!(err.problems.iter().any(|p| p.path == "matrix[0][1]"), "{err}");
}

#[test]
fn the_reciprocal_tolerance_is_a_setting() {
    // 0.33 for 1/3 passes the default 0.05 (|3 · 0.33 − 1| = 0.01) but not 0.001.
    let m = json!({ "matrix": [[1, 3], [0.33, 1]] });
    let out = ahp_json(&to_json(&m)).unwrap();
    assert_eq!(out.matrix[1][0], 1.0 / 3.0, "the lower triangle becomes the exact reciprocal");
    let strict = json!({ "matrix": [[1, 3], [0.33, 1]], "reciprocalTolerance": 0.001 });
    let err = ahp_json(&to_json(&strict)).unwrap_err();
    assert_eq!(problems(&err), [("not-reciprocal".to_owned(), "matrix[1][0]".to_owned())]);
    assert!(err.first().message.contains("matrix[0][1] is 3"), "{}", err.first().message);
    // A missing mirror entry is filled.
    let half = json!({ "matrix": [[1, 3, null], [null, 1, 2], [0.2, null, 1]] });
    let out = ahp_json(&to_json(&half)).unwrap();
    assert_eq!(out.matrix[0][2], 5.0);
    assert_eq!(out.matrix[1][0], 1.0 / 3.0);
}

#[test]
fn small_matrices_are_always_consistent() {
    for m in [json!({ "matrix": [[1]] }), json!({ "matrix": [[1, 9], [1.0 / 9.0, 1]] })] {
        let out = ahp_json(&to_json(&m)).unwrap();
        assert!(out.consistent);
        assert_eq!((out.ci, out.ri, out.cr), (0.0, 0.0, 0.0));
        assert!(out.suggestions.is_empty());
    }
    let out = ahp_json(&to_json(&json!({ "matrix": [[1, 9], [1.0 / 9.0, 1]] }))).unwrap();
    assert!((out.weights[0] - 0.9).abs() < 1e-15);
}

#[test]
fn suggestions_point_at_the_inconsistent_judgement() {
    // Consistent with weights (8, 4, 2, 1) / 15 except a_03, given as 1/8 instead of 8.
    let m = json!({ "matrix": [[1, 2, 4, 0.125], [null, 1, 2, 4], [null, null, 1, 2], [null, null, null, 1]] });
    let out = ahp_json(&to_json(&m)).unwrap();
    assert!(!out.consistent, "cr {}", out.cr);
    let s = &out.suggestions[0];
    assert_eq!((s.row, s.col), (0, 3), "{:?}", out.suggestions);
    // One step moves it towards 8 (Saaty's procedure repeats; see the next test).
    assert!(s.suggested > s.current, "{s:?}");
    assert!(s.cr_after < out.cr, "{s:?}");
    assert_eq!(nearest_scale_value(s.consistent_value).0, s.suggested);
    assert!((s.ratio - s.current * out.weights[s.col] / out.weights[s.row]).abs() < 1e-12);
    assert!(out.suggestions.len() <= 3);
    // maxSuggestions 0 turns them off.
    let none = json!({ "matrix": m["matrix"], "maxSuggestions": 0 });
    assert!(ahp_json(&to_json(&none)).unwrap().suggestions.is_empty());
}

#[test]
fn fixing_the_worst_judgement_repeatedly_reaches_consistency() {
    // Saaty's procedure: adopt the top suggestion until CR < 0.1, on every generated random matrix.
    let fx = fixture();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        if !name.starts_with("generated-random") {
            continue;
        }
        let mut m: Vec<Vec<f64>> = case["input"]["matrix"].as_array().unwrap().iter().map(f64s).collect();
        let opts = AhpOptions::default();
        let mut out = ahp::priorities(&m, &opts).unwrap();
        let mut steps = 0;
        while !out.consistent && steps < 200 {
            let s = out.suggestions.first().unwrap_or_else(|| panic!("{name}: inconsistent with no suggestion"));
            m[s.row][s.col] = s.suggested;
            m[s.col][s.row] = 1.0 / s.suggested;
            let next = ahp::priorities(&m, &opts).unwrap();
            assert!((next.cr - s.cr_after).abs() < 1e-12, "{name}: crAfter {} but got {}", s.cr_after, next.cr);
            out = next;
            steps += 1;
        }
        assert!(out.consistent, "{name}: still CR {} after {steps} changes", out.cr);
    }
}

#[test]
fn power_iteration_reports_its_steps() {
    // For n = 3 the row geometric means are the eigenvector already; n = 4 needs iterating.
    let rows = [
        vec![1.0, 3.0, 5.0, 1.0],
        vec![1.0 / 3.0, 1.0, 3.0, 0.5],
        vec![0.2, 1.0 / 3.0, 1.0, 7.0],
        vec![1.0, 2.0, 1.0 / 7.0, 1.0],
    ];
    let a = DMatrix::from_fn(4, 4, |i, j| rows[i][j]);
    let e = principal_eigenvector(&a);
    assert!(e.converged && e.iterations > 1 && e.iterations < 200, "{e:?}");
    assert!(e.lambda_max >= 4.0);
    let out = ahp::priorities(&rows, &AhpOptions::default()).unwrap();
    assert_eq!(out.iterations, e.iterations);
    assert!(out.notes.is_empty());
    let text = serde_json::to_string(&out).unwrap();
    for key in ["\"lambdaMax\"", "\"randomIndex\":\"saaty\"", "\"iterations\"", "\"suggestions\""] {
        assert!(text.contains(key), "{key} in {text}");
    }
}

#[test]
fn values_off_the_scale_are_used_with_a_note() {
    let out = ahp_json(&to_json(&json!({ "matrix": [[1, 12, 2], [null, 1, 0.25], [null, null, 1]] }))).unwrap();
    assert_eq!(out.notes[0].code, "outside-scale");
    assert_eq!(table("saaty-2005"), RandomIndex::Saaty2005);
}

#[test]
fn hierarchy_plain_api() {
    // Two criteria (3:1); the first has sub-criteria (1:1), the second none.
    let top = vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]];
    let children = vec![Some(vec![vec![1.0, 1.0], vec![1.0, 1.0]]), None];
    let out = ahp::hierarchy(&top, &children, &AhpOptions::default()).unwrap();
    assert_eq!(out.global, [vec![0.375, 0.375], vec![0.25]]);
    assert_eq!((out.ci, out.ri, out.cr), (0.0, 0.0, 0.0));
    assert!(out.consistent && out.synthesis.is_none() && out.children[1].is_none());
    let err = ahp::hierarchy(&top, &[None], &AhpOptions::default()).unwrap_err();
    assert_eq!(problems(&err), [("length-mismatch".to_owned(), "children".to_owned())]);
    // A 3 × 3 child contributes its CI and RI, weighted by its criterion.
    let child = vec![vec![1.0, 2.0, 5.0], vec![0.5, 1.0, 4.0], vec![0.2, 0.25, 1.0]];
    let out = ahp::hierarchy(&top, &[Some(child.clone()), None], &AhpOptions::default()).unwrap();
    let alone = ahp::priorities(&child, &AhpOptions::default()).unwrap();
    assert!((out.cr - alone.cr).abs() < 1e-15, "one child: the hierarchy CR is its CR");
    assert!((out.ci - 0.75 * alone.ci).abs() < 1e-15 && (out.ri - 0.75 * 0.58).abs() < 1e-15);
}
