//! Helpers shared by the native test suites: reading fixtures into the core's `Json`, and
//! comparing an input error's problems with a fixture's expected `{ code, path }` list.
#![allow(dead_code)] // each test crate uses a different subset

use crisis_desk::{InputError, Json};
use serde_json::Value;

/// A fixture value as the core's `Json` (the same path the boundary takes from JS).
pub fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
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
