//! The composite-system synergy degree (Meng & Han 2000) and coupling coordination: hand-worked
//! cases and an independent implementation (`tests/fixtures/analysis/synergy.json`, written by
//! `tests/oracles/analysis_synergy.py`), and properties over generated cases.

use crisis_desk::analysis::synergy::{
    self, coupling, default_subsystems, order_degree, synergy_degree as c_of, Aggregation, Direction, GradeBand,
    OrderParameter, Subsystem, SynergyInput, EXAMPLE_SYNERGY,
};
use crisis_desk::analysis::synergy_degree;
use crisis_desk::Json;
use serde_json::Value;

mod common;
use common::to_json;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/analysis/synergy.json")).unwrap()
}

fn f64s(v: &Value) -> Vec<f64> {
    v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    a.is_finite() && (a - b).abs() <= tol
}

#[test]
fn every_case_matches_the_oracle() {
    let fx = fixture();
    let tol = fx["tolerance"]["absolute"].as_f64().unwrap();
    for case in fx["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let want = &case["expect"];
        let out = synergy_degree(&to_json(&case["input"])).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            close(out.synergy, want["synergy"].as_f64().unwrap(), tol),
            "{name}: C {} vs {}",
            out.synergy,
            want["synergy"]
        );
        assert_eq!(out.theta as i64, want["theta"].as_i64().unwrap(), "{name}: θ");
        assert_eq!(out.grade.index as u64, want["grade"].as_u64().unwrap(), "{name}: grade");
        for (s, w) in out.subsystems.iter().zip(want["subsystems"].as_array().unwrap()) {
            assert!(close(s.order_base, w["orderBase"].as_f64().unwrap(), tol), "{name} {}: base", s.id);
            assert!(close(s.order_current, w["orderCurrent"].as_f64().unwrap(), tol), "{name} {}: current", s.id);
            let pb: Vec<f64> = s.parameters.iter().map(|p| p.order_base).collect();
            let pc: Vec<f64> = s.parameters.iter().map(|p| p.order_current).collect();
            for (g, e) in pb.iter().zip(f64s(&w["parameterBase"])).chain(pc.iter().zip(f64s(&w["parameterCurrent"]))) {
                assert!(close(*g, e, tol), "{name} {}: parameter {g} vs {e}", s.id);
            }
        }
        for (period, got) in [("base", out.coupling.base), ("current", out.coupling.current)] {
            let w = &want["coupling"][period];
            for (key, g) in [("c", got.c), ("t", got.t), ("d", got.d)] {
                assert!(close(g, w[key].as_f64().unwrap(), tol), "{name} {period} {key}: {g} vs {}", w[key]);
            }
        }
        if let Some(notes) = case.get("notes") {
            for code in notes.as_array().unwrap() {
                assert!(out.notes.iter().any(|n| n.code == code.as_str().unwrap()), "{name}: {:?}", out.notes);
            }
        }
    }
}

#[test]
fn hand_worked_case_and_its_grade() {
    // C = √((√0.48 − 0.2)(√0.675 − 0.5)) = 0.398099…: moderate, (0.3, 0.6].
    let fx = fixture();
    let out = synergy_degree(&to_json(&fx["cases"][0]["input"])).unwrap();
    let c = ((0.48f64.sqrt() - 0.2) * (0.675f64.sqrt() - 0.5)).sqrt();
    assert!((out.synergy - c).abs() < 1e-15);
    assert_eq!(out.grade.name, "中度协同");
    assert_eq!(out.grade.name_en.as_deref(), Some("moderate"));
    assert_eq!(out.theta, 1);
    assert_eq!(out.aggregation, Aggregation::Geometric);
    let text = serde_json::to_string(&out).unwrap();
    for key in ["\"synergy\"", "\"orderBase\"", "\"orderCurrent\"", "\"coupling\"", "\"upTo\"", "\"nameEn\""] {
        assert!(text.contains(key), "{key}");
    }
}

#[test]
fn unchanged_subsystem_gives_zero_with_a_note() {
    let fx = fixture();
    let case = fx["cases"].as_array().unwrap().iter().find(|c| c["name"] == "one-subsystem-unchanged").unwrap();
    let out = synergy_degree(&to_json(&case["input"])).unwrap();
    assert_eq!(out.synergy, 0.0);
    assert_eq!(out.grade.index, 0, "(−1, 0] is not synergistic");
    assert!(out.notes.iter().any(|n| n.code == "no-change" && n.message.contains("s2")));
    assert_eq!(c_of(&[0.3, 0.3], &[0.3, 0.3]), (0.0, 0));
}

#[test]
fn defaults_are_the_studys_four_aspects() {
    let fx = fixture();
    let subs = default_subsystems();
    let ids: Vec<&str> = subs.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["government", "medical", "information", "publicity"]);
    for (s, want) in subs.iter().zip(fx["defaults"].as_array().unwrap()) {
        assert_eq!(s.id, want["id"].as_str().unwrap());
        assert!(s.name.is_some() && s.name_en.is_some());
        for (p, w) in s.parameters.iter().zip(want["parameters"].as_array().unwrap()) {
            let dir = if p.direction == Direction::Positive { "positive" } else { "negative" };
            assert_eq!(dir, w["direction"].as_str().unwrap(), "{}.{}", s.id, p.id);
            assert_eq!((p.lower, p.upper), (w["lower"].as_f64().unwrap(), w["upper"].as_f64().unwrap()));
            assert!(p.name.is_some() && p.name_en.is_some() && p.unit.is_some(), "{}.{}", s.id, p.id);
        }
    }
    // The bundled example runs with them.
    let example: Json = serde_json::from_str(EXAMPLE_SYNERGY).unwrap();
    let out = synergy_degree(&example).unwrap();
    assert!(out.synergy > 0.0 && out.subsystems.iter().all(|s| s.change > 0.0));
    assert!(out.notes.is_empty(), "{:?}", out.notes);
}

#[test]
fn every_invalid_request_names_its_field() {
    for case in fixture()["invalid"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let err = synergy_degree(&to_json(&case["input"])).expect_err(name);
        let got = common::problem_pairs(&err);
        let want = common::expected_pairs(case);
        assert_eq!(got, want, "{name}");
    }
}

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize
    }
}

/// Subsystems, base values, current values, aggregation.
type Generated = (Vec<Subsystem>, Vec<Vec<f64>>, Vec<Vec<f64>>, Aggregation);

fn random_input(g: &mut Lcg) -> Generated {
    let k = 1 + g.below(5);
    let mut subs = Vec::new();
    let (mut base, mut current) = (Vec::new(), Vec::new());
    for j in 0..k {
        let n = 1 + g.below(4);
        let mut params = Vec::new();
        let (mut b, mut c) = (Vec::new(), Vec::new());
        for i in 0..n {
            let lower = g.next() * 100.0 - 50.0;
            let upper = lower + 0.5 + g.next() * 100.0;
            let direction = if g.next() < 0.5 { Direction::Positive } else { Direction::Negative };
            params.push(OrderParameter {
                id: format!("p{i}"),
                name: None,
                name_en: None,
                unit: None,
                direction,
                lower,
                upper,
                weight: None,
            });
            // Mostly inside the bounds, sometimes outside (clamped).
            b.push(lower - 5.0 + g.next() * (upper - lower + 10.0));
            c.push(lower - 5.0 + g.next() * (upper - lower + 10.0));
        }
        subs.push(Subsystem { id: format!("s{j}"), name: None, name_en: None, weight: None, parameters: params });
        base.push(b);
        current.push(c);
    }
    let agg = if g.next() < 0.5 { Aggregation::Geometric } else { Aggregation::Weighted };
    (subs, base, current, agg)
}

#[test]
fn properties_over_generated_cases() {
    let mut g = Lcg(20260604);
    let (mut flipped, mut mixed, mut positive) = (0, 0, 0);
    for _ in 0..2000 {
        let (subs, base, current, agg) = random_input(&mut g);
        let forward =
            SynergyInput::new(subs.clone(), base.clone(), current.clone(), agg, Vec::new()).unwrap().evaluate();
        let back = SynergyInput::new(subs, current, base, agg, Vec::new()).unwrap().evaluate();
        let c = forward.synergy;
        assert!((-1.0..=1.0).contains(&c), "C = {c}");
        let deltas: Vec<f64> = forward.subsystems.iter().map(|s| s.change).collect();
        // C > 0 only if every subsystem's order degree rose.
        if c > 0.0 {
            assert!(deltas.iter().all(|d| *d > 0.0), "C {c} with Δu {deltas:?}");
            positive += 1;
        }
        if deltas.iter().any(|d| d.abs() <= synergy::ZERO_CHANGE) {
            assert_eq!(c, 0.0);
            assert_eq!(back.synergy, 0.0);
        } else if deltas.iter().all(|d| *d > 0.0) || deltas.iter().all(|d| *d < 0.0) {
            // Swapping the periods flips the sign when every Δu has the same sign …
            assert!((back.synergy + c).abs() < 1e-12, "{c} vs {}", back.synergy);
            flipped += 1;
        } else {
            // … and leaves C at −|C| when they are mixed (θ = −1 both ways).
            assert!(c < 0.0 && (back.synergy - c).abs() < 1e-12, "{c} vs {}", back.synergy);
            mixed += 1;
        }
        for s in &forward.subsystems {
            assert!((0.0..=1.0).contains(&s.order_base) && (0.0..=1.0).contains(&s.order_current));
        }
        for cp in [forward.coupling.base, forward.coupling.current] {
            for x in [cp.c, cp.t, cp.d] {
                assert!((0.0..=1.0 + 1e-12).contains(&x), "{cp:?}");
            }
        }
        assert_eq!(forward.grade.index, forward.grading.iter().position(|b| c <= b.up_to).unwrap());
    }
    assert!(flipped > 100 && mixed > 100 && positive > 50, "{flipped} {mixed} {positive}");
}

#[test]
fn plain_functions() {
    assert_eq!(order_degree(5.0, 0.0, 10.0, Direction::Positive), (0.5, false));
    assert_eq!(order_degree(2.0, 0.0, 10.0, Direction::Negative), (0.8, false));
    assert_eq!(order_degree(12.0, 0.0, 10.0, Direction::Positive), (1.0, true));
    assert_eq!(order_degree(-1.0, 0.0, 10.0, Direction::Positive), (0.0, true));
    assert_eq!(synergy::subsystem_order_degree(&[0.25, 1.0], Aggregation::Geometric, &[]), 0.5);
    assert_eq!(synergy::subsystem_order_degree(&[0.2, 0.6], Aggregation::Weighted, &[0.5, 0.5]), 0.4);
    // Equal order degrees: coupling 1, D = √T.
    let cp = coupling(&[0.49, 0.49], &[0.5, 0.5]);
    assert!((cp.c - 1.0).abs() < 1e-15 && (cp.d - 0.7).abs() < 1e-15, "{cp:?}");
    assert_eq!(coupling(&[0.0, 0.5], &[0.5, 0.5]).c, 0.0);
    let grading = vec![GradeBand { up_to: 1.0, name: "all".into(), name_en: None }];
    let only = SynergyInput::new(
        default_subsystems(),
        vec![vec![1.0; 3]; 4],
        vec![vec![2.0; 3]; 4],
        Aggregation::Weighted,
        grading,
    )
    .unwrap()
    .evaluate();
    assert_eq!(only.grade.index, 0);
}
