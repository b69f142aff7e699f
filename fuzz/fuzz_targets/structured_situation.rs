//! Situations that are well formed by construction (arbitrary counts, days, capacities, event
//! facts and options), so the fuzzer spends its time past validation: in the signals, the
//! frameworks, the verdict, the timeline and the batch path. Same input, same answer: each call
//! runs twice and must agree.
#![no_main]

use arbitrary::Arbitrary;
use crisis_desk::{batch, timeline, Json};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    population: u32,
    start: u16,
    local: Vec<Option<u16>>,
    imported: Option<Vec<Option<u8>>>,
    deaths: Option<Vec<Option<u8>>>,
    admissions: Option<Vec<Option<u8>>>,
    tests: Option<Vec<Option<(u16, u16)>>>,
    beds: Option<(u16, u16)>,
    icu: Option<(u8, u8)>,
    days_after: u8,
    response: u8,
    class: u8,
    clusters: Option<u8>,
    counties: Option<u8>,
    baseline: Option<u16>,
    new_disease: Option<bool>,
    precautionary: bool,
    composite: bool,
    rt_window: Option<u8>,
}

fn n(x: f64) -> Json {
    Json::Number(x)
}
fn s(x: &str) -> Json {
    Json::String(x.into())
}
fn obj(pairs: Vec<(&str, Json)>) -> Json {
    Json::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}
fn column<T: Copy>(days: usize, values: &[Option<T>], f: impl Fn(T) -> f64) -> Json {
    Json::Array((0..days).map(|i| values.get(i).copied().flatten().map_or(Json::Null, |v| n(f(v)))).collect())
}

fuzz_target!(|input: Input| {
    let days = input.local.len().clamp(1, 400);
    let start = crisis_desk::date::Date::parse("2024-01-01").unwrap().plus_days(i64::from(input.start % 1000));
    let dates: Vec<Json> = (0..days).map(|i| s(&start.plus_days(i as i64).to_string())).collect();
    let mut series = vec![("date", Json::Array(dates)), ("localCases", column(days, &input.local, f64::from))];
    if let Some(v) = &input.imported {
        series.push(("importedCases", column(days, v, f64::from)));
    }
    if let Some(v) = &input.deaths {
        series.push(("deaths", column(days, v, f64::from)));
    }
    if let Some(v) = &input.admissions {
        series.push(("admissions", column(days, v, f64::from)));
    }
    if let Some(v) = &input.tests {
        // Positives never exceed tests: the situation is valid by construction.
        series.push(("testsPerformed", column(days, v, |(a, b)| f64::from(a.max(b)))));
        series.push(("testsPositive", column(days, v, |(a, b)| f64::from(a.min(b)))));
    }
    let mut capacity = vec![("responseCapacity", s(["adequate", "moderate", "limited"][usize::from(input.response % 3)]))];
    if let Some((total, used)) = input.beds {
        capacity.push(("beds", n(f64::from(total))));
        series.push(("bedsOccupied", Json::Array(vec![n(f64::from(used)); days])));
    }
    if let Some((total, used)) = input.icu {
        capacity.push(("icuBeds", n(f64::from(total))));
        series.push(("icuOccupied", Json::Array(vec![n(f64::from(used)); days])));
    }
    let mut events = vec![("diseaseClass", s(["A", "B", "C"][usize::from(input.class % 3)]))];
    if let Some(c) = input.clusters {
        events.push(("clustersLast14Days", n(f64::from(c))));
    }
    if let Some(c) = input.counties {
        events.push(("countiesAffected", n(f64::from(c))));
    }
    if let Some(b) = input.baseline {
        events.push(("baselineWeeklyIncidence", n(f64::from(b) / 10.0)));
    }
    if let Some(b) = input.new_disease {
        events.push(("newOrImportedDisease", Json::Bool(b)));
    }
    let as_of = start.plus_days((days + usize::from(input.days_after % 30)) as i64 - 1);
    let mut situation = vec![
        ("region", obj(vec![("name", s("fuzz")), ("population", n(f64::from(input.population.max(1)))), ("kind", s("county"))])),
        ("asOf", s(&as_of.to_string())),
        ("series", obj(series)),
        ("capacity", obj(capacity)),
        ("events", obj(events)),
    ];
    if let Some(w) = input.rt_window {
        situation.push(("epi", obj(vec![("rtWindow", n(f64::from(w % 30)))])));
    }
    let situation = obj(situation);
    let options = obj(vec![
        ("precautionary", Json::Bool(input.precautionary)),
        ("composite", obj(vec![("enabled", Json::Bool(input.composite))])),
    ]);

    let a = crisis_desk::assess_with(&situation, &options);
    assert_eq!(a, crisis_desk::assess_with(&situation, &options), "same input, same answer");
    let series = timeline::assess_series(&situation, &options);
    if let (Ok(a), Ok(series)) = (&a, &series) {
        // The timeline's last day is the assessment.
        assert_eq!(series.verdict.level.last().copied().flatten(), a.verdict.level);
    }
    let many = timeline::assess_many(&Json::Array(vec![situation.clone(), situation.clone()]), &options);
    if let (Ok(a), Ok(many)) = (&a, &many) {
        assert_eq!(many.len(), 2);
        if let timeline::RegionResult::Ok(summary) = &many[0] {
            assert_eq!(summary.verdict.level, a.verdict.level);
        } else {
            panic!("a valid situation failed in assess_many");
        }
    }
    let _ = batch::assess_batch(&batch::RegionBatch::from_json(&Json::Null), &options);
});
