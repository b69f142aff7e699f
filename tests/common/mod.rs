//! Helpers shared by the native test suites: reading fixtures into the core's `Json`, and
//! comparing an input error's problems with a fixture's expected `{ code, path }` list.
#![allow(dead_code)] // each test crate uses a different subset

use crisis_desk::{InputError, Json};
use serde_json::Value;

/// A fixture value as the core's `Json` (the same path the boundary takes from JS).
pub fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

/// `|got − want| ≤ tol · max(1, |want|)`, and `got` finite.
pub fn close(got: f64, want: f64, tol: f64) -> bool {
    got.is_finite() && (got - want).abs() <= tol * want.abs().max(1.0)
}

/// Compares a serialised value with the expected one: numbers by [`close`], the rest exactly;
/// objects key by key (both ways), arrays element by element. `at` names the place in messages.
pub fn compare(got: &Value, want: &Value, tol: f64, at: &str) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            assert!(close(g, w, tol), "{at}: got {g}, want {w}");
        }
        (Value::Object(g), Value::Object(w)) => {
            let mut gk: Vec<&String> = g.keys().collect();
            let mut wk: Vec<&String> = w.keys().collect();
            gk.sort();
            wk.sort();
            assert_eq!(gk, wk, "{at}: keys");
            for (k, wv) in w {
                compare(&g[k], wv, tol, &format!("{at}.{k}"));
            }
        }
        (Value::Array(g), Value::Array(w)) => {
            assert_eq!(g.len(), w.len(), "{at}: length");
            for (i, (gv, wv)) in g.iter().zip(w).enumerate() {
                compare(gv, wv, tol, &format!("{at}[{i}]"));
            }
        }
        _ => assert_eq!(got, want, "{at}"),
    }
}

/// `(code, path)` of every problem, in order.
pub fn problem_pairs(err: &InputError) -> Vec<(String, String)> {
    err.problems.iter().map(|p| (p.code.as_str().to_owned(), p.path.clone())).collect()
}

/// `(code, path)` of a fixture case's `expect` list, in order.
pub fn expected_pairs(case: &Value) -> Vec<(String, String)> {
    case["expect"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["code"].as_str().unwrap().to_owned(), e["path"].as_str().unwrap().to_owned()))
        .collect()
}
