//! `cargo bench --bench decision`: the decision-analysis and escalation calls of issue 8 —
//! `ahp` at n = 15, `entropyWeights` and `topsis` on 1 000 × 20 (and again under the names of
//! the typed-row cases), `evaluateTable` on a 200-row table, `evaluateTableMany` on the same
//! table and 1 000 fact sets, `escalate` with the default rulebook, `validateRulebook` on a
//! 2 000-row rulebook.
//!
//! The inputs come from `www/bench-cases.js` (run by Node here, so the native and the
//! WebAssembly benchmarks time the very same data; see BENCHMARKS.md).

use crisis_desk::escalation::{escalate, evaluate_table, evaluate_table_many, validate_rulebook, Table};
use crisis_desk::{analysis, Json};
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::Value;
use std::hint::black_box;
use std::process::Command;

/// The shared inputs, as `node scripts/bench-inputs.mjs` prints them.
fn inputs() -> Value {
    let out = Command::new("node")
        .arg("scripts/bench-inputs.mjs")
        .output()
        .expect("node must be installed to generate the benchmark inputs");
    assert!(out.status.success(), "bench-inputs.mjs: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn decision(c: &mut Criterion) {
    let all = inputs();
    let ahp = json(&all["ahp15"]);
    c.bench_function("ahp/15", |b| b.iter(|| analysis::ahp(black_box(&ahp)).unwrap()));
    let entropy = json(&all["entropy1000x20"]);
    c.bench_function("entropyWeights/1000x20", |b| b.iter(|| analysis::entropy_weights(black_box(&entropy)).unwrap()));
    let topsis = json(&all["topsis1000x20"]);
    c.bench_function("topsis/1000x20", |b| b.iter(|| analysis::topsis(black_box(&topsis)).unwrap()));
    // The `-typed` cases give the JS API the rows as Float64Arrays; the core reads the same
    // numbers either way, so natively they are the same call (the pair shows what the boundary
    // costs with typed rows).
    c.bench_function("entropyWeights/1000x20-typed", |b| {
        b.iter(|| analysis::entropy_weights(black_box(&entropy)).unwrap())
    });
    c.bench_function("topsis/1000x20-typed", |b| b.iter(|| analysis::topsis(black_box(&topsis)).unwrap()));

    // As the JS API does it: the table is parsed on every call.
    let (table, facts) = (json(&all["table200"]["table"]), json(&all["table200"]["facts"]));
    c.bench_function("evaluateTable/200", |b| {
        b.iter(|| evaluate_table(&Table::parse(black_box(&table)).unwrap(), black_box(&facts)).unwrap())
    });
    // evaluateTableMany: the table parsed once per call, then 1 000 fact sets without traces.
    let Json::Array(facts_list) = json(&all["tableFacts200x1000"]) else { panic!("an array of fact sets") };
    c.bench_function("evaluateTableMany/200x1000", |b| {
        b.iter(|| {
            let table = Table::parse(black_box(&table)).unwrap();
            evaluate_table_many(&table, black_box(&facts_list), false).unwrap()
        })
    });

    // The example's assessment, and the options made for its asOf day.
    let example: Json = serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap();
    let assessment = serde_json::to_value(crisis_desk::assess(&example).unwrap()).unwrap();
    let mut options = all["escalateOptions"].clone();
    let detected = options["detectedAt"].as_str().unwrap().replace("ASOF", assessment["asOf"].as_str().unwrap());
    options["detectedAt"] = detected.into();
    let (assessment, options) = (json(&assessment), json(&options));
    c.bench_function("escalate/default", |b| b.iter(|| escalate(black_box(&assessment), &options).unwrap()));

    let rulebook = json(&all["rulebook2000"]);
    let mut group = c.benchmark_group("validateRulebook");
    group.sample_size(10);
    group.bench_function("2000", |b| b.iter(|| validate_rulebook(black_box(&rulebook))));
    group.finish();
}

criterion_group!(benches, decision);
criterion_main!(benches);
