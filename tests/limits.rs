//! Limits (issue 9 item 3): every bound of `crisis_desk::limits` answered with `too-large` at
//! the path of the offending value, and the numbers JSON cannot carry (NaN, ±Infinity, −0,
//! integers beyond 2^53) answered at every entry point. The core's `Json` keeps NaN, so the
//! tests build it directly, as a JavaScript value would arrive.
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::analysis;
use crisis_desk::batch::{assess_batch, RegionBatch};
use crisis_desk::error::Path;
use crisis_desk::escalation::jsontext::parse_json;
use crisis_desk::escalation::{
    escalate, evaluate_table, import_zen_graph, rulebook_hash, validate_rulebook, validate_table, Rulebook, Table,
    DEFAULT_RULEBOOK,
};
use crisis_desk::limits::*;
use crisis_desk::signals::rt::estimate_rt;
use crisis_desk::signals::seir::SeirInput;
use crisis_desk::timeline::{assess_many, assess_series};
use crisis_desk::{assess, assess_with, InputError, Json, EXAMPLE_SITUATION};
use serde_json::{json, Value};

fn j(v: Value) -> Json {
    serde_json::from_value(v).unwrap()
}

/// The value at a JSON pointer (`/a/0/b`) of `v`, for writing.
fn at<'a>(v: &'a mut Json, pointer: &str) -> &'a mut Json {
    pointer.split('/').skip(1).fold(v, |v, seg| match v {
        Json::Array(items) => &mut items[seg.parse::<usize>().unwrap()],
        Json::Object(pairs) => &mut pairs.iter_mut().find(|(k, _)| k == seg).unwrap_or_else(|| panic!("no {seg}")).1,
        _ => panic!("cannot descend into {seg}"),
    })
}

/// `v` with the number at `pointer` replaced by `x`.
fn with(v: Value, pointer: &str, x: Json) -> Json {
    let mut v = j(v);
    *at(&mut v, pointer) = x;
    v
}

fn first(e: &InputError) -> (&str, &str) {
    (e.first().code.as_str(), e.first().path.as_str())
}

fn example() -> Value {
    serde_json::from_str(EXAMPLE_SITUATION).unwrap()
}

fn rulebook() -> Value {
    serde_json::from_str(DEFAULT_RULEBOOK).unwrap()
}

fn table() -> Value {
    json!({
        "hitPolicy": "first",
        "inputs": [{ "id": "a", "field": "x" }],
        "outputs": [{ "id": "o", "field": "y" }],
        "rules": [{ "_id": "r1", "a": "> 1", "o": "\"high\"" }, { "_id": "r2", "a": "", "o": "\"low\"" }]
    })
}

fn options() -> Value {
    json!({ "detectedAt": "2026-11-25T09:00:00+08:00" })
}

fn nested(depth: usize) -> Json {
    (0..depth).fold(Json::Null, |v, _| Json::Array(vec![v]))
}

fn long_string() -> Json {
    Json::String("长".repeat(MAX_STRING_CHARS + 1))
}

// ------------------------------------------------------------------------------- nesting

#[test]
fn json_text_nested_100_000_deep_is_an_error_not_a_stack_overflow() {
    for text in
        ["[".repeat(100_000), "{\"a\":".repeat(100_000), format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000))]
    {
        let e = parse_json(&text).unwrap_err();
        assert!(e.contains(&format!("nested more than {MAX_DEPTH} deep")), "{e}");
    }
}

#[test]
fn deep_values_are_too_large_at_every_entry_point() {
    let deep = nested(MAX_DEPTH + 5);
    // The root is depth 1: inside k arrays and objects, the limit is passed after 100 - k arrays.
    let deep_path = |k: usize| "[0]".repeat(MAX_DEPTH - k);
    let mut situation = j(example());
    *at(&mut situation, "/region/parent") = deep.clone();
    let expect = format!("region.parent{}", deep_path(2));
    assert_eq!(first(&assess(&situation).unwrap_err()), ("too-large", expect.as_str()));
    assert_eq!(first(&assess_series(&situation, &Json::Null).unwrap_err()).1, expect);
    let errs: Vec<(String, String)> =
        crisis_desk::validate(&situation).into_iter().map(|p| (p.code.as_str().to_owned(), p.path)).collect();
    assert_eq!(errs, [("too-large".to_owned(), expect.clone())]);
    let e = assess_with(&j(example()), &Json::Object(vec![("composite".into(), deep.clone())])).unwrap_err();
    assert_eq!(first(&e), ("too-large", format!("options.composite{}", deep_path(1)).as_str()));

    let root_deep = Json::Object(vec![("x".into(), deep.clone())]);
    let want = format!("x{}", deep_path(1));
    type Call = Box<dyn Fn(&Json) -> Result<(), InputError>>;
    let calls: Vec<(&str, Call)> = vec![
        ("estimateRt", Box::new(|v| estimate_rt(v).map(drop))),
        ("simulateSeir", Box::new(|v| SeirInput::from_json(v).map(drop))),
        ("ahp", Box::new(|v| analysis::ahp(v).map(drop))),
        ("ahpHierarchy", Box::new(|v| analysis::ahp_hierarchy(v).map(drop))),
        ("ahpGroup", Box::new(|v| analysis::ahp_group(v).map(drop))),
        ("entropyWeights", Box::new(|v| analysis::entropy_weights(v).map(drop))),
        ("combineWeights", Box::new(|v| analysis::combine_weights(v).map(drop))),
        ("topsis", Box::new(|v| analysis::topsis(v).map(drop))),
        ("fuzzyEvaluate", Box::new(|v| analysis::fuzzy_evaluate(v).map(drop))),
        ("synergyDegree", Box::new(|v| analysis::synergy_degree(v).map(drop))),
        ("allocate", Box::new(|v| analysis::allocate(v).map(drop))),
        ("evaluateTable(table)", Box::new(|v| Table::parse(v).map(drop))),
        ("evaluateTable(facts)", Box::new(|v| evaluate_table(&Table::parse(&j(table())).unwrap(), v).map(drop))),
        ("importZenGraph", Box::new(|v| import_zen_graph(v).map(drop))),
        ("rulebook", Box::new(|v| Rulebook::from_json(v).map(drop))),
        ("assessManyColumns", Box::new(|v| assess_batch(&RegionBatch::from_json(v), &Json::Null).map(drop))),
    ];
    for (name, call) in calls {
        let e = call(&root_deep).expect_err(name);
        assert_eq!(first(&e), ("too-large", want.as_str()), "{name}");
    }
    // assessMany: the region's own error, its path prefixed.
    let many = assess_many(&Json::Array(vec![situation.clone()]), &Json::Null).unwrap();
    let out = serde_json::to_value(&many).unwrap();
    assert_eq!(out[0]["error"]["code"], "too-large");
    assert_eq!(out[0]["error"]["path"], format!("[0].{expect}"));
    // Never-throwing validators report it as an error diagnostic.
    let v = validate_rulebook(&root_deep);
    assert!(!v.valid);
    assert_eq!((v.diagnostics[0].code.as_str(), v.diagnostics[0].path.as_str()), ("too-large", want.as_str()));
    let d = validate_table(&root_deep, &Path::root(), None);
    assert_eq!((d[0].code.as_str(), d[0].path.as_str()), ("too-large", want.as_str()));
    // escalate: the assessment and the options, each at its own path.
    let assessment = serde_json::to_value(assess(&j(example())).unwrap()).unwrap();
    let e = escalate(&root_deep, &j(options())).unwrap_err();
    assert_eq!(first(&e), ("too-large", format!("assessment.{want}").as_str()));
    let mut o = j(options());
    if let Json::Object(pairs) = &mut o {
        pairs.push(("facts".into(), root_deep.clone()));
    }
    let e = escalate(&j(assessment), &o).unwrap_err();
    assert_eq!(first(&e), ("too-large", format!("options.facts.x{}", deep_path(2)).as_str()));
    // The hash of a deep value (never an error) does not overflow either: the canonical
    // writer recurses only as deep as a value can be read.
    assert!(rulebook_hash(&nested(MAX_DEPTH)).starts_with("sha256:"));
}

// ------------------------------------------------------------------------------- strings

#[test]
fn long_strings_are_too_large_where_they_are() {
    let mut s = j(example());
    *at(&mut s, "/region/name") = long_string();
    assert_eq!(first(&assess(&s).unwrap_err()), ("too-large", "region.name"));
    assert!(assess(&with(example(), "/region/name", Json::String("长".repeat(MAX_STRING_CHARS)))).is_ok());

    let mut t = j(table());
    *at(&mut t, "/rules/0/a") = Json::String(format!("> {}", "9".repeat(MAX_STRING_CHARS)));
    assert_eq!(first(&Table::parse(&t).unwrap_err()), ("too-large", "rules[0].a"));

    let mut book = j(rulebook());
    *at(&mut book, "/agencies/0/name/zh") = long_string();
    let e = Rulebook::from_json(&book).unwrap_err();
    assert_eq!(first(&e), ("too-large", "agencies[0].name.zh"));

    let e =
        analysis::ahp(&j(json!({ "matrix": [[1, 2], [0.5, 1]], "labels": ["a", "x".repeat(10_001)] }))).unwrap_err();
    assert_eq!(first(&e), ("too-large", "labels[1]"));

    let key = "k".repeat(MAX_STRING_CHARS + 1);
    let facts = Json::Object(vec![(key, Json::Null)]);
    let e = evaluate_table(&Table::parse(&j(table())).unwrap(), &facts).unwrap_err();
    assert_eq!(first(&e), ("too-large", ""));
}

// ------------------------------------------------------------------------------- sizes

#[test]
fn a_series_longer_than_100_years_is_too_large() {
    let days = MAX_SERIES_DAYS + 1;
    let mut s = j(example());
    *at(&mut s, "/series") = j(json!({
        "date": vec!["2000-01-01"; days],
        "localCases": vec![0; days],
    }));
    assert_eq!(first(&assess(&s).unwrap_err()), ("too-large", "series.date"));
    let e = estimate_rt(&j(json!({ "incidence": vec![1; days], "si": { "mean": 4.7, "sd": 2.9 } }))).unwrap_err();
    assert_eq!(first(&e), ("too-large", "incidence"));
    let e =
        estimate_rt(&j(json!({ "local": vec![1; 10], "imported": vec![1; days], "si": { "mean": 4.7, "sd": 2.9 } })))
            .unwrap_err();
    assert_eq!(first(&e), ("too-large", "imported"));
    let batch = j(json!({ "start": "2000-01-01", "days": days, "regions": [], "columns": { "localCases": [] } }));
    let e = assess_batch(&RegionBatch::from_json(&batch), &Json::Null).unwrap_err();
    assert_eq!(first(&e), ("out-of-range", "days"));
}

#[test]
fn more_than_10_000_regions_are_too_large() {
    let many = Json::Array(vec![Json::Null; MAX_REGIONS + 1]);
    assert_eq!(first(&assess_many(&many, &Json::Null).unwrap_err()), ("too-large", ""));
    assert_eq!(assess_many(&Json::Array(vec![Json::Null; 3]), &Json::Null).unwrap().len(), 3);
    let batch = j(json!({
        "start": "2025-01-01", "days": 1,
        "regions": vec![json!({}); MAX_REGIONS + 1],
        "columns": { "localCases": vec![0; MAX_REGIONS + 1] }
    }));
    let e = assess_batch(&RegionBatch::from_json(&batch), &Json::Null).unwrap_err();
    assert_eq!(first(&e), ("too-large", "regions"));
}

#[test]
fn decision_tables_are_bounded_in_rows_and_columns() {
    let mut t = table();
    t["rules"] = Value::Array(vec![json!({ "a": "> 1", "o": "1" }); MAX_TABLE_ROWS + 1]);
    assert_eq!(first(&Table::parse(&j(t)).unwrap_err()), ("too-large", "rules"));
    let mut t = table();
    t["inputs"] = Value::Array((0..11).map(|i| json!({ "id": format!("i{i}"), "field": format!("x{i}") })).collect());
    t["rules"] = Value::Array(vec![json!({ "o": "1" }); MAX_TABLE_CELLS / 11 + 1]);
    let e = Table::parse(&j(t)).unwrap_err();
    assert_eq!(first(&e), ("too-large", "rules"));
    assert!(e.first().message.contains("rules × inputs"), "{}", e.first().message);
    let mut t = table();
    t["inputs"] =
        Value::Array((0..=MAX_TABLE_COLUMNS).map(|i| json!({ "id": format!("i{i}"), "field": "x" })).collect());
    assert_eq!(first(&Table::parse(&j(t)).unwrap_err()), ("too-large", "inputs"));
}

/// The largest table allowed, shaped to be validation's worst case (every cell a distinct
/// range, overlapping its neighbours under `unique`), is read, evaluated and validated (0.1 s
/// in release when the bound was set: a test that hangs here would show in CI's time, and the
/// figure is a benchmark's business); one rule more is too large.
#[test]
fn the_largest_table_allowed_is_read_evaluated_and_validated() {
    let inputs = MAX_TABLE_CELLS / MAX_TABLE_ROWS;
    let mut t = table();
    t["hitPolicy"] = json!("unique");
    t["inputs"] =
        Value::Array((0..inputs).map(|c| json!({ "id": format!("i{c}"), "field": format!("x{c}") })).collect());
    let rule = |i: usize| {
        let mut r = serde_json::Map::new();
        r.insert("_id".into(), json!(format!("r{i}")));
        for c in 0..inputs {
            r.insert(format!("i{c}"), json!(format!("[{}..{}]", i + c, i + c + 1)));
        }
        r.insert("o".into(), json!(format!("{i}")));
        Value::Object(r)
    };
    t["rules"] = Value::Array((0..MAX_TABLE_ROWS).map(rule).collect());
    let facts = j(Value::Object((0..inputs).map(|c| (format!("x{c}"), json!(500.5 + c as f64))).collect()));
    let parsed = Table::parse(&j(t.clone())).unwrap();
    let out = evaluate_table(&parsed, &facts).unwrap();
    assert_eq!(serde_json::to_value(&out).unwrap()["result"]["y"], 500);
    let d = validate_table(&j(t.clone()), &Path::root(), None);
    assert!(d.iter().any(|d| d.code.as_str() == "overlapping-rules"));
    t["rules"].as_array_mut().unwrap().push(rule(MAX_TABLE_ROWS));
    assert_eq!(first(&Table::parse(&j(t)).unwrap_err()), ("too-large", "rules"));
}

#[test]
fn rulebook_lists_are_bounded() {
    let mut book = rulebook();
    let agency = book["agencies"][0].clone();
    book["agencies"] = Value::Array(vec![agency; MAX_RULEBOOK_ENTRIES + 1]);
    let e = Rulebook::from_json(&j(book)).unwrap_err();
    assert_eq!(first(&e), ("too-large", "agencies"));
    let mut book = rulebook();
    book["notifications"][0]["to"] = Value::Array(vec![json!("x"); MAX_RULEBOOK_ENTRIES + 1]);
    let e = Rulebook::from_json(&j(book)).unwrap_err();
    assert_eq!(first(&e), ("too-large", "notifications[0].to"));
    // All `to` lists together: 11 notifications of 1 000 recipients each.
    let mut book = rulebook();
    let n = book["notifications"][0].clone();
    let to = match &n["to"] {
        Value::Array(ids) => ids[0].as_str().unwrap().to_owned(),
        id => id.as_str().unwrap().to_owned(),
    };
    book["notifications"] = Value::Array(
        (0..=MAX_RECIPIENTS / MAX_RULEBOOK_ENTRIES)
            .map(|i| {
                let mut x = n.clone();
                x["id"] = json!(format!("n{i}"));
                x["to"] = Value::Array(vec![json!(to); MAX_RULEBOOK_ENTRIES]);
                x
            })
            .collect(),
    );
    let e = Rulebook::from_json(&j(book)).unwrap_err();
    let at = format!("notifications[{}].to", MAX_RECIPIENTS / MAX_RULEBOOK_ENTRIES);
    assert!(e.problems.iter().any(|p| p.code.as_str() == "too-large" && p.path == at), "{e}");
}

/// The reporting-chain checks on the largest rulebook allowed, shaped to be their worst case:
/// a ring of 1 000 agencies (a deep search) where every agency also notifies the nine before it
/// (many cycles; 10 000 recipients in all), and 1 000 chains to follow. It must finish in
/// seconds, without a stack overflow.
#[test]
fn the_worst_reporting_graph_within_the_limits_is_checked_without_overflow() {
    let n = MAX_RULEBOOK_ENTRIES;
    let mut book = rulebook();
    let region = book["jurisdiction"]["region"]["id"].clone();
    book["agencies"] = Value::Array(
        (0..n)
            .map(|i| {
                json!({ "id": format!("a{i}"), "name": { "zh": "机构", "en": "Agency" }, "aspect": "medical",
                        "jurisdiction": region })
            })
            .collect(),
    );
    let back = MAX_RECIPIENTS / n - 1; // each agency also reports back to the nine before it
    book["notifications"] = Value::Array(
        (0..n)
            .map(|i| {
                let mut to = vec![json!(format!("a{}", (i + 1) % n))];
                to.extend((1..=back.min(i)).map(|k| json!(format!("a{}", i - k))));
                json!({ "id": format!("n{i}"), "from": format!("a{i}"), "to": to, "within": { "hours": 1 } })
            })
            .collect(),
    );
    book["reportingChains"] = Value::Array(
        (0..n).map(|i| json!({ "id": format!("c{i}"), "from": format!("a{i}"), "mustReach": "national" })).collect(),
    );
    for key in ["activation", "sharing", "measures", "tables"] {
        book[key] = json!([]);
    }
    let book = j(book);
    let v = validate_rulebook(&book);
    assert!(!v.valid);
    assert!(v.diagnostics.iter().any(|d| d.code.as_str() == "reporting-cycle"));
}

/// diffRulebooks reads rulebooks that need not be valid (so it has no error to give): two lists
/// of 30 000 entries, in opposite orders, are matched by id in n log n, not n² (0.34 s; 52 s
/// before the index).
#[test]
fn diffing_two_long_rulebooks_matches_by_id() {
    let n = 30_000;
    let list = |order: &mut dyn Iterator<Item = usize>, changed: usize| {
        Value::Array(order.map(|i| json!({ "id": format!("a{i}"), "n": if i == changed { 1 } else { 0 } })).collect())
    };
    let a = j(json!({ "agencies": list(&mut (0..n), n) }));
    let b = j(json!({ "agencies": list(&mut (0..n).rev(), 7) }));
    let d = crisis_desk::escalation::diff_rulebooks(&a, &b);
    assert_eq!((d.added, d.removed, d.changed), (0, 0, 1));
}

#[test]
fn decision_matrices_are_bounded() {
    let rows = vec![json!([1, 2]); MAX_ALTERNATIVES + 1];
    let e = analysis::topsis(&j(json!({ "matrix": rows, "weights": [0.5, 0.5], "types": ["benefit", "cost"] })))
        .unwrap_err();
    assert_eq!(first(&e), ("too-large", "matrix"));
    let wide = vec![1; MAX_CRITERIA + 1];
    let e = analysis::entropy_weights(&j(json!({ "matrix": [wide.clone(), wide] }))).unwrap_err();
    assert_eq!(first(&e), ("too-large", "matrix[0]"));
    let e = analysis::allocate(&j(json!({ "supply": 5, "needs": vec![1; MAX_ALTERNATIVES + 1] }))).unwrap_err();
    assert_eq!(first(&e), ("too-large", "needs"));
    let big = vec![vec![1; 16]; 16];
    let e = analysis::ahp(&j(json!({ "matrix": big }))).unwrap_err();
    assert_eq!(first(&e).0, "matrix-too-large");
}

// ------------------------------------------------------------- numbers JSON cannot carry

const NON_FINITE: [f64; 3] = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY];

/// Each entry point, with a number replaced by NaN, +Infinity and -Infinity, answers
/// `not-finite` at that number's path.
#[test]
fn nan_and_infinities_are_not_finite_at_their_path_everywhere() {
    type Call = fn(&Json) -> Result<(), InputError>;
    let cases: Vec<(&str, Call, Value, &str, &str)> = vec![
        ("assess: a count", |v| assess(v).map(drop), example(), "/series/localCases/3", "series.localCases[3]"),
        ("assess: population", |v| assess(v).map(drop), example(), "/region/population", "region.population"),
        ("assess: capacity", |v| assess(v).map(drop), example(), "/capacity/beds", "capacity.beds"),
        (
            "assess: events",
            |v| assess(v).map(drop),
            example(),
            "/events/clustersLast14Days",
            "events.clustersLast14Days",
        ),
        (
            "assess: options",
            |v| assess_with(&j(example()), v).map(drop),
            json!({ "composite": { "cutPoints": [20, 40, 60, 80] } }),
            "/composite/cutPoints/1",
            "options.composite.cutPoints[1]",
        ),
        (
            "estimateRt: incidence",
            |v| estimate_rt(v).map(drop),
            json!({ "incidence": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "si": { "mean": 4.7, "sd": 2.9 } }),
            "/incidence/2",
            "incidence[2]",
        ),
        (
            "estimateRt: si",
            |v| estimate_rt(v).map(drop),
            json!({ "incidence": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "si": { "mean": 4.7, "sd": 2.9 } }),
            "/si/sd",
            "si.sd",
        ),
        (
            "simulateSeir",
            |v| SeirInput::from_json(v).map(drop),
            json!({ "population": 1000, "reproductionNumber": 2, "initial": { "exposed": 1, "infectious": 1 } }),
            "/reproductionNumber",
            "reproductionNumber",
        ),
        (
            "ahp",
            |v| analysis::ahp(v).map(drop),
            json!({ "matrix": [[1, 3], [null, 1]] }),
            "/matrix/0/1",
            "matrix[0][1]",
        ),
        (
            "ahpGroup",
            |v| analysis::ahp_group(v).map(drop),
            json!({ "matrices": [[[1, 3], [null, 1]], [[1, 2], [null, 1]]] }),
            "/matrices/1/0/1",
            "matrices[1][0][1]",
        ),
        (
            "entropyWeights",
            |v| analysis::entropy_weights(v).map(drop),
            json!({ "matrix": [[1, 2], [3, 5]] }),
            "/matrix/1/0",
            "matrix[1][0]",
        ),
        (
            "combineWeights",
            |v| analysis::combine_weights(v).map(drop),
            json!({ "subjective": [0.5, 0.5], "objective": [0.3, 0.7] }),
            "/objective/1",
            "objective[1]",
        ),
        (
            "topsis",
            |v| analysis::topsis(v).map(drop),
            json!({ "matrix": [[1, 2], [3, 5]], "weights": [0.5, 0.5], "types": ["benefit", "cost"] }),
            "/weights/0",
            "weights[0]",
        ),
        (
            "fuzzyEvaluate",
            |v| analysis::fuzzy_evaluate(v).map(drop),
            json!({ "weights": [0.5, 0.5], "membership": [[0.2, 0.3, 0.3, 0.1, 0.1], [0.1, 0.2, 0.3, 0.2, 0.2]] }),
            "/membership/1/1",
            "membership[1][1]",
        ),
        (
            "synergyDegree",
            |v| analysis::synergy_degree(v).map(drop),
            serde_json::from_str(analysis::synergy::EXAMPLE_SYNERGY).unwrap(),
            "/current/1/1",
            "current[1][1]",
        ),
        (
            "allocate",
            |v| analysis::allocate(v).map(drop),
            json!({ "supply": 10, "needs": [10, 20, 30] }),
            "/supply",
            "supply",
        ),
        (
            "allocate: needs",
            |v| analysis::allocate(v).map(drop),
            json!({ "supply": 10, "needs": [10, 20, 30] }),
            "/needs/2",
            "needs[2]",
        ),
        (
            "evaluateTable: facts",
            |v| evaluate_table(&Table::parse(&j(table())).unwrap(), v).map(drop),
            json!({ "x": 1 }),
            "/x",
            "x",
        ),
        (
            "evaluateTable: table",
            |v| Table::parse(v).map(drop),
            json!({ "hitPolicy": "first", "inputs": [{ "id": "a", "field": "x", "min": 0 }],
                    "outputs": [{ "id": "o", "field": "y" }], "rules": [{ "_id": "r", "a": "> 1", "o": "1" }] }),
            "/inputs/0/min",
            "inputs[0].min",
        ),
        ("rulebook", |v| Rulebook::from_json(v).map(drop), rulebook(), "/schemaVersion", "schemaVersion"),
        (
            "escalate: facts",
            |v| escalate(&j(serde_json::to_value(assess(&j(example())).unwrap()).unwrap()), v).map(drop),
            json!({ "detectedAt": "2026-11-25T09:00:00+08:00", "facts": { "crossBorderLink": true } }),
            "/facts/crossBorderLink",
            "options.facts.crossBorderLink",
        ),
    ];
    for (name, call, input, pointer, path) in cases {
        assert!(call(&j(input.clone())).is_ok(), "{name}: the input before poisoning must be valid");
        for x in NON_FINITE {
            let e = call(&with(input.clone(), pointer, Json::Number(x))).expect_err(name);
            let got: Vec<(&str, &str)> = e.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect();
            assert!(got.contains(&("not-finite", path)), "{name} with {x}: {got:?}");
        }
    }
    // assessManyColumns: NaN in a typed column is a day not reported; an infinity is an error.
    let batch = |x: f64| RegionBatch {
        meta: j(json!({ "start": "2025-01-01", "days": 3,
                        "regions": [{ "region": { "name": "A", "population": 1000, "kind": "county" } }] })),
        columns: Ok(vec![("localCases".into(), crisis_desk::batch::ColumnValues::Numbers(vec![1.0, x, 2.0]))]),
    };
    let ok = serde_json::to_value(assess_batch(&batch(f64::NAN), &Json::Null).unwrap()).unwrap();
    assert_eq!(ok[0]["ok"], true);
    for x in [f64::INFINITY, f64::NEG_INFINITY] {
        let out = serde_json::to_value(assess_batch(&batch(x), &Json::Null).unwrap()).unwrap();
        assert_eq!(out[0]["error"]["code"], "not-finite");
        assert_eq!(out[0]["error"]["path"], "columns.localCases[1]");
    }
}

/// -0 is read as 0: it never shows up as a negative zero in an output, and it is never a
/// "negative" count.
#[test]
fn minus_zero_is_read_as_zero() {
    let s = with(example(), "/series/localCases/0", Json::Number(-0.0));
    let a = serde_json::to_value(assess(&s).unwrap()).unwrap();
    let text = serde_json::to_string(&a).unwrap();
    assert!(!text.contains("-0.0,") && !text.contains("-0.0]") && !text.contains("-0.0}"), "a -0 in the output");
    assert_eq!(a["daily"]["localCases"][0].as_f64().map(f64::is_sign_positive), Some(true));
    // In a typed column (assessManyColumns) too.
    let batch = RegionBatch {
        meta: j(json!({ "start": "2025-01-01", "days": 2,
                        "regions": [{ "region": { "name": "A", "population": 1000, "kind": "county" } }] })),
        columns: Ok(vec![("localCases".into(), crisis_desk::batch::ColumnValues::Numbers(vec![-0.0, 1.0]))]),
    };
    let out = serde_json::to_string(&assess_batch(&batch, &Json::Null).unwrap()).unwrap();
    assert!(!out.contains("-0.0"), "{out}");
    // A setting of -0 is 0: a judgement must be > 0, a supply of 0 allocates nothing.
    let e = analysis::ahp(&j(json!({ "matrix": [[1, 1], [1, 1]] })).clone()).map(drop);
    assert!(e.is_ok());
    let e = analysis::ahp(&with(json!({ "matrix": [[1, 1], [1, 1]] }), "/matrix/0/1", Json::Number(-0.0))).unwrap_err();
    assert_eq!(first(&e), ("not-positive", "matrix[0][1]"));
    let out =
        analysis::allocate(&with(json!({ "supply": 1, "needs": [1, 2] }), "/supply", Json::Number(-0.0))).unwrap();
    let text = serde_json::to_string(&out).unwrap();
    assert!(!text.contains("-0"), "{text}");
}

/// Counts beyond 2^53 − 1 cannot be exact in a double: out of range, path named.
#[test]
fn integers_beyond_2_53_are_out_of_range() {
    let big = Json::Number(2f64.powi(53));
    type Call = fn(&Json) -> Result<(), InputError>;
    let cases: Vec<(Call, Value, &str, &str)> = vec![
        (|v| assess(v).map(drop), example(), "/series/localCases/3", "series.localCases[3]"),
        (|v| assess(v).map(drop), example(), "/region/population", "region.population"),
        (|v| assess(v).map(drop), example(), "/capacity/beds", "capacity.beds"),
        (|v| assess(v).map(drop), example(), "/events/clustersLast14Days", "events.clustersLast14Days"),
        (
            |v| estimate_rt(v).map(drop),
            json!({ "incidence": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], "si": { "mean": 4.7, "sd": 2.9 } }),
            "/incidence/4",
            "incidence[4]",
        ),
        (
            |v| SeirInput::from_json(v).map(drop),
            json!({ "population": 1000, "reproductionNumber": 2, "initial": { "exposed": 1, "infectious": 1 } }),
            "/population",
            "population",
        ),
        (
            |v| analysis::allocate(v).map(drop),
            json!({ "supply": 10, "needs": [10, 20, 30], "floors": [0, 0, 0] }),
            "/floors/1",
            "floors[1]",
        ),
    ];
    for (call, input, pointer, path) in cases {
        assert!(call(&j(input.clone())).is_ok(), "{path}: valid before");
        let e = call(&with(input, pointer, big.clone())).expect_err(path);
        assert_eq!(first(&e), ("out-of-range", path));
    }
}

#[test]
fn huge_counts_are_answered_with_probabilities_in_range() {
    // A week of 10^15 cases gives posterior shapes near 7·10^15, where the incomplete gamma's
    // series needs ~10^9 terms (seconds per window before its Wilson–Hilferty branch). The
    // answer is an assessment like any other, every probability in [0, 1].
    let mut v = example();
    let n = v["series"]["localCases"].as_array().unwrap().len();
    v["series"]["localCases"] = json!(vec![1e15; n]);
    v["region"]["population"] = json!(9e15);
    let a = assess(&j(v)).expect("an assessment");
    assert!(!a.rt.windows.is_empty());
    for w in &a.rt.windows {
        assert!((0.0..=1.0).contains(&w.probability_above_1), "{}", w.probability_above_1);
        assert!(w.lower <= w.median && w.median <= w.upper);
    }
}
