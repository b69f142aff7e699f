//! `cargo bench --bench signals`: estimateRt on 365 and 3 650 days, and assess on the
//! example. The synthetic series is the one `www/bench.js` times in the browser, so the
//! native and WebAssembly figures (README, "Performance") measure the same work.

use crisis_desk::Json;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
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

criterion_group!(benches, estimate_rt, assess);
criterion_main!(benches);
