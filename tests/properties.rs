//! Invariants as property tests (issue 9 item 2), on generated inputs of valid shape:
//!
//! - adding cases never lowers a framework's level;
//! - scaling the population and every count by a whole factor leaves per-capita levels as they were;
//! - Rt intervals are ordered and contain the mean;
//! - AHP weights are positive and sum to 1, and a consistent matrix has CR 0;
//! - TOPSIS closeness does not depend on the order of the rows;
//! - an allocation never exceeds the supply (nor a cap, nor falls below a floor);
//! - a rulebook (any JSON) survives canonical text → parse → canonical text, with the same hash,
//!   and a decision table survives export to a ZEN graph → import;
//! - every output is finite: serialised through a serializer that fails on NaN or ±∞ (serde_json
//!   would quietly write `null`), so the check can fail.
//!
//! Native only: proptest's random source has no WebAssembly entropy source here, and the core
//! computes the same numbers on both (tests/determinism.rs compares them byte for byte).
#![cfg(not(target_arch = "wasm32"))]

use crisis_desk::analysis;
use crisis_desk::date::Date;
use crisis_desk::escalation::jsontext::{canonical, parse_json};
use crisis_desk::escalation::{
    escalate, export_zen_graph, import_zen_graph, rulebook_hash, validate_rulebook, Table, DEFAULT_RULEBOOK,
};
use crisis_desk::signals::rt::estimate_rt;
use crisis_desk::signals::seir::{simulate, SeirInput};
use crisis_desk::timeline::assess_series;
use crisis_desk::{assess, Json};
use proptest::prelude::*;
use proptest::sample::select;
use serde::Serialize;
use serde_json::{json, Value};

fn j(v: Value) -> Json {
    serde_json::from_value(v).unwrap()
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

// ===================================================================== every output is finite

/// Walks a value as serde sees it and fails, naming the path, on the first NaN or infinity.
mod finite {
    use serde::ser::{self, Serialize};
    use std::fmt;

    #[derive(Debug)]
    pub struct NotFinite(pub String);

    impl fmt::Display for NotFinite {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }
    impl std::error::Error for NotFinite {}
    impl ser::Error for NotFinite {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            NotFinite(msg.to_string())
        }
    }

    /// `Ok` when every float in `value` is finite; else the path of the first one that is not.
    pub fn check<T: Serialize + ?Sized>(value: &T) -> Result<(), NotFinite> {
        value.serialize(Check { path: String::new() })
    }

    pub struct Check {
        pub path: String,
    }

    impl Check {
        fn at(&self, seg: impl fmt::Display) -> Check {
            Check { path: format!("{}{seg}", self.path) }
        }
        fn float(self, x: f64) -> Result<(), NotFinite> {
            if x.is_finite() {
                Ok(())
            } else {
                Err(NotFinite(format!("{x} at `{}`", self.path)))
            }
        }
    }

    pub struct Compound {
        path: String,
        index: usize,
        key: String,
    }

    impl Compound {
        /// A sequence, map or struct whose items are checked under `path`.
        fn at(path: String) -> Result<Compound, NotFinite> {
            Ok(Compound { path, index: 0, key: String::new() })
        }
        fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotFinite> {
            let here = Check { path: format!("{}[{}]", self.path, self.index) };
            self.index += 1;
            value.serialize(here)
        }
        fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), NotFinite> {
            value.serialize(Check { path: format!("{}.{key}", self.path) })
        }
    }

    macro_rules! ok {
        ($($name:ident: $t:ty),*) => { $(fn $name(self, _: $t) -> Result<(), NotFinite> { Ok(()) })* };
    }

    impl ser::Serializer for Check {
        type Ok = ();
        type Error = NotFinite;
        type SerializeSeq = Compound;
        type SerializeTuple = Compound;
        type SerializeTupleStruct = Compound;
        type SerializeTupleVariant = Compound;
        type SerializeMap = Compound;
        type SerializeStruct = Compound;
        type SerializeStructVariant = Compound;

        ok!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
            serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_char: char,
            serialize_str: &str, serialize_bytes: &[u8]);
        fn serialize_f32(self, v: f32) -> Result<(), NotFinite> {
            self.float(f64::from(v))
        }
        fn serialize_f64(self, v: f64) -> Result<(), NotFinite> {
            self.float(v)
        }
        fn serialize_none(self) -> Result<(), NotFinite> {
            Ok(())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), NotFinite> {
            value.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), NotFinite> {
            Ok(())
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), NotFinite> {
            Ok(())
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), NotFinite> {
            Ok(())
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), NotFinite> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            v: &T,
        ) -> Result<(), NotFinite> {
            v.serialize(self.at(format_args!(".{variant}")))
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Compound, NotFinite> {
            Compound::at(self.path)
        }
        fn serialize_tuple(self, _: usize) -> Result<Compound, NotFinite> {
            Compound::at(self.path)
        }
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, NotFinite> {
            Compound::at(self.path)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            v: &'static str,
            _: usize,
        ) -> Result<Compound, NotFinite> {
            Compound::at(format!("{}.{v}", self.path))
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Compound, NotFinite> {
            Compound::at(self.path)
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, NotFinite> {
            Compound::at(self.path)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            v: &'static str,
            _: usize,
        ) -> Result<Compound, NotFinite> {
            Compound::at(format!("{}.{v}", self.path))
        }
    }

    /// Sequences, tuples and their variants: each element is checked at the next index.
    macro_rules! elements {
        ($($trait:ident :: $method:ident),*) => {$(
            impl ser::$trait for Compound {
                type Ok = ();
                type Error = NotFinite;
                fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFinite> {
                    self.element(v)
                }
                fn end(self) -> Result<(), NotFinite> {
                    Ok(())
                }
            }
        )*};
    }
    elements!(
        SerializeSeq::serialize_element,
        SerializeTuple::serialize_element,
        SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field
    );
    impl ser::SerializeMap for Compound {
        type Ok = ();
        type Error = NotFinite;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotFinite> {
            // The key names the value's place; a key that is not text is checked as a value.
            self.key = match serde_json::to_value(key) {
                Ok(serde_json::Value::String(k)) => k,
                _ => {
                    key.serialize(Check { path: self.path.clone() })?;
                    "?".into()
                }
            };
            Ok(())
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), NotFinite> {
            v.serialize(Check { path: format!("{}.{}", self.path, self.key) })
        }
        fn end(self) -> Result<(), NotFinite> {
            Ok(())
        }
    }
    /// Structs and struct variants: each field is checked under its name.
    macro_rules! fields {
        ($($trait:ident),*) => {$(
            impl ser::$trait for Compound {
                type Ok = ();
                type Error = NotFinite;
                fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), NotFinite> {
                    self.field(key, v)
                }
                fn end(self) -> Result<(), NotFinite> {
                    Ok(())
                }
            }
        )*};
    }
    fields!(SerializeStruct, SerializeStructVariant);
}

/// Fails the property with the path of the first non-finite number in `value`.
fn assert_finite<T: Serialize + ?Sized>(what: &str, value: &T) -> Result<(), TestCaseError> {
    finite::check(value).map_err(|e| TestCaseError::fail(format!("{what}: not finite: {e}")))
}

#[test]
fn the_finiteness_check_can_fail() {
    #[derive(Serialize)]
    struct Inner {
        ok: f64,
        values: Vec<Option<f64>>,
    }
    #[derive(Serialize)]
    struct Outer {
        name: &'static str,
        inner: Inner,
    }
    let good = Outer { name: "x", inner: Inner { ok: 1.0, values: vec![Some(2.0), None] } };
    assert!(finite::check(&good).is_ok());
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let v = Outer { name: "x", inner: Inner { ok: 1.0, values: vec![None, Some(bad)] } };
        let e = finite::check(&v).unwrap_err();
        assert!(e.0.ends_with("at `.inner.values[1]`"), "{}", e.0);
    }
    // The core's own Json (which keeps NaN) is caught too, while serde_json writes null.
    let json = Json::Array(vec![Json::Number(1.0), Json::Number(f64::NAN)]);
    assert!(finite::check(&json).is_err());
    assert_eq!(serde_json::to_string(&json).unwrap(), "[1.0,null]");
    // Map values (BTreeMap, HashMap serialise as maps).
    let map: std::collections::BTreeMap<&str, f64> = [("a", 1.0), ("b", f64::INFINITY)].into_iter().collect();
    assert_eq!(finite::check(&map).unwrap_err().0, "inf at `.b`");
}

// ===================================================================== situations

/// A situation of valid shape: every column as long as the dates, counts whole and ≥ 0,
/// positives ≤ tests, some days not reported (`null`).
#[derive(Debug, Clone)]
struct Sit {
    population: u64,
    local: Vec<Option<u64>>,
    imported: Option<Vec<Option<u64>>>,
    asymptomatic: Option<Vec<Option<u64>>>,
    tests: Option<Vec<Option<(u64, u64)>>>,
    admissions: Option<Vec<Option<u64>>>,
    deaths: Option<Vec<Option<u64>>>,
    beds: Option<Vec<Option<u64>>>,
    icu: Option<Vec<Option<u64>>>,
    capacity: Option<(u64, u64)>,
    clusters: Option<u64>,
    /// Counties affected, unexplained clusters, baseline weekly incidence per 100 000.
    events: Option<(u64, u64, f64)>,
}

fn column(n: usize, max: u64) -> impl Strategy<Value = Vec<Option<u64>>> {
    prop::collection::vec(prop::option::weighted(0.95, 0..=max), n)
}

fn sit() -> impl Strategy<Value = Sit> {
    (14usize..50).prop_flat_map(|n| {
        (
            (10_000u64..3_000_000, column(n, 300), prop::option::of(column(n, 30))),
            (
                prop::option::of(column(n, 20)),
                prop::option::of(prop::collection::vec(prop::option::weighted(0.95, (0u64..4000, 0u64..300)), n)),
                prop::option::of(column(n, 40)),
                prop::option::of(column(n, 5)),
            ),
            (
                prop::option::of(column(n, 400)),
                prop::option::of(column(n, 50)),
                prop::option::of((100u64..2000, 10u64..200)),
                prop::option::of(0u64..6),
                prop::option::of((0u64..4, 0u64..3, 0.0f64..30.0)),
            ),
        )
            .prop_map(
                |(
                    (population, local, asymptomatic),
                    (imported, tests, admissions, deaths),
                    (beds, icu, capacity, clusters, events),
                )| {
                    Sit {
                        population,
                        local,
                        imported,
                        asymptomatic,
                        tests,
                        admissions,
                        deaths,
                        beds,
                        icu,
                        capacity,
                        clusters,
                        events,
                    }
                },
            )
    })
}

impl Sit {
    /// The situation as JSON, every count and the population multiplied by `k`.
    fn json(&self, k: u64) -> Json {
        let n = self.local.len();
        let start = Date::parse("2026-01-01").unwrap();
        let dates: Vec<String> = (0..n).map(|i| start.plus_days(i as i64).to_string()).collect();
        let col = |c: &[Option<u64>]| Value::Array(c.iter().map(|x| x.map_or(Value::Null, |x| json!(x * k))).collect());
        let mut series = serde_json::Map::new();
        series.insert("date".into(), json!(dates));
        series.insert("localCases".into(), col(&self.local));
        for (key, c) in [
            ("importedCases", &self.imported),
            ("asymptomatic", &self.asymptomatic),
            ("admissions", &self.admissions),
            ("deaths", &self.deaths),
            ("bedsOccupied", &self.beds),
            ("icuOccupied", &self.icu),
        ] {
            if let Some(c) = c {
                series.insert(key.into(), col(c));
            }
        }
        if let Some(t) = &self.tests {
            let done: Vec<Option<u64>> = t.iter().map(|x| x.map(|(d, _)| d)).collect();
            let pos: Vec<Option<u64>> = t.iter().map(|x| x.map(|(d, p)| p.min(d))).collect();
            series.insert("testsPerformed".into(), col(&done));
            series.insert("testsPositive".into(), col(&pos));
        }
        let mut s = json!({
            "region": { "name": "Testville", "population": self.population * k, "kind": "county" },
            "asOf": dates[n - 1],
            "series": series,
            "events": { "disease": "COVID-19", "diseaseClass": "B" },
        });
        if let Some((beds, icu)) = self.capacity {
            s["capacity"] = json!({ "beds": beds * k, "icuBeds": icu * k, "responseCapacity": "moderate" });
        }
        if let Some(c) = self.clusters {
            // A number of clusters, not of people: it does not scale (nor do counties).
            s["events"]["clustersLast14Days"] = json!(c);
        }
        if let Some((counties, unexplained, baseline)) = self.events {
            s["events"]["countiesAffected"] = json!(counties);
            s["events"]["unexplainedClusters"] = json!(unexplained);
            // Per 100 000: it does not scale either.
            s["events"]["baselineWeeklyIncidence"] = json!(baseline);
            s["events"]["newOrImportedDisease"] = json!(false);
        }
        j(s)
    }
}

/// Every framework by its key in the output (the core's own list, so a new one is covered).
const FRAMEWORKS: [&str; 8] = crisis_desk::frameworks::options::FrameworkKey::WIRE;

/// Each framework's severity (`null` = unknown), by name.
fn severities(a: &Value) -> Vec<(&'static str, Option<u64>)> {
    FRAMEWORKS.iter().map(|f| (*f, a["frameworks"][f]["severity"].as_u64())).collect()
}

proptest! {
    #![proptest_config(config(256))]

    /// Adding local cases on reported days never lowers a framework's level. Covid Act Now is
    /// left out: its infection-rate metric is Rt, which falls when the added cases sit early in
    /// the window (they raise the infectivity the later days are divided by), so its level may
    /// fall; the verdict and the composite read Rt too. The missing days stay missing. A level
    /// unknown before (an input missing) may become known after (more cases can settle it at the
    /// top band whatever the missing input says); a level known before must stay known.
    #[test]
    fn adding_cases_never_lowers_a_level(
        s in sit(),
        adds in prop::collection::vec((0usize..1000, 1u64..300), 1..6),
    ) {
        let before = serde_json::to_value(assess(&s.json(1)).unwrap()).unwrap();
        let mut more = s.clone();
        for (day, extra) in adds {
            let n = more.local.len();
            if let Some(x) = &mut more.local[day % n] {
                *x += extra;
            }
        }
        let after_out = assess(&more.json(1)).unwrap();
        assert_finite("assess", &after_out)?;
        let after = serde_json::to_value(&after_out).unwrap();
        for ((name, b), (_, a)) in severities(&before).into_iter().zip(severities(&after)) {
            if name == "covidActNow" {
                continue;
            }
            match (b, a) {
                (Some(b), Some(a)) => prop_assert!(a >= b, "{name}: severity {b} fell to {a}"),
                (Some(b), None) => prop_assert!(false, "{name}: severity {b} became unknown"),
                (None, _) => {}
            }
        }
    }

    /// Multiplying the population and every count of people (cases, tests, admissions,
    /// deaths, beds occupied and available) by k leaves the per-capita frameworks' levels as
    /// they were: CDC's two, Harvard's and WHO's (its cluster count is of clusters, unscaled).
    /// Left out: China's event grade and risk areas count cases in absolute numbers (e.g. more
    /// than 50 cumulative cases, "10 or more cases"), and Covid Act Now's infection rate is Rt,
    /// whose posterior mean (a + ΣI)/(1/b + ΣΛ) keeps the prior's a and b unscaled.
    #[test]
    fn scaling_people_leaves_per_capita_levels(s in sit(), k in 2u64..=5) {
        let one = assess(&s.json(1)).unwrap();
        let scaled = assess(&s.json(k)).unwrap();
        assert_finite("assess", &scaled)?;
        let (one, scaled) = (serde_json::to_value(one).unwrap(), serde_json::to_value(scaled).unwrap());
        for f in ["cdcTransmission", "cdcCommunity", "harvard", "whoPhsm"] {
            prop_assert_eq!(
                &one["frameworks"][f]["level"], &scaled["frameworks"][f]["level"],
                "{} at k = {}", f, k
            );
            prop_assert_eq!(&one["frameworks"][f]["severity"], &scaled["frameworks"][f]["severity"], "{}", f);
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// assessSeries and escalate on generated situations: every number finite.
    #[test]
    fn series_and_plans_are_finite(s in sit()) {
        let series = assess_series(&s.json(1), &Json::Null).unwrap();
        assert_finite("assessSeries", &series)?;
        let a = assess(&s.json(1)).unwrap();
        let plan = escalate(
            &j(serde_json::to_value(&a).unwrap()),
            &j(json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "facts": { "crossBorderLink": true } })),
        ).unwrap();
        assert_finite("escalate", &plan)?;
    }
}

// ===================================================================== Rt

proptest! {
    #![proptest_config(config(256))]

    /// Every window of estimateRt: q025 ≤ q05 ≤ q25 ≤ median ≤ q75 ≤ q95 ≤ q975, and the mean
    /// inside [q025, q975]; everything finite.
    #[test]
    fn rt_intervals_are_ordered_and_contain_the_mean(
        incidence in prop::collection::vec(prop_oneof![3 => 0u64..50, 1 => 0u64..5000], 9..120),
        mean in 1.5f64..12.0,
        sd in 0.5f64..6.0,
        window in 1usize..8,
    ) {
        prop_assume!(incidence.iter().any(|x| *x > 0));
        let input = j(json!({ "incidence": incidence, "si": { "mean": mean, "sd": sd }, "window": window }));
        let out = estimate_rt(&input).unwrap();
        assert_finite("estimateRt", &out)?;
        for w in &out.windows {
            let q = [w.q025, w.q05, w.q25, w.median, w.q75, w.q95, w.q975];
            prop_assert!(q.windows(2).all(|p| p[0] <= p[1]), "quantiles out of order: {:?}", q);
            prop_assert!(w.q025 <= w.mean && w.mean <= w.q975, "mean {} outside [{}, {}]", w.mean, w.q025, w.q975);
        }
    }
}

// ===================================================================== AHP

const SAATY: [f64; 17] = [
    1.0 / 9.0,
    1.0 / 8.0,
    1.0 / 7.0,
    1.0 / 6.0,
    1.0 / 5.0,
    1.0 / 4.0,
    1.0 / 3.0,
    1.0 / 2.0,
    1.0,
    2.0,
    3.0,
    4.0,
    5.0,
    6.0,
    7.0,
    8.0,
    9.0,
];

fn ahp_out(m: &[Vec<f64>]) -> Value {
    let out = analysis::ahp(&j(json!({ "matrix": m }))).unwrap();
    finite::check(&out).unwrap();
    serde_json::to_value(out).unwrap()
}

proptest! {
    #![proptest_config(config(256))]

    /// Any reciprocal matrix on Saaty's scale: weights > 0 summing to 1 (to 1e-9).
    #[test]
    fn ahp_weights_are_positive_and_sum_to_one(
        upper in (1usize..=10).prop_flat_map(|n| prop::collection::vec(select(SAATY.to_vec()), n * (n - 1) / 2).prop_map(move |v| (n, v)))
    ) {
        let (n, values) = upper;
        // The upper triangle row by row from `values`, the lower its reciprocals.
        let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i + 1..n).map(move |k| (i, k))).collect();
        let mut m = vec![vec![1.0; n]; n];
        for (&(i, k), &x) in pairs.iter().zip(&values) {
            m[i][k] = x;
            m[k][i] = 1.0 / x;
        }
        let out = ahp_out(&m);
        let w: Vec<f64> = out["weights"].as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        prop_assert!(w.iter().all(|x| *x > 0.0), "{:?}", w);
        prop_assert!((w.iter().sum::<f64>() - 1.0).abs() <= 1e-9, "sum {}", w.iter().sum::<f64>());
        prop_assert!(out["cr"].as_f64().unwrap() >= -1e-9);
    }

    /// a_ij = w_i / w_j from positive w: CR = 0 and the weights are w normalised (to 1e-9).
    #[test]
    fn a_consistent_matrix_has_cr_zero(w in prop::collection::vec(0.2f64..5.0, 1..=12)) {
        let n = w.len();
        let m: Vec<Vec<f64>> = (0..n).map(|i| (0..n).map(|k| w[i] / w[k]).collect()).collect();
        let out = ahp_out(&m);
        prop_assert!(out["cr"].as_f64().unwrap().abs() <= 1e-9, "CR {}", out["cr"]);
        let total: f64 = w.iter().sum();
        for (got, want) in out["weights"].as_array().unwrap().iter().zip(&w) {
            prop_assert!((got.as_f64().unwrap() - want / total).abs() <= 1e-9);
        }
    }
}

// ===================================================================== TOPSIS

fn matrix_and_order() -> impl Strategy<Value = (Vec<Vec<f64>>, Vec<usize>)> {
    (2usize..12, 1usize..6).prop_flat_map(|(m, n)| {
        let cell = (1u32..100_000).prop_map(|x| f64::from(x) / 100.0);
        (prop::collection::vec(prop::collection::vec(cell, n), m), Just((0..m).collect::<Vec<usize>>()).prop_shuffle())
    })
}

proptest! {
    #![proptest_config(config(256))]

    /// Permuting the rows permutes the closeness (and the ranking's ties aside, nothing else):
    /// each alternative's closeness is the same to 1e-12.
    #[test]
    fn topsis_does_not_depend_on_row_order(
        (matrix, order) in matrix_and_order(),
        weights in prop::collection::vec(0.05f64..1.0, 6),
        benefit in prop::collection::vec(any::<bool>(), 6),
        normalization in select(vec!["vector", "minmax"]),
    ) {
        let n = matrix[0].len();
        let types: Vec<&str> = benefit[..n].iter().map(|b| if *b { "benefit" } else { "cost" }).collect();
        let input = |rows: &[Vec<f64>]| j(json!({
            "matrix": rows, "weights": &weights[..n], "types": types, "normalization": normalization,
        }));
        let permuted: Vec<Vec<f64>> = order.iter().map(|&i| matrix[i].clone()).collect();
        match (analysis::topsis(&input(&matrix)), analysis::topsis(&input(&permuted))) {
            (Ok(a), Ok(b)) => {
                assert_finite("topsis", &a)?;
                for (k, &i) in order.iter().enumerate() {
                    let (x, y) = (a.closeness[i], b.closeness[k]);
                    prop_assert!((x - y).abs() <= 1e-12, "row {}: {} vs {}", i, x, y);
                }
            }
            (Err(a), Err(b)) => {
                let codes = |e: &crisis_desk::InputError| e.problems.iter().map(|p| p.code).collect::<Vec<_>>();
                prop_assert_eq!(codes(&a), codes(&b));
            }
            (a, b) => prop_assert!(false, "one order fails: {:?} / {:?}", a.err(), b.err()),
        }
    }
}

// ===================================================================== allocation

proptest! {
    #![proptest_config(config(512))]

    /// Whole units never exceed the supply, nor a cap; never fall below a floor.
    #[test]
    fn allocation_never_exceeds_supply(
        supply in 0u64..5000,
        needs in prop::collection::vec(prop_oneof![0u32..1000, Just(0)], 1..30),
        priorities in prop::option::of(prop::collection::vec(0.0f64..5.0, 30)),
        floors in prop::option::of(prop::collection::vec(0u64..30, 30)),
        caps in prop::option::of(prop::collection::vec(prop::option::of(0u64..400), 30)),
    ) {
        let n = needs.len();
        let mut input = json!({ "supply": supply, "needs": needs });
        if let Some(p) = &priorities {
            input["priorities"] = json!(&p[..n]);
        }
        if let Some(f) = &floors {
            input["floors"] = json!(&f[..n]);
        }
        if let Some(c) = &caps {
            input["caps"] = json!(&c[..n]);
        }
        let Ok(out) = analysis::allocate(&j(input)) else { return Ok(()) }; // floors above supply, …
        assert_finite("allocate", &out)?;
        let total: u64 = out.allocation.iter().sum();
        prop_assert!(total <= supply, "allocated {} of {}", total, supply);
        prop_assert_eq!(total, out.allocated);
        for i in 0..n {
            if let Some(Some(cap)) = caps.as_ref().map(|c| c[i]) {
                prop_assert!(out.allocation[i] <= cap, "recipient {} over its cap", i);
            }
            if let Some(f) = &floors {
                prop_assert!(out.allocation[i] >= f[i]);
            }
        }
    }
}

// ===================================================================== the other analyses

proptest! {
    #![proptest_config(config(128))]

    /// Entropy weights, fuzzy evaluation, synergy and SEIR on generated inputs: finite outputs.
    #[test]
    fn analyses_are_finite(
        rows in prop::collection::vec(prop::collection::vec(0u32..10_000, 3), 2..10),
        memberships in prop::collection::vec(prop::collection::vec(0u32..100, 5), 3),
        shift in 0.0f64..1.0,
        r0 in 0.1f64..29.0,
        population in 1u64..10_000_000,
        base in prop::collection::vec(prop::collection::vec(0u32..1000, 3), 4),
        current in prop::collection::vec(prop::collection::vec(0u32..1000, 3), 4),
    ) {
        if let Ok(e) = analysis::entropy_weights(&j(json!({ "matrix": rows, "normalization": "minmax", "shift": shift }))) {
            assert_finite("entropyWeights", &e)?;
        }
        let membership: Vec<Vec<f64>> = memberships
            .iter()
            .map(|r| {
                let total: u32 = r.iter().sum::<u32>().max(1);
                r.iter().map(|x| f64::from(*x) / f64::from(total)).collect()
            })
            .collect();
        for operator in ["weighted-average", "max-min", "max-product", "bounded-sum"] {
            let input = json!({ "weights": [0.2, 0.3, 0.5], "membership": membership, "operator": operator });
            if let Ok(f) = analysis::fuzzy_evaluate(&j(input)) {
                assert_finite("fuzzyEvaluate", &f)?;
            }
        }
        let mut synergy: Value = serde_json::from_str(analysis::synergy::EXAMPLE_SYNERGY).unwrap();
        synergy["base"] = json!(base);
        synergy["current"] = json!(current);
        if let Ok(s) = analysis::synergy_degree(&j(synergy)) {
            assert_finite("synergyDegree", &s)?;
        }
        let seir = json!({ "population": population, "reproductionNumber": r0,
                           "initial": { "exposed": 1, "infectious": 1 }, "horizonDays": 60,
                           "intervention": { "contactReduction": 0.5, "fromDay": 10 } });
        if let Ok(input) = SeirInput::from_json(&j(seir)) {
            assert_finite("simulateSeir", &simulate(&input))?;
        }
    }
}

// ===================================================================== rulebooks and tables

/// Any JSON value a rulebook may hold: strings of any characters (controls, quotes, CJK,
/// astral), finite numbers of any size, duplicate keys.
fn any_json() -> impl Strategy<Value = Json> {
    let number = any::<f64>().prop_filter("finite", |x| x.is_finite()).prop_map(Json::Number);
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        number,
        (-1_000_000i64..1_000_000).prop_map(|x| Json::Number(x as f64)),
        any::<String>().prop_map(Json::String),
        "[a-z\u{4e00}-\u{4e10}\"\\\\\n]{0,6}".prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
            prop::collection::vec(("[a-c]{1,2}|.{0,4}", inner), 0..6).prop_map(Json::Object),
        ]
    })
}

/// The bundled rulebook with its objects' keys in a shuffled order and some texts replaced.
fn shuffled(v: &Json, seed: &mut u64, texts: &[String]) -> Json {
    fn next(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed >> 33
    }
    match v {
        Json::Object(pairs) => {
            let mut pairs: Vec<(String, Json)> =
                pairs.iter().map(|(k, v)| (k.clone(), shuffled(v, seed, texts))).collect();
            let n = pairs.len();
            for i in (1..n).rev() {
                let k = (next(seed) as usize) % (i + 1);
                pairs.swap(i, k);
            }
            Json::Object(pairs)
        }
        Json::Array(items) => Json::Array(items.iter().map(|x| shuffled(x, seed, texts)).collect()),
        Json::String(s) if s.chars().count() > 20 && !texts.is_empty() => {
            Json::String(texts[(next(seed) as usize) % texts.len()].clone())
        }
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(config(512))]

    /// Canonical text → parse → canonical text is the identity, and the hash is unchanged;
    /// so is the crate's own serialisation (what the page exports) read back.
    #[test]
    fn any_json_survives_export_and_import(v in any_json()) {
        let text = canonical(&v);
        let back = parse_json(&text).unwrap();
        prop_assert_eq!(&canonical(&back), &text);
        prop_assert_eq!(rulebook_hash(&back), rulebook_hash(&v));
        let exported = serde_json::to_string(&v).unwrap();
        prop_assert_eq!(canonical(&parse_json(&exported).unwrap()), text);
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// The bundled rulebook, its keys reordered and long texts replaced by generated ones:
    /// the hash does not see key order; export → import keeps text, hash and diagnostics.
    #[test]
    fn a_rulebook_survives_export_and_import(seed in any::<u64>(), texts in prop::collection::vec(any::<String>(), 0..4)) {
        let original = parse_json(DEFAULT_RULEBOOK).unwrap();
        let mut s = seed;
        let book = shuffled(&original, &mut s, &texts);
        if texts.is_empty() {
            prop_assert_eq!(rulebook_hash(&book), rulebook_hash(&original));
        }
        let text = canonical(&book);
        let back = parse_json(&text).unwrap();
        prop_assert_eq!(canonical(&back), text.clone());
        prop_assert_eq!(rulebook_hash(&back), rulebook_hash(&book));
        let exported = parse_json(&serde_json::to_string(&book).unwrap()).unwrap();
        prop_assert_eq!(canonical(&exported), text);
        let (a, b) = (validate_rulebook(&book), validate_rulebook(&back));
        prop_assert_eq!(serde_json::to_value(a).unwrap(), serde_json::to_value(b).unwrap());
    }
}

const CELLS: [&str; 12] =
    ["", "> 3", "<= 10", "[1..5]", "]0..100[", "\"a\", \"b\"", "\"c\"", "true", "not(3)", "3, 7", "-", "null"];

fn table() -> impl Strategy<Value = Value> {
    (1usize..4, 1usize..8).prop_flat_map(|(inputs, rules)| {
        (
            select(vec!["first", "collect", "unique", "any", "priority"]),
            prop::collection::vec(prop::collection::vec(select(CELLS.to_vec()), inputs), rules),
            prop::collection::vec(0u32..100, rules),
            "[a-z]{1,8}",
            prop::option::of(prop_oneof!["[A-Za-z \u{4e00}-\u{4e10}]{1,12}", Just("=id".to_owned())]),
        )
            .prop_map(move |(policy, cells, outs, id, name)| {
                let rules: Vec<Value> = cells
                    .iter()
                    .zip(&outs)
                    .enumerate()
                    .map(|(r, (row, out))| {
                        let mut m = serde_json::Map::new();
                        m.insert("_id".into(), json!(format!("r{r}")));
                        for (c, cell) in row.iter().enumerate() {
                            m.insert(format!("i{c}"), json!(cell));
                        }
                        m.insert("o".into(), json!(out.to_string()));
                        Value::Object(m)
                    })
                    .collect();
                let mut t = json!({
                    "id": id,
                    "hitPolicy": policy,
                    "inputs": (0..inputs).map(|c| json!({ "id": format!("i{c}"), "field": format!("facts.f{c}") })).collect::<Vec<_>>(),
                    "outputs": [{ "id": "o", "field": "result.value" }],
                    "rules": rules,
                });
                match name.as_deref() {
                    Some("=id") => t["name"] = json!(id),
                    Some(name) => t["name"] = json!(name),
                    None => {}
                }
                if policy == "priority" {
                    t["outputs"][0]["priority"] = json!((0..100).rev().collect::<Vec<u32>>());
                }
                t
            })
    })
}

proptest! {
    #![proptest_config(config(256))]

    /// A table exported as a ZEN graph and imported back is the same table (canonical text).
    /// A ZEN node needs a name, so an unnamed table is exported named by its id, and a name
    /// equal to the id is not carried back: a table named exactly as its id comes back unnamed.
    #[test]
    fn a_table_survives_a_zen_graph_round_trip(t in table()) {
        let table = j(t.clone());
        prop_assume!(Table::parse(&table).is_ok());
        let export = export_zen_graph(&table).unwrap();
        assert_finite("exportZenGraph", &export)?;
        let graph = parse_json(&serde_json::to_string(&export.graph).unwrap()).unwrap();
        let import = import_zen_graph(&graph).unwrap();
        prop_assert_eq!(import.tables.len(), 1);
        let mut want = t.clone();
        if want.get("name") == want.get("id") {
            want.as_object_mut().unwrap().remove("name");
        }
        prop_assert_eq!(canonical(&import.tables[0]), canonical(&j(want)));
    }
}

#[test]
fn the_bundled_tables_survive_a_zen_graph_round_trip() {
    let book = parse_json(DEFAULT_RULEBOOK).unwrap();
    let Some(Json::Array(tables)) = book.get("tables") else { panic!("tables") };
    assert!(!tables.is_empty());
    for t in tables {
        let import = import_zen_graph(&export_zen_graph(t).unwrap().graph).unwrap();
        assert_eq!(canonical(&import.tables[0]), canonical(t));
    }
}
