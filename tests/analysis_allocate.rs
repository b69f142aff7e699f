//! Allocation of a scarce resource: hand-worked cases and an independent bisection oracle
//! (`tests/fixtures/analysis/allocate.json`, written by `tests/oracles/analysis_allocate.py`),
//! and properties over many generated cases.

use crisis_desk::analysis::allocate;
use crisis_desk::analysis::allocate::{self as alloc, Binding};
use serde_json::{json, Value};

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/analysis/allocate.json")).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

#[test]
fn every_case_matches_the_oracle() {
    let fx = fixture();
    let tol = fx["tolerance"]["share"]["absolute"].as_f64().unwrap();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let want = &case["expect"];
        let out = allocate(&to_json(&case["input"])).unwrap_or_else(|e| panic!("{name}: {e}"));
        let units: Vec<u64> = want["allocation"].as_array().unwrap().iter().map(|x| x.as_u64().unwrap()).collect();
        assert_eq!(out.allocation, units, "{name}");
        for (k, (g, w)) in out.share.iter().zip(f64s(&want["share"])).enumerate() {
            assert!((g - w).abs() <= tol, "{name}: share[{k}] {g} vs {w}");
        }
        for (k, (g, w)) in out.unmet.iter().zip(f64s(&want["unmet"])).enumerate() {
            assert!((g - w).abs() <= 1e-9, "{name}: unmet[{k}] {g} vs {w}");
        }
        assert_eq!(out.allocated, want["allocated"].as_u64().unwrap(), "{name}");
        assert_eq!(out.unallocated, want["unallocated"].as_u64().unwrap(), "{name}");
    }
}

#[test]
fn hand_worked_bindings_and_notes() {
    let out = allocate(&to_json(&json!({ "supply": 100, "needs": [10, 50, 200], "caps": [null, 10, null] }))).unwrap();
    assert_eq!(out.allocation, [4, 10, 86]);
    assert_eq!(out.binding, [Binding::None, Binding::Cap, Binding::None]);
    assert_eq!(out.unmet, [6.0, 40.0, 114.0]);
    assert!(out.notes.iter().any(|n| n.code == "unmet-need"));
    let out = allocate(&to_json(&json!({ "supply": 10, "needs": [10, 20, 1], "floors": [0, 0, 6] }))).unwrap();
    assert_eq!(out.binding[2], Binding::Floor);
    let out = allocate(&to_json(&json!({ "supply": 100, "needs": [10.5, 20] }))).unwrap();
    assert_eq!(out.binding, [Binding::Need, Binding::Need]);
    assert_eq!(out.unallocated, 69);
    assert!(out.notes.iter().any(|n| n.code == "supply-left"));
    let out = allocate(&to_json(&json!({ "supply": 10, "needs": [10, 10], "priorities": [0, 1], "floors": [2, 0] })))
        .unwrap();
    assert_eq!(out.binding[0], Binding::NoPriority);
    let text = serde_json::to_string(&out).unwrap();
    for key in ["\"allocation\"", "\"share\"", "\"unmet\"", "\"binding\"", "\"no-priority\"", "\"unallocated\""] {
        assert!(text.contains(key), "{key} in {text}");
    }
}

#[test]
fn every_invalid_request_names_its_field() {
    for case in fixture()["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = allocate(&to_json(&case["input"])).expect_err(name);
        let got = common::problem_pairs(&err);
        let want = common::expected_pairs(case);
        assert_eq!(got, want, "{name}");
        assert!(err.problems.iter().all(|p| !p.message.is_empty()));
    }
    // The floors message says by how much.
    let err = allocate(&to_json(&json!({ "supply": 5, "needs": [10, 10], "floors": [3, 3] }))).unwrap_err();
    assert!(err.first().message.contains("6") && err.first().message.contains("1 more"), "{}", err.first().message);
    // Plain API: non-finite needs.
    let err = alloc::allocate(5, &[f64::NAN, 1.0], &[], &[], &[]).unwrap_err();
    assert_eq!(err.first().path, "needs[0]");
}

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        (self.next() * n as f64) as u64
    }
}

#[test]
fn properties_over_generated_cases() {
    let mut g = Lcg(42);
    let mut cases = 0;
    let mut proportional_pairs = 0;
    while cases < 5000 {
        let n = 1 + g.below(12) as usize;
        let needs: Vec<f64> = (0..n)
            .map(|_| match g.below(10) {
                0 => 0.0,
                1 => g.below(50) as f64,
                _ => (g.next() * 500.0 * 10.0).round() / 10.0,
            })
            .collect();
        let priorities: Vec<f64> = if g.next() < 0.5 {
            Vec::new()
        } else {
            (0..n).map(|_| (g.next() * 3.0 * 100.0).round() / 100.0).collect()
        };
        let floors: Vec<u64> = if g.next() < 0.5 { Vec::new() } else { (0..n).map(|_| g.below(8)).collect() };
        let caps: Vec<Option<u64>> = if g.next() < 0.5 {
            Vec::new()
        } else {
            (0..n).map(|i| (g.next() < 0.7).then(|| floors.get(i).copied().unwrap_or(0) + g.below(80))).collect()
        };
        let total_need: f64 = needs.iter().sum();
        let supply = g.below(total_need as u64 + 40);
        let floor_sum: u64 = floors.iter().sum();
        let result = alloc::allocate(supply, &needs, &priorities, &floors, &caps);
        if floor_sum > supply {
            let err = result.unwrap_err();
            assert_eq!(err.first().code.as_str(), "floors-exceed-supply");
            continue;
        }
        let out = result.unwrap();
        cases += 1;
        let a = &out.allocation;
        let sum: u64 = a.iter().sum();
        // Never exceeds the supply; the totals add up.
        assert!(sum <= supply);
        assert_eq!(sum, out.allocated);
        assert_eq!(out.allocated + out.unallocated, supply);
        // Uses all of the supply when needs allow: only when every recipient is at its ceiling.
        let prio = |i: usize| priorities.get(i).copied().unwrap_or(1.0);
        let floor = |i: usize| floors.get(i).copied().unwrap_or(0);
        let ceiling = |i: usize| -> u64 {
            let f = floor(i);
            if needs[i] * prio(i) == 0.0 {
                return f;
            }
            let lim = (needs[i].ceil() as u64).min(caps.get(i).copied().flatten().unwrap_or(u64::MAX));
            f.max(lim)
        };
        let ceilings: u64 = (0..n).map(ceiling).sum();
        assert_eq!(sum, supply.min(ceilings), "supply {supply}, ceilings {ceilings}");
        for i in 0..n {
            // Floors and caps respected, whole units within 1 of the exact share.
            assert!(a[i] >= floor(i), "floor");
            if let Some(Some(cap)) = caps.get(i) {
                assert!(a[i] <= *cap, "cap");
            }
            assert!(a[i] <= ceiling(i));
            assert!((a[i] as f64 - out.share[i]).abs() < 1.0 + 1e-9, "unit {} vs share {}", a[i], out.share[i]);
            assert!(out.share[i].is_finite() && out.share[i] >= floor(i) as f64 - 1e-9);
            assert!((out.unmet[i] - (needs[i] - a[i] as f64).max(0.0)).abs() < 1e-9);
        }
        // Where no floor or cap binds, shares are proportional to weighted need.
        let free: Vec<usize> = (0..n).filter(|&i| out.binding[i] == Binding::None).collect();
        for w in free.windows(2) {
            let (i, j) = (w[0], w[1]);
            let (ri, rj) = (out.share[i] / out.weights[i], out.share[j] / out.weights[j]);
            assert!((ri - rj).abs() <= 1e-9 * ri.max(rj), "λ differs: {ri} vs {rj}");
            proportional_pairs += 1;
        }
        let share_sum: f64 = out.share.iter().sum();
        assert!((share_sum - sum as f64).abs() < 1e-6, "shares sum {share_sum} vs units {sum}");
    }
    assert!(proportional_pairs > 1000, "{proportional_pairs}");
}
