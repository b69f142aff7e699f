//! The boundary under wasm-bindgen-test (Node): a good call, and each bad input's `code`
//! and `path`, from the same fixtures as the native tests. Run with
//! `cargo test --target wasm32-unknown-unknown` (runner: wasm-bindgen-test-runner).
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

use crisis_desk::wasm;
use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const FIXTURES: &str = include_str!("fixtures/situation-validation.json");

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn cases(kind: &str) -> Array {
    get(&JSON::parse(FIXTURES).unwrap(), kind).unchecked_into()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn example_assesses_with_camel_case_plain_objects() {
    let example = wasm::example_situation().unwrap();
    let out = wasm::assess(example.clone(), None).unwrap();
    let signals = get(&out, "signals");
    let last7 = get(&signals, "localCasesLast7Days").as_f64().unwrap();
    let incidence = get(&signals, "incidence7dPer100k").as_f64().unwrap();
    let population = get(&get(&example, "region"), "population").as_f64().unwrap();
    assert!((incidence - last7 / population * 1e5).abs() < 1e-9);
    // Plain objects (not Maps), and null (not undefined) for an absent value.
    assert!(get(&out, "region").is_object());
    assert!(!get(&out, "region").is_instance_of::<js_sys::Map>());
    assert_eq!(get(&out, "version").as_string().unwrap(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn valid_fixtures_assess() {
    for case in cases("valid").iter() {
        assert!(wasm::assess(get(&case, "input"), None).is_ok());
        let problems: Array = wasm::validate_situation(get(&case, "input")).unwrap().unchecked_into();
        assert_eq!(problems.length(), 0);
    }
}

#[wasm_bindgen_test]
fn each_bad_input_throws_an_error_with_code_path_and_every_problem() {
    for case in cases("invalid").iter() {
        let name = get(&case, "name").as_string().unwrap();
        let expect: Array = get(&case, "expect").unchecked_into();
        let err = wasm::assess(get(&case, "input"), None).expect_err(&name);
        assert!(err.is_instance_of::<js_sys::Error>(), "{name}: a real Error");
        let first = expect.get(0);
        assert_eq!(get(&err, "code"), get(&first, "code"), "{name}");
        assert_eq!(get(&err, "path"), get(&first, "path"), "{name}");
        let problems: Array = get(&err, "problems").unchecked_into();
        assert_eq!(problems.length(), expect.length(), "{name}");
        for (got, want) in problems.iter().zip(expect.iter()) {
            assert_eq!(get(&got, "code"), get(&want, "code"), "{name}");
            assert_eq!(get(&got, "path"), get(&want, "path"), "{name}");
            assert!(get(&got, "message").as_string().is_some_and(|m| !m.is_empty()));
        }
    }
}

#[wasm_bindgen_test]
fn nan_from_javascript_is_an_error_not_a_missing_day() {
    let example = wasm::example_situation().unwrap();
    let local: Array = get(&get(&example, "series"), "localCases").unchecked_into();
    local.set(3, JsValue::from_f64(f64::NAN));
    let err = wasm::assess(example, None).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "not-finite");
    assert_eq!(get(&err, "path").as_string().unwrap(), "series.localCases[3]");
}

#[wasm_bindgen_test]
fn non_data_input_is_a_clear_error() {
    let f = js_sys::Function::new_no_args("return 1");
    let err = wasm::assess(f.into(), None).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-type");
    assert_eq!(get(&err, "path").as_string().unwrap(), "");
    let err = wasm::assess(JsValue::UNDEFINED, None).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "invalid-type");
}

const RT_FIXTURES: &str = include_str!("fixtures/rt-epiestim.json");

#[wasm_bindgen_test]
fn estimate_rt_matches_epiestim_through_the_boundary() {
    let doc = JSON::parse(RT_FIXTURES).unwrap();
    let cases: Array = get(&doc, "cases").unchecked_into();
    for case in cases.iter().filter(|c| get(c, "source").as_string().as_deref() == Some("epiestim-snapshot")) {
        let name = get(&case, "name").as_string().unwrap();
        let out = wasm::estimate_rt(get(&case, "input")).expect(&name);
        let got: Array = get(&out, "windows").unchecked_into();
        let want: Array = get(&get(&case, "expect"), "windows").unchecked_into();
        assert_eq!(got.length(), want.length(), "{name}");
        for (g, w) in got.iter().zip(want.iter()) {
            for key in ["tStart", "tEnd"] {
                assert_eq!(get(&g, key), get(&w, key), "{name} {key}");
            }
            for key in ["mean", "std", "q025", "median", "q975"] {
                let (g, w) = (get(&g, key).as_f64().unwrap(), get(&w, key).as_f64().unwrap());
                assert!((g - w).abs() <= 1e-6, "{name} {key}: {g} vs {w}");
            }
        }
    }
}

#[wasm_bindgen_test]
fn estimate_rt_errors_carry_code_and_path() {
    let doc = JSON::parse(RT_FIXTURES).unwrap();
    let invalid: Array = get(&doc, "invalid").unchecked_into();
    assert!(invalid.length() > 10);
    for case in invalid.iter() {
        let name = get(&case, "name").as_string().unwrap();
        let err = wasm::estimate_rt(get(&case, "input")).expect_err(&name);
        let first = Array::from(&get(&case, "expect")).get(0);
        assert_eq!(get(&err, "code"), get(&first, "code"), "{name}");
        assert_eq!(get(&err, "path"), get(&first, "path"), "{name}");
    }
}

#[wasm_bindgen_test]
fn simulate_seir_through_the_boundary() {
    let input = JSON::parse(
        r#"{"population":100000,"reproductionNumber":2.5,"initial":{"exposed":10,"infectious":10},"horizonDays":60,
            "intervention":{"contactReduction":0.5,"fromDay":20}}"#,
    )
    .unwrap();
    let out = wasm::simulate_seir(input).unwrap();
    let baseline = get(&out, "baseline");
    let scenario = get(&out, "scenario");
    // S + E + I + R stays the population on the last day.
    let last = |t: &JsValue, key: &str| {
        let a: Array = get(t, key).unchecked_into();
        a.get(a.length() - 1).as_f64().unwrap()
    };
    let total: f64 = ["susceptible", "exposed", "prevalence", "removed"].iter().map(|k| last(&baseline, k)).sum();
    assert!((total - 100000.0).abs() < 1e-6 * 100000.0, "{total}");
    let averted = get(&get(&out, "comparison"), "infectionsAverted").as_f64().unwrap();
    assert!(averted > 0.0);
    assert!(get(&scenario, "totalInfections").as_f64().unwrap() < get(&baseline, "totalInfections").as_f64().unwrap());
    let bad =
        JSON::parse(r#"{"population":-1,"reproductionNumber":2,"initial":{"exposed":1,"infectious":1}}"#).unwrap();
    let err = wasm::simulate_seir(bad).unwrap_err();
    assert_eq!(get(&err, "path").as_string().unwrap(), "population");
}

#[wasm_bindgen_test]
fn decision_analysis_through_the_boundary() {
    // Saaty's consistent 3 × 3 example: weights 4:2:1 exactly, CR 0.
    let out = wasm::ahp(JSON::parse(r#"{"matrix":[[1,2,4],[0.5,1,2],[0.25,0.5,1]]}"#).unwrap()).unwrap();
    let w: Array = get(&out, "weights").unchecked_into();
    let ws: Vec<f64> = w.iter().map(|x| x.as_f64().unwrap()).collect();
    for (got, want) in ws.iter().zip([4.0 / 7.0, 2.0 / 7.0, 1.0 / 7.0]) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    assert!(get(&out, "cr").as_f64().unwrap().abs() < 1e-12);
    let err = wasm::ahp(JSON::parse(r#"{"matrix":[[1,3],[3,1]]}"#).unwrap()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "not-reciprocal");
    let alloc = wasm::allocate(JSON::parse(r#"{"supply":10,"needs":[5,5,10]}"#).unwrap()).unwrap();
    assert_eq!(get(&alloc, "allocated").as_f64().unwrap(), 10.0);
    let synergy = wasm::synergy_degree(wasm::example_synergy().unwrap()).unwrap();
    let c = get(&synergy, "synergy").as_f64().unwrap();
    assert!((-1.0..=1.0).contains(&c));
}

#[wasm_bindgen_test]
fn decision_tables_through_the_boundary() {
    let table = JSON::parse(
        r#"{"hitPolicy":"first","inputs":[{"id":"i1","field":"cases.per100k"}],"outputs":[{"id":"o1","field":"level"}],
            "rules":[{"_id":"r1","i1":"< 10","o1":"\"low\""},{"_id":"r2","i1":"[10..50)","o1":"\"moderate\""},{"_id":"r3","i1":">= 50","o1":"\"high\""}]}"#,
    )
    .unwrap();
    let out = wasm::evaluate_table(table.clone(), JSON::parse(r#"{"cases":{"per100k":10}}"#).unwrap()).unwrap();
    assert_eq!(get(&get(&out, "result"), "level").as_string().unwrap(), "moderate");
    let trace: Array = get(&out, "trace").unchecked_into();
    assert_eq!(trace.length(), 2, "first: rules up to the match");
    assert_eq!(get(&trace.get(1), "rule").as_string().unwrap(), "r2");
    // A bad cell is a diagnostic with its position, not an exception.
    let bad = JSON::parse(r#"{"hitPolicy":"first","inputs":[{"id":"i1","field":"x"}],"outputs":[{"id":"o1","field":"y"}],"rules":[{"_id":"r1","i1":"<< 3","o1":"1"}]}"#).unwrap();
    let diags: Array = wasm::validate_table(bad.clone(), None).unwrap().unchecked_into();
    assert_eq!(get(&diags.get(0), "code").as_string().unwrap(), "feel-syntax");
    assert_eq!(get(&diags.get(0), "severity").as_string().unwrap(), "error");
    let err = wasm::evaluate_table(bad, JSON::parse("{}").unwrap()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "feel-syntax");
    // A ZEN graph and back: the same table, as plain objects.
    let exported = wasm::export_zen_graph(table.clone()).unwrap();
    let graph = get(&exported, "graph");
    assert!(!graph.is_instance_of::<js_sys::Map>());
    let imported = wasm::import_zen_graph(graph).unwrap();
    let tables: Array = get(&imported, "tables").unchecked_into();
    let same =
        |key: &str| JSON::stringify(&get(&tables.get(0), key)).unwrap() == JSON::stringify(&get(&table, key)).unwrap();
    assert!(same("hitPolicy") && same("inputs") && same("outputs") && same("rules"));
    assert_eq!(get(&tables.get(0), "id").as_string().unwrap(), "table", "an id-less table gets one");
    let err = wasm::import_zen_graph(JSON::parse(r#"{"nodes":[]}"#).unwrap()).unwrap_err();
    assert_eq!(get(&err, "path").as_string().unwrap(), "nodes");
}

#[wasm_bindgen_test]
fn escalation_plan_through_the_boundary() {
    let assessment = wasm::assess(wasm::example_situation().unwrap(), None).unwrap();
    let options = JSON::parse(r#"{"detectedAt":"2026-11-25T09:00:00+08:00"}"#).unwrap();
    let plan = wasm::escalate(assessment, options).unwrap();
    let timeline: Array = get(&plan, "timeline").unchecked_into();
    assert_eq!(get(&timeline.get(0), "clock").as_string().unwrap(), "11:00");
    let rulebook = wasm::default_rulebook().unwrap();
    let validation = wasm::validate_rulebook(rulebook.clone()).unwrap();
    assert_eq!(get(&validation, "valid"), JsValue::TRUE);
    let hash = wasm::rulebook_hash(rulebook.clone()).unwrap();
    assert!(hash.starts_with("sha256:") && hash.len() == 7 + 64);
    let diff = wasm::diff_rulebooks(rulebook.clone(), rulebook).unwrap();
    assert_eq!(get(&diff, "identical"), JsValue::TRUE);
    let err =
        wasm::escalate(JSON::parse("{}").unwrap(), JSON::parse(r#"{"detectedAt":"09:00"}"#).unwrap()).unwrap_err();
    assert!(get(&err, "path").as_string().is_some());
}

#[wasm_bindgen_test]
fn series_and_many_through_the_boundary() {
    let example = wasm::example_situation().unwrap();
    let series = wasm::assess_series(example.clone(), None).unwrap();
    let dates: Array = get(&series, "dates").unchecked_into();
    let levels: Array = get(&get(&series, "verdict"), "level").unchecked_into();
    assert_eq!(dates.length(), levels.length());
    let full = wasm::assess(example.clone(), None).unwrap();
    assert_eq!(levels.get(levels.length() - 1), get(&get(&full, "verdict"), "level"), "the last day is assess()");
    let bad = JSON::parse(r#"{"region":{"name":"x","population":0,"kind":"county"},"asOf":"2026-01-01","series":{"date":["2026-01-01"],"localCases":[1]}}"#).unwrap();
    let many: Array = wasm::assess_many(Array::of2(&example, &bad).into(), None).unwrap().unchecked_into();
    assert_eq!(get(&many.get(0), "ok"), JsValue::TRUE);
    assert_eq!(get(&many.get(1), "ok"), JsValue::FALSE);
    assert_eq!(get(&get(&many.get(1), "error"), "path").as_string().unwrap(), "[1].region.population");
}

#[wasm_bindgen_test]
fn many_regions_in_typed_columns_through_the_boundary() {
    // The example as a batch of two regions: its columns twice over, one as a Float64Array
    // (null → NaN), one region's population made invalid.
    let example = wasm::example_situation().unwrap();
    let series = get(&example, "series");
    let dates: Array = get(&series, "date").unchecked_into();
    let days = dates.length();
    let local: Array = get(&series, "localCases").unchecked_into();
    let typed = js_sys::Float64Array::new_with_length(2 * days);
    for i in 0..days {
        let x = local.get(i).as_f64().unwrap_or(f64::NAN);
        typed.set_index(i, x);
        typed.set_index(days + i, x);
    }
    let meta = |population: f64| {
        let m = JSON::parse(&JSON::stringify(&example).unwrap().as_string().unwrap()).unwrap();
        Reflect::delete_property(m.unchecked_ref::<js_sys::Object>(), &"series".into()).unwrap();
        Reflect::set(&get(&m, "region"), &"population".into(), &population.into()).unwrap();
        m
    };
    let population = get(&get(&example, "region"), "population").as_f64().unwrap();
    let batch = js_sys::Object::new();
    Reflect::set(&batch, &"start".into(), &dates.get(0)).unwrap();
    Reflect::set(&batch, &"days".into(), &days.into()).unwrap();
    Reflect::set(&batch, &"regions".into(), &Array::of2(&meta(population), &meta(-1.0))).unwrap();
    let columns = js_sys::Object::new();
    Reflect::set(&columns, &"localCases".into(), &typed).unwrap();
    Reflect::set(&batch, &"columns".into(), &columns).unwrap();
    let out: Array = wasm::assess_many_columns(batch.clone().into(), None).unwrap().unchecked_into();
    assert_eq!(get(&out.get(0), "ok"), JsValue::TRUE);
    // The same answer as assessMany on the situation cut to the same column.
    let only_local = JSON::parse(&JSON::stringify(&example).unwrap().as_string().unwrap()).unwrap();
    let s = js_sys::Object::new();
    Reflect::set(&s, &"date".into(), &dates).unwrap();
    Reflect::set(&s, &"localCases".into(), &local).unwrap();
    Reflect::set(&only_local, &"series".into(), &s).unwrap();
    let many: Array = wasm::assess_many(Array::of1(&only_local).into(), None).unwrap().unchecked_into();
    assert_eq!(JSON::stringify(&out.get(0)).unwrap(), JSON::stringify(&many.get(0)).unwrap());
    assert_eq!(get(&get(&out.get(1), "error"), "path").as_string().unwrap(), "regions[1].region.population");
    // A Float64Array of the wrong length is named with its length (it is not copied first).
    Reflect::set(&columns, &"admissions".into(), &js_sys::Float64Array::new_with_length(2 * days + 5)).unwrap();
    let err = wasm::assess_many_columns(batch.clone().into(), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("length-mismatch".to_owned(), "columns.admissions".to_owned()));
    let message = get(&err, "message").as_string().unwrap();
    assert!(message.contains(&format!("has {} values but regions × days is {}", 2 * days + 5, 2 * days)), "{message}");
    Reflect::delete_property(&columns, &"admissions".into()).unwrap();
    // A column that is neither a Float64Array nor an array fails the call, at its path.
    Reflect::set(&columns, &"deaths".into(), &js_sys::Int32Array::new_with_length(2 * days)).unwrap();
    let err = wasm::assess_many_columns(batch.into(), None).unwrap_err();
    assert_eq!(get(&err, "path").as_string().unwrap(), "columns.deaths");
}

// ---- Limits (issue 9 item 3): numbers JSON cannot carry, and nesting, from real JS values.

/// `JSON.parse(text)` with the value at `keys` (a path of keys and indices) set to `x`.
fn poisoned(text: &str, keys: &[&str], x: &JsValue) -> JsValue {
    let root = JSON::parse(text).unwrap();
    let parent = keys[..keys.len() - 1].iter().fold(root.clone(), |v, k| get(&v, k));
    Reflect::set(&parent, &JsValue::from_str(keys[keys.len() - 1]), x).unwrap();
    root
}

fn code_and_path(err: &JsValue) -> (String, String) {
    (get(err, "code").as_string().unwrap(), get(err, "path").as_string().unwrap())
}

type Export = fn(JsValue) -> Result<JsValue, JsValue>;

#[wasm_bindgen_test]
fn nan_and_infinities_from_javascript_are_not_finite_at_every_entry_point() {
    let example = JSON::stringify(&wasm::example_situation().unwrap()).unwrap().as_string().unwrap();
    let synergy = JSON::stringify(&wasm::example_synergy().unwrap()).unwrap().as_string().unwrap();
    let table = r#"{"hitPolicy":"first","inputs":[{"id":"a","field":"x","min":0}],"outputs":[{"id":"o","field":"y"}],
                    "rules":[{"_id":"r","a":"> 1","o":"1"}]}"#;
    let cases: Vec<(&str, Export, &str, Vec<&str>, &str)> = vec![
        ("assess", |v| wasm::assess(v, None), &example, vec!["series", "localCases", "3"], "series.localCases[3]"),
        ("assess", |v| wasm::assess(v, None), &example, vec!["region", "population"], "region.population"),
        ("assessSeries", |v| wasm::assess_series(v, None), &example, vec!["capacity", "beds"], "capacity.beds"),
        (
            "assess options",
            |v| wasm::assess(wasm::example_situation().unwrap(), Some(v)),
            r#"{"composite":{"cutPoints":[20,40,60,80]}}"#,
            vec!["composite", "cutPoints", "2"],
            "options.composite.cutPoints[2]",
        ),
        (
            "estimateRt",
            wasm::estimate_rt,
            r#"{"incidence":[1,2,3,4,5,6,7,8,9,10],"si":{"mean":4.7,"sd":2.9}}"#,
            vec!["incidence", "2"],
            "incidence[2]",
        ),
        (
            "simulateSeir",
            wasm::simulate_seir,
            r#"{"population":1000,"reproductionNumber":2,"initial":{"exposed":1,"infectious":1}}"#,
            vec!["reproductionNumber"],
            "reproductionNumber",
        ),
        ("ahp", wasm::ahp, r#"{"matrix":[[1,3],[null,1]]}"#, vec!["matrix", "0", "1"], "matrix[0][1]"),
        (
            "ahpGroup",
            wasm::ahp_group,
            r#"{"matrices":[[[1,3],[null,1]],[[1,2],[null,1]]]}"#,
            vec!["matrices", "1", "0", "1"],
            "matrices[1][0][1]",
        ),
        (
            "entropyWeights",
            wasm::entropy_weights,
            r#"{"matrix":[[1,2],[3,5]]}"#,
            vec!["matrix", "1", "0"],
            "matrix[1][0]",
        ),
        (
            "combineWeights",
            wasm::combine_weights,
            r#"{"subjective":[0.5,0.5],"objective":[0.3,0.7]}"#,
            vec!["objective", "1"],
            "objective[1]",
        ),
        (
            "topsis",
            wasm::topsis,
            r#"{"matrix":[[1,2],[3,5]],"weights":[0.5,0.5],"types":["benefit","cost"]}"#,
            vec!["weights", "0"],
            "weights[0]",
        ),
        (
            "fuzzyEvaluate",
            wasm::fuzzy_evaluate,
            r#"{"weights":[0.5,0.5],"membership":[[0.2,0.3,0.3,0.1,0.1],[0.1,0.2,0.3,0.2,0.2]]}"#,
            vec!["membership", "1", "1"],
            "membership[1][1]",
        ),
        ("synergyDegree", wasm::synergy_degree, &synergy, vec!["current", "1", "1"], "current[1][1]"),
        ("allocate", wasm::allocate, r#"{"supply":10,"needs":[10,20,30]}"#, vec!["supply"], "supply"),
        ("exportZenGraph", wasm::export_zen_graph, table, vec!["inputs", "0", "min"], "inputs[0].min"),
        (
            "evaluateTable facts",
            |v| {
                wasm::evaluate_table(JSON::parse(r#"{"hitPolicy":"first","inputs":[{"id":"a","field":"x"}],"outputs":[{"id":"o","field":"y"}],"rules":[{"_id":"r","a":"> 1","o":"1"}]}"#).unwrap(), v)
            },
            r#"{"x":1}"#,
            vec!["x"],
            "x",
        ),
        (
            "escalate options",
            |v| wasm::escalate(wasm::assess(wasm::example_situation().unwrap(), None).unwrap(), v),
            r#"{"detectedAt":"2026-11-25T09:00:00+08:00","facts":{"crossBorderLink":true}}"#,
            vec!["facts", "crossBorderLink"],
            "options.facts.crossBorderLink",
        ),
    ];
    for (name, call, text, keys, path) in cases {
        assert!(call(JSON::parse(text).unwrap()).is_ok(), "{name}: valid before poisoning");
        for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let err = call(poisoned(text, &keys, &JsValue::from_f64(x))).expect_err(name);
            assert!(err.is_instance_of::<js_sys::Error>(), "{name}: a real Error");
            let problems: Array = get(&err, "problems").unchecked_into();
            let found = problems.iter().any(|p| {
                get(&p, "code").as_string().as_deref() == Some("not-finite")
                    && get(&p, "path").as_string().as_deref() == Some(path)
            });
            assert!(found, "{name} with {x}: {:?}", JSON::stringify(&problems).unwrap());
        }
    }
    // The never-throwing validators list it.
    let rulebook = JSON::stringify(&wasm::default_rulebook().unwrap()).unwrap().as_string().unwrap();
    let v = wasm::validate_rulebook(poisoned(&rulebook, &["schemaVersion"], &JsValue::from_f64(f64::NAN))).unwrap();
    assert_eq!(get(&v, "valid"), JsValue::FALSE);
    let first = get(&v, "diagnostics").unchecked_into::<Array>().get(0);
    assert_eq!(get(&first, "code").as_string().unwrap(), "not-finite");
    assert_eq!(get(&first, "path").as_string().unwrap(), "schemaVersion");
    let problems: Array =
        wasm::validate_situation(poisoned(&example, &["series", "localCases", "5"], &JsValue::from_f64(f64::INFINITY)))
            .unwrap()
            .unchecked_into();
    assert_eq!(get(&problems.get(0), "path").as_string().unwrap(), "series.localCases[5]");
}

#[wasm_bindgen_test]
fn infinity_in_a_typed_column_is_not_finite_and_nan_is_a_day_not_reported() {
    let batch = |x: f64| {
        let b = JSON::parse(
            r#"{"start":"2025-01-01","days":3,"regions":[{"region":{"name":"A","population":1000,"kind":"county"}}]}"#,
        )
        .unwrap();
        let columns = js_sys::Object::new();
        let cases = js_sys::Float64Array::from(&[1.0, x, 2.0][..]);
        Reflect::set(&columns, &"localCases".into(), &cases).unwrap();
        Reflect::set(&b, &"columns".into(), &columns).unwrap();
        b
    };
    let out: Array = wasm::assess_many_columns(batch(f64::NAN), None).unwrap().unchecked_into();
    assert_eq!(get(&out.get(0), "ok"), JsValue::TRUE);
    for x in [f64::INFINITY, f64::NEG_INFINITY] {
        let out: Array = wasm::assess_many_columns(batch(x), None).unwrap().unchecked_into();
        let err = get(&out.get(0), "error");
        assert_eq!(code_and_path(&err), ("not-finite".into(), "columns.localCases[1]".into()));
    }
}

#[wasm_bindgen_test]
fn minus_zero_from_javascript_is_zero_and_huge_counts_are_out_of_range() {
    let example = JSON::stringify(&wasm::example_situation().unwrap()).unwrap().as_string().unwrap();
    let out = wasm::assess(poisoned(&example, &["series", "localCases", "0"], &JsValue::from_f64(-0.0)), None).unwrap();
    let first = get(&get(&out, "daily"), "localCases").unchecked_into::<Array>().get(0);
    assert!(js_sys::Object::is(&first, &JsValue::from_f64(0.0)), "+0, not -0");
    let big = JsValue::from_f64(2f64.powi(53));
    let err = wasm::assess(poisoned(&example, &["series", "localCases", "3"], &big), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("out-of-range".into(), "series.localCases[3]".into()));
    let err = wasm::assess(poisoned(&example, &["region", "population"], &big), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("out-of-range".into(), "region.population".into()));
    // A BigInt is read as the number it holds: beyond 2^53 it is out of range too.
    let huge = js_sys::BigInt::from(u64::MAX);
    let err = wasm::assess(poisoned(&example, &["capacity", "beds"], &huge.into()), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("out-of-range".into(), "capacity.beds".into()));
}

/// A JS value nested 100 000 deep (`[[[[…]]]]`, built in a loop) is `too-large` at the path
/// where it passes 100 levels: never a stack overflow or a trap, and the module still works.
#[wasm_bindgen_test]
fn a_value_nested_100_000_deep_is_too_large_not_a_crash() {
    let mut deep: JsValue = Array::new().into();
    for _ in 0..100_000 {
        deep = Array::of1(&deep).into();
    }
    let situation = wasm::example_situation().unwrap();
    Reflect::set(&get(&situation, "region"), &"parent".into(), &deep).unwrap();
    let err = wasm::assess(situation, None).unwrap_err();
    assert_eq!(code_and_path(&err), ("too-large".into(), format!("region.parent{}", "[0]".repeat(98))));
    let err = wasm::validate_rulebook(deep.clone()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "too-large");
    let err = wasm::rulebook_hash(deep.clone()).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "too-large");
    // Objects too.
    let mut obj: JsValue = js_sys::Object::new().into();
    for _ in 0..100_000 {
        let o = js_sys::Object::new();
        Reflect::set(&o, &"a b".into(), &obj).unwrap();
        obj = o.into();
    }
    let err = wasm::estimate_rt(obj).unwrap_err();
    assert_eq!(code_and_path(&err), ("too-large".into(), "[\"a b\"]".repeat(100)));
    assert!(wasm::assess(wasm::example_situation().unwrap(), None).is_ok());
}

#[wasm_bindgen_test]
fn long_strings_and_long_lists_from_javascript_are_too_large() {
    let example = JSON::stringify(&wasm::example_situation().unwrap()).unwrap().as_string().unwrap();
    let long = JsValue::from_str(&"长".repeat(10_001));
    let err = wasm::assess(poisoned(&example, &["region", "name"], &long), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("too-large".into(), "region.name".into()));
    let many = Array::new();
    for _ in 0..10_001 {
        many.push(&JsValue::NULL);
    }
    let err = wasm::assess_many(many.into(), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("too-large".into(), "".into()));
}

/// `JSON.stringify` of a JS value (key order kept), to compare two results whole.
fn text(v: &JsValue) -> String {
    JSON::stringify(v).unwrap().as_string().unwrap()
}

/// The serde text of a core result as `JSON.stringify` would write it (numbers normalised).
fn core_text<T: serde::Serialize>(v: &T) -> String {
    text(&JSON::parse(&serde_json::to_string(v).unwrap()).unwrap())
}

const TABLE_CASES: &str = include_str!("fixtures/escalation/evaluate.json");

/// evaluateTable's and evaluateTableMany's objects are built by hand at the boundary (strings
/// shared): they must be exactly what the core's `Serialize` gives, key for key.
#[wasm_bindgen_test]
fn evaluate_table_many_through_the_boundary_gives_what_evaluate_table_gives() {
    let fixture: serde_json::Value = serde_json::from_str(TABLE_CASES).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    let facts_list = Array::new();
    for case in cases {
        facts_list.push(&JSON::parse(&case["facts"].to_string()).unwrap());
    }
    facts_list.push(&JsValue::from_f64(3.0)); // not an object: an error in its slot
    let mut errors = 0;
    for case in cases {
        let table_text = case["table"].to_string();
        let table = JSON::parse(&table_text).unwrap();
        let core_table = crisis_desk::escalation::Table::parse(&serde_json::from_str(&table_text).unwrap()).unwrap();
        let plain = wasm::evaluate_table_many(table.clone(), facts_list.clone().into(), None).unwrap();
        assert!(get(&plain, "traces").is_undefined(), "no traces unless asked for");
        let options = JSON::parse(r#"{"trace":true}"#).unwrap();
        let traced = wasm::evaluate_table_many(table.clone(), facts_list.clone().into(), Some(options)).unwrap();
        let (results, traced_results): (Array, Array) =
            (get(&plain, "results").unchecked_into(), get(&traced, "results").unchecked_into());
        let traces: Array = get(&traced, "traces").unchecked_into();
        assert_eq!(results.length(), facts_list.length());
        for (i, facts) in facts_list.iter().enumerate() {
            let (slot, traced_slot) = (results.get(i as u32), traced_results.get(i as u32));
            assert_eq!(text(&slot), text(&traced_slot));
            match wasm::evaluate_table(table.clone(), facts.clone()) {
                Ok(one) => {
                    assert_eq!(get(&slot, "ok"), JsValue::TRUE);
                    assert_eq!(text(&get(&slot, "result")), text(&get(&one, "result")), "{} facts {i}", case["name"]);
                    assert_eq!(text(&traces.get(i as u32)), text(&get(&one, "trace")), "{} facts {i}", case["name"]);
                    // … which is the core's own serialisation.
                    let core_facts = serde_json::from_str(&text(&facts)).unwrap();
                    assert_eq!(text(&one), core_text(&core_table.evaluate(&core_facts).unwrap()), "{}", case["name"]);
                }
                Err(err) => {
                    assert_eq!(get(&slot, "ok"), JsValue::FALSE);
                    let e = get(&slot, "error");
                    assert_eq!(code_and_path(&e), code_and_path(&err), "{} facts {i}", case["name"]);
                    assert_eq!(text(&get(&e, "problems")), text(&get(&err, "problems")));
                    assert_eq!(get(&e, "message"), get(&err, "message"));
                    assert!(traces.get(i as u32).is_null());
                    errors += 1;
                }
            }
        }
    }
    assert!(errors > cases.len(), "{errors}");
    // Bad options, a list that is not one and too many fact sets fail the call.
    let table = JSON::parse(&cases[0]["table"].to_string()).unwrap();
    let err =
        wasm::evaluate_table_many(table.clone(), Array::new().into(), Some(JSON::parse(r#"{"trace":1}"#).unwrap()))
            .unwrap_err();
    assert_eq!(code_and_path(&err), ("invalid-type".into(), "options.trace".into()));
    let err = wasm::evaluate_table_many(table.clone(), js_sys::Object::new().into(), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("invalid-type".into(), "".into()));
    let many = Array::new_with_length(100_001);
    let err = wasm::evaluate_table_many(table, many.into(), None).unwrap_err();
    assert_eq!(code_and_path(&err), ("too-large".into(), "".into()));
}

/// A matrix's rows (or any array of numbers) may be Float64Arrays: the same answer as plain
/// arrays, and a NaN in one is `not-finite` at its path, as in a plain array.
#[wasm_bindgen_test]
fn typed_array_rows_read_as_plain_rows() {
    let rows: Vec<Vec<f64>> = (0..12)
        .map(|r| (0..9).map(|c| 1.0 + ((r * 31 + c * 17) % 97) as f64 + (r % 7) as f64 * 0.5).collect())
        .collect();
    let plain = JSON::parse(&serde_json::to_string(&rows).unwrap()).unwrap();
    let typed = Array::new();
    for row in &rows {
        typed.push(&js_sys::Float64Array::from(&row[..]));
    }
    let weights = "[0.1,0.1,0.1,0.1,0.1,0.1,0.1,0.2,0.1]";
    let types = r#"["cost","benefit","benefit","cost","benefit","benefit","cost","benefit","benefit"]"#;
    let request = |matrix: &JsValue, extra: &str| {
        let r = JSON::parse(&format!(r#"{{"types":{types}{extra}}}"#)).unwrap();
        Reflect::set(&r, &"matrix".into(), matrix).unwrap();
        r
    };
    let weights_field = format!(r#","weights":{weights}"#);
    for (name, call, extra) in [
        ("entropyWeights", wasm::entropy_weights as Export, ""),
        ("entropyWeights sum", wasm::entropy_weights as Export, r#","normalization":"sum""#),
        ("topsis", wasm::topsis as Export, weights_field.as_str()),
    ] {
        let a = call(request(&plain, extra)).unwrap();
        let b = call(request(&typed.clone().into(), extra)).unwrap();
        assert_eq!(text(&a), text(&b), "{name}");
    }
    // Mixed plain and typed rows read alike too.
    let mixed = Array::from(&typed); // a copy: `clone` would share the JS array
    mixed.set(5, JSON::parse(&serde_json::to_string(&rows[5]).unwrap()).unwrap());
    let a = wasm::topsis(request(&plain, &weights_field)).unwrap();
    assert_eq!(text(&a), text(&wasm::topsis(request(&mixed.into(), &weights_field)).unwrap()));
    // NaN and ±Infinity inside a typed row: not-finite at the cell; -0 reads as 0.
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let bad = Array::from(&typed);
        let mut row = rows[3].clone();
        row[7] = x;
        bad.set(3, js_sys::Float64Array::from(&row[..]).into());
        for (call, extra) in [(wasm::entropy_weights as Export, ""), (wasm::topsis as Export, weights_field.as_str())] {
            let err = call(request(&bad.clone().into(), extra)).unwrap_err();
            let problems: Array = get(&err, "problems").unchecked_into();
            assert!(
                problems.iter().any(|p| code_and_path(&p) == ("not-finite".into(), "matrix[3][7]".into())),
                "{x}: {}",
                text(&problems)
            );
        }
    }
    let zero = Array::from(&typed);
    let mut row = rows[0].clone();
    row[0] = -0.0;
    zero.set(0, js_sys::Float64Array::from(&row[..]).into());
    let mut plain_rows = rows.clone();
    plain_rows[0][0] = 0.0;
    let plain_zero = JSON::parse(&serde_json::to_string(&plain_rows).unwrap()).unwrap();
    assert_eq!(
        text(&wasm::topsis(request(&zero.into(), &weights_field)).unwrap()),
        text(&wasm::topsis(request(&plain_zero, &weights_field)).unwrap())
    );
    // A situation's daily column as a Float64Array: the same assessment; NaN in it is
    // not-finite (a plain array's NaN is too; only assessManyColumns reads NaN as "not reported").
    let example = wasm::example_situation().unwrap();
    let series = get(&example, "series");
    let local: Array = get(&series, "localCases").unchecked_into();
    let numbers: Vec<f64> = local.iter().map(|x| x.as_f64().unwrap()).collect();
    let typed_example = wasm::example_situation().unwrap();
    Reflect::set(&get(&typed_example, "series"), &"localCases".into(), &js_sys::Float64Array::from(&numbers[..]))
        .unwrap();
    let a = wasm::assess(example, None).unwrap();
    let b = wasm::assess(typed_example.clone(), None).unwrap();
    assert_eq!(text(&get(&a, "signals")), text(&get(&b, "signals")));
    let mut with_nan = numbers.clone();
    with_nan[4] = f64::NAN;
    Reflect::set(&get(&typed_example, "series"), &"localCases".into(), &js_sys::Float64Array::from(&with_nan[..]))
        .unwrap();
    let err = wasm::assess(typed_example, None).unwrap_err();
    assert_eq!(code_and_path(&err), ("not-finite".into(), "series.localCases[4]".into()));
}

/// The walker that replaced serde-wasm-bindgen's reader keeps its answers for what is not
/// plain data: functions, symbols, Sets, other typed arrays and ArrayBuffers are unreadable;
/// a Map with string keys reads as an object (as it did); undefined in an object reads null.
#[wasm_bindgen_test]
fn what_is_not_plain_data_reads_as_before() {
    let unreadable = |v: JsValue| {
        let holder = JSON::parse(r#"{"matrix":[[1,2],[3,4]]}"#).unwrap();
        Reflect::set(&holder, &"types".into(), &v).unwrap();
        let err = wasm::entropy_weights(holder).unwrap_err();
        (code_and_path(&err), get(&err, "message").as_string().unwrap())
    };
    let not_data = ("invalid-type".to_owned(), "".to_owned());
    for v in [
        js_sys::Function::new_no_args("return 1").into(),
        js_sys::Symbol::for_("x").into(),
        js_sys::Set::new(&Array::of1(&"benefit".into())).into(),
        js_sys::Uint8Array::new_with_length(2).into(),
        js_sys::ArrayBuffer::new(16).into(),
        js_sys::Float32Array::new_with_length(2).into(),
    ] {
        let (cp, message) = unreadable(v);
        assert_eq!(cp, not_data);
        assert!(message.contains("not plain JSON data"), "{message}");
    }
    // A Map with string keys is an object; undefined is null (an absent `types`).
    let map = js_sys::Map::new();
    map.set(&"matrix".into(), &JSON::parse("[[1,2],[3,4]]").unwrap());
    map.set(&"types".into(), &JsValue::UNDEFINED);
    let from_map = wasm::entropy_weights(map.into()).unwrap();
    let from_object = wasm::entropy_weights(JSON::parse(r#"{"matrix":[[1,2],[3,4]]}"#).unwrap()).unwrap();
    assert_eq!(text(&from_map), text(&from_object));
    // A Float64Array nested past the depth bound is too large, like any array.
    let mut deep: JsValue = js_sys::Float64Array::new_with_length(1).into();
    for _ in 0..120 {
        deep = Array::of1(&deep).into();
    }
    let err = wasm::entropy_weights(deep).unwrap_err();
    assert_eq!(get(&err, "code").as_string().unwrap(), "too-large");
    // A getter that throws is unreadable, not an exception through the module.
    let trap = js_sys::Object::new();
    let getter = js_sys::Function::new_no_args("throw new Error('no')");
    let descriptor = js_sys::Object::new();
    Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
    Reflect::set(&descriptor, &"enumerable".into(), &JsValue::TRUE).unwrap();
    js_sys::Object::define_property(&trap, &"matrix".into(), &descriptor);
    let err = wasm::entropy_weights(trap.into()).unwrap_err();
    assert_eq!(code_and_path(&err), not_data);
}
