//! Level timelines (`assess_series`) and many regions (`assess_many`): the last day is
//! `assess`, each day is `assess` on the series cut after it (no look-ahead), transitions
//! follow the levels, and the fast paths equal the straightforward ones bit for bit.
// Test inputs and independent checks may use std's maths; clippy.toml's rule is for the core.
#![allow(clippy::disallowed_methods)]

use crisis_desk::signals::projection::{project, ProjectionInput};
use crisis_desk::signals::rt_summary::{rt_latest, rt_latest_each_day, rt_summary, rt_summary_of, SiCache};
use crisis_desk::situation::{Column, Situation};
use crisis_desk::timeline::{self, assess_many, assess_series, RegionResult, SeriesAssessment};
use crisis_desk::verdict::AssessOptions;
use crisis_desk::{assess_with, Assessment, Json};
use serde_json::{json, Value};

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).unwrap()
}

fn example() -> Value {
    serde_json::from_str(crisis_desk::EXAMPLE_SITUATION).unwrap()
}

fn date(start: &str, offset: usize) -> String {
    let d = crisis_desk::date::Date::parse(start).unwrap();
    d.plus_days(offset as i64).to_string()
}

/// A county with waves of `amp` cases (zero between waves, so levels rise and fall), every
/// column, and `null` on the days in `missing` (in every column listed there).
fn synthetic(days: usize, amp: f64, phase: f64, missing: &[(usize, &str)], extra_days_to_as_of: usize) -> Value {
    let start = "2026-01-01";
    let local: Vec<f64> = (0..days)
        .map(|t| {
            let x = amp * (2.0 * std::f64::consts::PI * (t as f64 + phase) / 45.0).sin();
            (x.max(0.0) + if t % 7 == 3 { 1.0 } else { 0.0 }).round()
        })
        .collect();
    let col = |f: &dyn Fn(usize, f64) -> f64| -> Vec<Value> { (0..days).map(|t| json!(f(t, local[t]))).collect() };
    let mut v = json!({
        "region": { "name": format!("County {amp}/{phase}"), "population": 150000.0 + 1000.0 * amp, "kind": "county" },
        "asOf": date(start, days - 1 + extra_days_to_as_of),
        "series": {
            "date": (0..days).map(|t| date(start, t)).collect::<Vec<_>>(),
            "localCases": col(&|_, l| l),
            "importedCases": col(&|t, _| if t % 11 == 0 { 1.0 } else { 0.0 }),
            "asymptomatic": col(&|_, l| (l / 2.0).round()),
            "deaths": col(&|t, l| if t % 17 == 0 && l > 5.0 { 1.0 } else { 0.0 }),
            "admissions": col(&|_, l| (l * 0.2).round()),
            "testsPerformed": col(&|t, _| 2000.0 + 10.0 * t as f64),
            "testsPositive": col(&|_, l| l * 2.0 + 1.0),
            "bedsOccupied": col(&|_, l| 30.0 + (l * 1.5).round()),
            "icuOccupied": col(&|_, l| 2.0 + (l / 10.0).floor()),
        },
        "capacity": { "beds": 120, "icuBeds": 20, "responseCapacity": "moderate" },
        "events": { "disease": "COVID-19", "diseaseClass": "B", "clustersLast14Days": 2, "countiesAffected": 1,
                    "unexplainedClusters": 0, "baselineWeeklyIncidence": 1.0, "newOrImportedDisease": false },
    });
    for (day, column) in missing {
        v["series"][*column][*day] = Value::Null;
    }
    v
}

/// The situations most tests run on: the example, waves with and without missing days, data
/// that end before `asOf`, no imported column, a given serial-interval distribution.
fn situations() -> Vec<Value> {
    let mut no_imported = synthetic(60, 25.0, 5.0, &[(20, "localCases")], 0);
    no_imported["series"].as_object_mut().unwrap().remove("importedCases");
    let mut distribution = synthetic(50, 40.0, 0.0, &[], 0);
    distribution["epi"] =
        json!({ "serialInterval": { "distribution": [0, 0.2, 0.3, 0.25, 0.15, 0.1] }, "rtWindow": 5 });
    let mut short_si = synthetic(40, 10.0, 30.0, &[(3, "importedCases")], 0);
    short_si["epi"] = json!({ "serialInterval": { "mean": 2.6, "sd": 1.5 }, "rtWindow": 2 });
    vec![
        example(),
        synthetic(70, 30.0, 0.0, &[], 0),
        synthetic(70, 60.0, 10.0, &[(12, "localCases"), (40, "importedCases"), (41, "testsPositive")], 0),
        synthetic(64, 15.0, 20.0, &[(63, "localCases"), (30, "bedsOccupied")], 3),
        no_imported,
        distribution,
        short_si,
    ]
}

fn option_sets() -> Vec<Value> {
    vec![
        Value::Null,
        json!({ "precautionary": false }),
        json!({ "frameworks": { "enabled": ["cdcTransmission", "harvard", "chinaRiskArea2022"] }, "composite": { "enabled": false } }),
        json!({ "composite": { "indicators": [{ "id": "rt", "low": 0.5, "high": 2 }, { "id": "incidence7dPer100k", "low": 0, "high": 50, "weight": 2 }] } }),
    ]
}

/// `(source, level, severity)` of every source the verdict considered.
fn considered(a: &Assessment) -> Vec<(&'static str, Option<String>, Option<u8>)> {
    a.verdict.considered.iter().map(|c| (c.source, c.level.clone(), c.severity)).collect()
}

/// The same for day `d` of a series assessment.
fn considered_on(s: &SeriesAssessment, d: usize) -> Vec<(&'static str, Option<String>, Option<u8>)> {
    let mut out: Vec<_> =
        s.frameworks.iter().map(|(k, t)| (k, t.level[d].map(|l| l.to_string()), t.severity[d])).collect();
    if let Some(t) = &s.composite {
        out.push(("composite", t.level[d].map(|l| l.to_string()), t.severity[d]));
    }
    out
}

/// `considered` of an assessment in the series' order (frameworks by key, then composite), with
/// the composite's level as its response level (the series shows levels, not scores).
fn considered_sorted(a: &Assessment) -> Vec<(&'static str, Option<String>, Option<u8>)> {
    let order = crisis_desk::frameworks::FrameworkKey::WIRE;
    let mut out: Vec<_> = considered(a)
        .into_iter()
        .map(|(k, l, s)| if k == "composite" { (k, a.composite.level.map(|x| x.to_string()), s) } else { (k, l, s) })
        .collect();
    out.sort_by_key(|(k, _, _)| order.iter().position(|o| o == k).unwrap_or(order.len()));
    out
}

/// The situation as known on day `d` (0-based from the series start): the series cut after
/// it and `asOf` on it (past the end of the series: the whole series, `asOf` on that day).
fn cut(v: &Value, d: usize) -> Value {
    let mut v = v.clone();
    let start = v["series"]["date"][0].as_str().unwrap().to_string();
    let series = v["series"].as_object_mut().unwrap();
    for (_, col) in series.iter_mut() {
        let a = col.as_array_mut().unwrap();
        a.truncate(d + 1);
    }
    v["asOf"] = json!(date(&start, d));
    v
}

#[test]
fn the_last_day_is_assess_with() {
    for v in situations() {
        for o in option_sets() {
            let s = assess_series(&to_json(&v), &to_json(&o)).unwrap();
            let a = assess_with(&to_json(&v), &to_json(&o)).unwrap();
            let last = s.dates.len() - 1;
            assert_eq!(s.dates[last], a.as_of);
            assert_eq!(s.dates[0], a.series.first_date);
            assert_eq!(s.verdict.level[last], a.verdict.level, "{o}");
            assert_eq!(s.verdict.severity[last], a.verdict.severity);
            assert_eq!(s.verdict.precautionary[last], a.verdict.precautionary);
            assert_eq!(considered_on(&s, last), considered_sorted(&a), "{}", v["region"]["name"]);
            assert_eq!(s.composite.is_some(), a.composite.settings.enabled);
            // On the wire, each track's last level is the framework's level as assess writes
            // it: WHO PHSM's a number, the others strings.
            let (sj, aj) = (serde_json::to_value(&s).unwrap(), serde_json::to_value(&a).unwrap());
            for (key, track) in sj["frameworks"].as_object().unwrap() {
                let level = &aj["frameworks"][key]["level"];
                assert_eq!(track["level"][last], *level, "{key}");
            }
        }
    }
}

#[test]
fn every_day_is_assess_with_on_the_series_cut_after_it() {
    for v in situations() {
        for o in [Value::Null, json!({ "precautionary": false })] {
            let s = assess_series(&to_json(&v), &to_json(&o)).unwrap();
            for d in 0..s.dates.len() {
                let a = assess_with(&to_json(&cut(&v, d)), &to_json(&o)).unwrap();
                assert_eq!(s.dates[d], a.as_of);
                let name = &v["region"]["name"];
                assert_eq!(s.verdict.level[d], a.verdict.level, "{name} day {d}");
                assert_eq!(s.verdict.severity[d], a.verdict.severity, "{name} day {d}");
                assert_eq!(s.verdict.precautionary[d], a.verdict.precautionary, "{name} day {d}");
                assert_eq!(considered_on(&s, d), considered_sorted(&a), "{name} day {d}");
            }
        }
    }
}

#[test]
fn levels_change_over_the_waves() {
    let s = assess_series(&to_json(&synthetic(70, 60.0, 10.0, &[], 0)), &Json::Null).unwrap();
    let distinct: std::collections::BTreeSet<u8> = s.verdict.severity.iter().copied().collect();
    assert!(distinct.len() >= 2, "the waves move the verdict: {distinct:?}");
    assert!(s.transitions.iter().any(|t| t.source == "verdict"));
    assert!(s.notes.iter().any(|n| n.code == "events-capacity-as-of"));
}

#[test]
fn no_look_ahead() {
    let v = synthetic(70, 30.0, 0.0, &[], 0);
    let before = assess_series(&to_json(&v), &Json::Null).unwrap();
    for d in [10, 35, 60] {
        let mut changed = v.clone();
        let series = changed["series"].as_object_mut().unwrap();
        for (key, col) in series.iter_mut() {
            if key == "date" {
                continue;
            }
            for (i, x) in col.as_array_mut().unwrap().iter_mut().enumerate().skip(d + 1) {
                *x = if i % 3 == 0 { Value::Null } else { json!(5000) };
            }
        }
        let after = assess_series(&to_json(&changed), &Json::Null).unwrap();
        assert_ne!(after.verdict, before.verdict, "the change is visible after day {d}");
        assert_eq!(after.verdict.level[..=d], before.verdict.level[..=d], "day ≤ {d}");
        assert_eq!(after.verdict.severity[..=d], before.verdict.severity[..=d]);
        assert_eq!(after.verdict.precautionary[..=d], before.verdict.precautionary[..=d]);
        for ((k, a), (_, b)) in after.frameworks.iter().zip(before.frameworks.iter()) {
            assert_eq!(a.level[..=d], b.level[..=d], "{k} day ≤ {d}");
            assert_eq!(a.severity[..=d], b.severity[..=d], "{k} day ≤ {d}");
        }
        let until = v["series"]["date"][d].as_str().unwrap();
        assert!(after
            .transitions
            .iter()
            .filter(|t| t.date.as_str() <= until)
            .eq(before.transitions.iter().filter(|t| t.date.as_str() <= until)));
    }
}

/// A level and its severity on one day.
type LevelOnDay = (Option<&'static str>, Option<u8>);

#[test]
fn transitions_replay_the_levels() {
    for v in situations() {
        let s = assess_series(&to_json(&v), &Json::Null).unwrap();
        let mut tracks: Vec<(&str, Vec<LevelOnDay>)> =
            vec![("verdict", s.verdict.level.iter().zip(&s.verdict.severity).map(|(l, v)| (*l, Some(*v))).collect())];
        for (k, t) in s.frameworks.iter() {
            tracks.push((k, t.level.iter().copied().zip(t.severity.iter().copied()).collect()));
        }
        if let Some(t) = &s.composite {
            tracks.push(("composite", t.level.iter().copied().zip(t.severity.iter().copied()).collect()));
        }
        for (source, track) in &tracks {
            let mut replay = vec![track[0]];
            let mut current = track[0];
            for d in 1..s.dates.len() {
                if let Some(t) = s.transitions.iter().find(|t| t.source == *source && t.date == s.dates[d]) {
                    assert_eq!((t.from, t.from_severity), current, "{source} on {}", t.date);
                    assert_ne!((t.from, t.from_severity), (t.to, t.to_severity));
                    current = (t.to, t.to_severity);
                }
                replay.push(current);
            }
            assert_eq!(&replay, track, "{source}");
        }
        // Ordered by date, and one per source and day at most.
        assert!(s.transitions.windows(2).all(|w| w[0].date <= w[1].date));
        let mut seen = std::collections::BTreeSet::new();
        assert!(s.transitions.iter().all(|t| seen.insert((t.date.clone(), t.source))));
    }
}

#[test]
fn the_fast_series_equals_the_straightforward_one() {
    for v in situations() {
        for o in option_sets() {
            let s = Situation::from_json(&to_json(&v)).unwrap();
            let o = AssessOptions::from_json(&to_json(&o)).unwrap();
            assert_eq!(timeline::series(&s, &o), timeline::reference::series(&s, &o));
        }
    }
}

/// Series that stress the Rt paths: missing days in either column, runs of zeros, a last day
/// missing, very short stretches, a serial-interval distribution longer than the series.
fn rt_cases() -> Vec<Value> {
    let mut out = situations();
    let mut zeros = synthetic(50, 20.0, 25.0, &[(7, "localCases"), (9, "importedCases"), (49, "localCases")], 0);
    zeros["epi"] = json!({ "rtWindow": 3, "rtPrior": { "mean": 2, "sd": 3 } });
    out.push(zeros);
    let mut long_si = synthetic(30, 20.0, 0.0, &[(10, "localCases")], 0);
    // 41 weights (longer than the series), geometric: mean about 5 days.
    let raw: Vec<f64> = (0..41).map(|k| if k == 0 { 0.0 } else { (-(k as f64) / 5.0).exp() }).collect();
    let total: f64 = raw.iter().sum();
    let w: Vec<f64> = raw.iter().map(|x| x / total).collect();
    long_si["epi"] = json!({ "serialInterval": { "distribution": w } });
    out.push(long_si);
    let mut empty = synthetic(30, 0.0, 0.0, &[], 0);
    empty["series"]["importedCases"] = json!(vec![0; 30]);
    empty["series"]["localCases"] = json!(vec![0; 30]);
    empty["series"]["localCases"][25] = json!(3);
    out.push(empty);
    out
}

#[test]
fn rt_as_of_each_day_equals_rt_summary_on_the_cut_series() {
    for v in rt_cases() {
        let s = Situation::from_json(&to_json(&v)).unwrap();
        let local = s.series.local_cases();
        let imported = s.series.column(Column::ImportedCases);
        let mut cache = SiCache::new();
        let fast = rt_latest_each_day(local, imported, s.series.start, &s.epi, &mut cache);
        let mut some = 0;
        for d in 0..s.series.len {
            let slow = rt_summary_of(&local[..=d], imported.map(|c| &c[..=d]), s.series.start, &s.epi).latest;
            assert_eq!(fast[d], slow, "{} day {d}", v["region"]["name"]);
            some += usize::from(slow.is_some());
        }
        assert!(some > 0 || v["series"]["localCases"][25] == json!(3), "{}", v["region"]["name"]);
    }
}

#[test]
fn the_latest_rt_alone_equals_rt_summary_and_projects_the_same() {
    // One cache across all of them, as assess_many shares it, in both orders of length.
    let mut cache = SiCache::new();
    let mut cases = rt_cases();
    cases.extend(rt_cases().into_iter().rev());
    for v in cases {
        let s = Situation::from_json(&to_json(&v)).unwrap();
        let full = rt_summary(&s.series, &s.epi);
        let imported = s.series.column(Column::ImportedCases);
        let fast = rt_latest(s.series.local_cases(), imported, s.series.start, &s.epi, &mut cache);
        assert_eq!(fast.as_ref().map(|f| &f.point), full.latest.as_ref(), "{}", v["region"]["name"]);
        let (Some(fast), Some(window)) = (fast, full.latest_window.as_ref()) else { continue };
        let w = &fast.window;
        assert_eq!((w.t_start, w.t_end, w.shape, w.scale), (window.t_start, window.t_end, window.shape, window.scale));
        assert_eq!((w.mean, w.std, w.cv), (window.mean, window.std, window.cv));
        assert_eq!((w.q025, w.median, w.q975), (window.q025, window.median, window.q975));
        let settings = s.epi.care.clone().unwrap_or_default();
        let a = project(&ProjectionInput::from_situation(&s, &full.si, Some(window), &settings));
        let b = project(&ProjectionInput::from_situation(&s, &fast.si, Some(&fast.window), &settings));
        assert_eq!(a, b, "{}", v["region"]["name"]);
    }
}

/// Names and paths of a batch: the situations above, one broken region, and the example.
fn batch() -> (Vec<Value>, usize) {
    let mut items = situations();
    let mut broken = synthetic(40, 10.0, 0.0, &[], 0);
    broken["series"]["localCases"][12] = json!(-1);
    broken["region"]["population"] = json!(0);
    broken["series"]["localcases"] = json!([]);
    items.insert(3, broken);
    let mut no_capacity = synthetic(50, 45.0, 0.0, &[], 0);
    no_capacity.as_object_mut().unwrap().remove("capacity");
    items.push(no_capacity);
    (items, 3)
}

#[test]
fn assess_many_keeps_order_and_each_summary_is_assess_with() {
    let (items, bad) = batch();
    for o in option_sets() {
        let results = assess_many(&to_json(&Value::Array(items.clone())), &to_json(&o)).unwrap();
        assert_eq!(results.len(), items.len());
        for (i, (r, v)) in results.iter().zip(&items).enumerate() {
            if i == bad {
                assert!(matches!(r, RegionResult::Err(_)));
                continue;
            }
            let RegionResult::Ok(summary) = r else { panic!("region {i}: {r:?}") };
            let a = assess_with(&to_json(v), &to_json(&o)).unwrap();
            assert_eq!(summary.name, a.region.name);
            assert_eq!(summary.population, a.region.population);
            assert_eq!(summary.as_of, a.as_of);
            assert_eq!(summary.verdict.level, a.verdict.level);
            assert_eq!(summary.verdict.severity, a.verdict.severity);
            assert_eq!(summary.verdict.colour, a.verdict.colour);
            assert_eq!(summary.verdict.precautionary, a.verdict.precautionary);
            let mut levels: Vec<_> =
                summary.frameworks.iter().map(|(k, l)| (k, l.level.map(|x| x.to_string()), l.severity)).collect();
            if let Some(c) = &summary.composite {
                assert_eq!(
                    (c.score, c.level, c.severity),
                    (a.composite.score, a.composite.level, a.composite.severity)
                );
                levels.push(("composite", c.level.map(|x| x.to_string()), c.severity));
            }
            assert_eq!(levels, considered_sorted(&a));
            assert_eq!(summary.incidence_7d_per_100k, a.signals.incidence_7d_per_100k);
            let rt = a.rt.latest.as_ref().map(|r| (r.mean, r.lower, r.upper));
            assert_eq!(summary.rt.as_ref().map(|r| (r.mean, r.lower, r.upper)), rt);
            assert_eq!(summary.beds_over_capacity_date, a.projection.beds_over_capacity_date);
        }
        assert_eq!(
            results,
            timeline::reference::assess_many(&to_json(&Value::Array(items.clone())), &to_json(&o)).unwrap()
        );
    }
    // Some region runs out of beds, or the test proves little.
    let results = assess_many(&to_json(&Value::Array(items)), &Json::Null).unwrap();
    assert!(results.iter().any(|r| matches!(r, RegionResult::Ok(s) if s.beds_over_capacity_date.is_some())));
}

#[test]
fn a_timeline_past_ten_years_is_an_error_not_minutes_of_work() {
    // Found by fuzzing: asOf a century after the series ran for minutes (each day re-reads
    // the series up to it). assess itself is linear and takes it.
    let mut v = example();
    v["asOf"] = "2036-12-01".into();
    let err = assess_series(&to_json(&v), &Json::Null).unwrap_err();
    assert_eq!(
        err.problems.iter().map(|p| (p.code.as_str(), p.path.as_str())).collect::<Vec<_>>(),
        [("out-of-range", "asOf")]
    );
    assert!(err.problems[0].message.contains(&crisis_desk::timeline::MAX_TIMELINE_DAYS.to_string()));
    assert!(assess_with(&to_json(&v), &Json::Null).is_ok());
}

#[test]
fn a_bad_region_has_its_own_errors_with_prefixed_paths() {
    let (items, bad) = batch();
    let results = assess_many(&to_json(&Value::Array(items.clone())), &Json::Null).unwrap();
    let RegionResult::Err(e) = &results[bad] else { panic!("{:?}", results[bad]) };
    let alone = assess_with(&to_json(&items[bad]), &Json::Null).unwrap_err();
    assert_eq!(e.problems.len(), alone.problems.len());
    for (p, q) in e.problems.iter().zip(&alone.problems) {
        assert_eq!(p.code, q.code);
        assert_eq!(p.path, format!("[{bad}].{}", q.path));
    }
    let paths: Vec<&str> = e.problems.iter().map(|p| p.path.as_str()).collect();
    for want in ["[3].series.localCases[12]", "[3].region.population", "[3].series.localcases"] {
        assert!(paths.contains(&want), "{want} in {paths:?}");
    }
    assert_eq!((e.code, e.path.as_str()), (e.problems[0].code, e.problems[0].path.as_str()));
    assert!(e.message.starts_with(&e.problems[0].path), "{}", e.message);
    // Not an object at all: the path is the index.
    let results = assess_many(&to_json(&json!([42, example()])), &Json::Null).unwrap();
    let RegionResult::Err(e) = &results[0] else { panic!() };
    assert_eq!(e.path, "[0]");
    assert!(matches!(results[1], RegionResult::Ok(_)));
    // The wire shape.
    let wire = serde_json::to_value(&results).unwrap();
    assert_eq!(wire[0]["ok"], json!(false));
    assert_eq!(wire[0]["error"]["code"], json!("invalid-type"));
    assert_eq!(wire[0]["error"]["problems"][0]["path"], json!("[0]"));
    assert_eq!(wire[1]["ok"], json!(true));
    for key in
        ["name", "population", "asOf", "verdict", "frameworks", "incidence7dPer100k", "rt", "bedsOverCapacityDate"]
    {
        assert!(wire[1]["summary"].get(key).is_some(), "{key}");
    }
    assert!(wire[1]["summary"]["frameworks"]["cdcTransmission"].get("severity").is_some());
}

#[test]
fn bad_options_or_no_array_fail_the_whole_call() {
    let items = to_json(&json!([example(), example()]));
    let err = assess_many(&items, &to_json(&json!({ "precautionary": "yes" }))).unwrap_err();
    assert_eq!(err.problems[0].path, "options.precautionary");
    let err = assess_many(&to_json(&example()), &Json::Null).unwrap_err();
    assert_eq!((err.problems[0].code.as_str(), err.problems[0].path.as_str()), ("invalid-type", ""));
    let err = assess_many(&to_json(&json!({})), &to_json(&json!({ "precautionary": 1 }))).unwrap_err();
    assert_eq!(err.problems.len(), 2);
    assert!(assess_many(&to_json(&json!([])), &Json::Null).unwrap().is_empty());
    // assess_series validates like assess_with.
    let mut broken = example();
    broken["region"]["population"] = json!(-5);
    let a = assess_series(&to_json(&broken), &to_json(&json!({ "precautionary": "yes" }))).unwrap_err();
    let b = assess_with(&to_json(&broken), &to_json(&json!({ "precautionary": "yes" }))).unwrap_err();
    assert_eq!(a, b);
}

#[test]
fn series_wire_shape() {
    let v = synthetic(64, 15.0, 20.0, &[], 3);
    let s =
        assess_series(&to_json(&v), &to_json(&json!({ "frameworks": { "enabled": ["harvard", "whoPhsm"] } }))).unwrap();
    assert_eq!(s.dates.len(), 67, "to asOf, past the end of the series");
    assert!(s.notes.iter().any(|n| n.code == "data-end-before-as-of"));
    let wire = serde_json::to_value(&s).unwrap();
    let keys: Vec<&str> = wire["frameworks"].as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys.len(), 2);
    assert!(keys.contains(&"whoPhsm") && keys.contains(&"harvard"), "{keys:?}");
    assert_eq!(wire["frameworks"]["harvard"]["level"].as_array().unwrap().len(), 67);
    assert_eq!(wire["verdict"]["severity"].as_array().unwrap().len(), 67);
    assert!(wire["composite"]["level"].is_array());
    if let Some(t) = wire["transitions"].as_array().unwrap().first() {
        for key in ["date", "source", "from", "to", "fromSeverity", "toSeverity"] {
            assert!(t.get(key).is_some(), "{key}");
        }
    }
}
