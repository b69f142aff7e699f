//! `cargo bench --bench signals`: estimateRt on 365 and 3 650 days, assess on the example,
//! assessSeries on a year of one county and assessMany on a year of 3 000 counties (as situation
//! objects and as one batch in columns, `assessManyColumns`). The
//! synthetic series is the one `www/bench.js` times in the browser, so the native and
//! WebAssembly figures (README, "Performance") measure the same work.
//!
//! The `…/reference` benchmarks time the straightforward evaluation that the fast paths of
//! `crisis_desk::timeline` must equal (`timeline::reference`): the "before" of those paths.
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::batch::{self, RegionBatch};
use crisis_desk::date::Date;
use crisis_desk::situation::Situation;
use crisis_desk::timeline;
use crisis_desk::verdict::AssessOptions;
use crisis_desk::Json;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::{json, Value};
use std::hint::black_box;

/// Daily counts for day `t` (0-based): a slow wave, a weekly cycle and a rising trend.
/// Must match `synthetic` in www/bench.js.
fn synthetic(days: usize) -> Vec<f64> {
    (0..days)
        .map(|t| {
            let t = t as f64;
            let x = 20.0
                + 15.0 * (2.0 * std::f64::consts::PI * t / 90.0).sin()
                + 5.0 * (2.0 * std::f64::consts::PI * t / 7.0).sin()
                + t / 100.0;
            x.round().max(0.0)
        })
        .collect()
}

fn rt_request(days: usize) -> Json {
    serde_json::from_value(serde_json::json!({
        "incidence": synthetic(days),
        "si": { "mean": 4.7, "sd": 2.9 },
    }))
    .unwrap()
}

fn estimate_rt(c: &mut Criterion) {
    let mut group = c.benchmark_group("estimateRt");
    for days in [365, 3650] {
        let input = rt_request(days);
        group.bench_with_input(BenchmarkId::from_parameter(days), &input, |b, input| {
            b.iter(|| crisis_desk::signals::rt::estimate_rt(black_box(input)).unwrap())
        });
    }
    group.finish();
}

fn assess(c: &mut Criterion) {
    let example: Json = serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap();
    c.bench_function("assess/example", |b| b.iter(|| crisis_desk::assess(black_box(&example)).unwrap()));
}

/// County `i` of a province, `days` days from 2025-01-01 with every column: local cases are
/// the synthetic series from day `i mod 90` on (so the counties' waves are out of step); the
/// other columns follow them (`t` is the day, `l` its local cases). The population runs from
/// 50 000 to 2 million and the bed capacity from 60 to 99, so some counties run out of beds.
/// (For `www/bench.js`, mirror this function exactly.)
fn county(i: usize, days: usize) -> Value {
    let shift = i % 90;
    let local = synthetic(days + shift)[shift..].to_vec();
    let start = Date::parse("2025-01-01").unwrap();
    let col = |f: &dyn Fn(usize, f64) -> f64| -> Vec<f64> { (0..days).map(|t| f(t, local[t])).collect() };
    json!({
        "region": { "name": format!("County {i}"), "population": 50_000 + (i * 7_919) % 1_950_000, "kind": "county" },
        "asOf": start.plus_days(days as i64 - 1).to_string(),
        "series": {
            "date": (0..days).map(|t| start.plus_days(t as i64).to_string()).collect::<Vec<_>>(),
            "localCases": local,
            "importedCases": col(&|t, _| if t % 11 == 0 { 1.0 } else { 0.0 }),
            "asymptomatic": col(&|_, l| (l / 2.0).floor()),
            "deaths": col(&|t, l| if t % 17 == 0 && l > 25.0 { 1.0 } else { 0.0 }),
            "admissions": col(&|_, l| (l * 0.2).round()),
            "testsPerformed": col(&|t, _| 2000.0 + 100.0 * (t % 7) as f64),
            "testsPositive": col(&|_, l| 2.0 * l + 1.0),
            "bedsOccupied": col(&|_, l| 30.0 + (1.5 * l).round()),
            "icuOccupied": col(&|_, l| 2.0 + (l / 10.0).floor()),
        },
        "capacity": { "beds": 60 + i % 40, "icuBeds": 10, "responseCapacity": "moderate" },
        "events": { "disease": "COVID-19", "diseaseClass": "B", "clustersLast14Days": 1, "countiesAffected": 1,
                    "unexplainedClusters": 0, "baselineWeeklyIncidence": 1.0, "newOrImportedDisease": false },
    })
}

/// The counties as one batch: the series' columns laid end to end, region by region, and the
/// rest of each situation as its region's entry (as `www/bench.js` builds it with typed arrays).
fn columns_batch(counties: &[Value], days: usize) -> Value {
    let mut columns = serde_json::Map::new();
    let mut regions = Vec::new();
    for c in counties {
        for (key, values) in c["series"].as_object().unwrap() {
            if key != "date" {
                let column = columns.entry(key.clone()).or_insert_with(|| json!([]));
                column.as_array_mut().unwrap().extend(values.as_array().unwrap().iter().cloned());
            }
        }
        regions.push(json!({ "region": c["region"], "capacity": c["capacity"], "events": c["events"] }));
    }
    json!({ "start": "2025-01-01", "days": days, "regions": regions, "columns": columns })
}

fn to_json(v: Value) -> Json {
    serde_json::from_value(v).unwrap()
}

fn assess_series(c: &mut Criterion) {
    let mut group = c.benchmark_group("assessSeries");
    group.sample_size(20);
    let input = to_json(county(0, 365));
    group.bench_function("365", |b| b.iter(|| timeline::assess_series(black_box(&input), &Json::Null).unwrap()));
    group.bench_function("365/reference", |b| {
        b.iter(|| {
            let s = Situation::from_json(black_box(&input)).unwrap();
            timeline::reference::series(&s, &AssessOptions::default())
        })
    });
    group.finish();
}

fn assess_many(c: &mut Criterion) {
    let mut group = c.benchmark_group("assessMany");
    group.sample_size(10);
    let counties: Vec<Value> = (0..3000).map(|i| county(i, 365)).collect();
    let all = to_json(Value::Array(counties.clone()));
    group.bench_function("3000x365", |b| b.iter(|| timeline::assess_many(black_box(&all), &Json::Null).unwrap()));
    // What validation alone costs (every assessment starts with it).
    let Json::Array(items) = &all else { unreachable!() };
    group.bench_function("3000x365/validate", |b| {
        b.iter(|| items.iter().map(|s| Situation::from_json(black_box(s)).is_ok()).filter(|ok| *ok).count())
    });
    // What the rest costs: the summaries of the validated situations.
    let situations: Vec<Situation> = items.iter().map(|s| Situation::from_json(s).unwrap()).collect();
    let options = AssessOptions::default();
    group.bench_function("3000x365/summaries", |b| {
        b.iter(|| {
            let mut cache = crisis_desk::signals::rt_summary::SiCache::new();
            situations.iter().map(|s| timeline::summary(black_box(s), &options, &mut cache)).count()
        })
    });
    // A full assess of each region takes far longer: timed on 100 regions.
    let some = to_json(Value::Array(counties[..100].to_vec()));
    group.bench_function("100x365/reference", |b| {
        b.iter(|| timeline::reference::assess_many(black_box(&some), &Json::Null).unwrap())
    });
    group.bench_function("100x365", |b| b.iter(|| timeline::assess_many(black_box(&some), &Json::Null).unwrap()));
    group.finish();

    // The same regions as one batch in columns (what `assessManyColumns` takes from typed arrays).
    let mut group = c.benchmark_group("assessManyColumns");
    group.sample_size(10);
    let batch = RegionBatch::from_json(&to_json(columns_batch(&counties, 365)));
    group.bench_function("3000x365", |b| b.iter(|| batch::assess_batch(black_box(&batch), &Json::Null).unwrap()));
    group.finish();
}

criterion_group!(benches, estimate_rt, assess, assess_series, assess_many);
criterion_main!(benches);
