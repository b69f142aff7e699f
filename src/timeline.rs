//! Level timelines and many regions in one call (issue 4 item 5).
//!
//! - [`assess_series`]: the verdict and every enabled framework's level **as of each day**, from
//!   the first day of the series to `asOf`, and the days each level was entered and left. Day
//!   d is assessed from the days up to d only (Rt from the window ending on d); nothing after
//!   it is read, so a day's levels never change when later data arrive. The last day is
//!   `assess` itself.
//! - [`assess_many`]: a compact [`RegionSummary`] of each of many situations (a province's
//!   counties), in input order, each region with its own errors.
//!
//! **Exactness.** Both give, bit for bit, what `assess` gives for the same day. The fast paths
//! (the latest Rt window alone, `rt_summary::rt_latest`; the latest window as of every day in
//! one pass, `rt_summary::rt_latest_each_day`; serial-interval weights shared across regions,
//! `rt_summary::SiCache`) are checked against the straightforward evaluation kept in
//! [`reference`](mod@reference) and against `assess` on the series cut after each day
//! (`tests/timeline.rs`).
//!
//! **What a day does not know.** `events` and `capacity` describe `asOf` (the number of
//! clusters, the beds available, …): they are applied to every day as entered, and the output
//! says so in `notes`.

use crate::assess::Assessment;
use crate::date::Date;
use crate::error::{Code, InputError, Path, Problem, Problems};
use crate::frameworks::{date_text, evaluate_frameworks, evaluate_frameworks_on, FrameworkKey, Frameworks};
use crate::json::Json;
use crate::signals::incidence::{weekly_signals, Note};
use crate::signals::projection::{project, ProjectionInput};
use crate::signals::rt_summary::{rt_latest, rt_latest_each_day, RtPoint, SiCache};
use crate::situation::{Column, Situation};
use crate::verdict::{composite, sources, verdict, AssessOptions, Composite, Considered, Verdict, LEVEL_ORDERS};
use serde::ser::{Serialize, SerializeStruct, Serializer};

// ---------------------------------------------------------------------------------------------
// Wire shapes.

/// One value per enabled framework, keyed as in `assess`'s `frameworks` (a disabled one is
/// left out of the object).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PerFramework<T> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub china_event_grade: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub china_risk_area_2020: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub china_risk_area_2022: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_phsm: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdc_transmission: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdc_community: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub covid_act_now: Option<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub harvard: Option<T>,
}

impl<T> Default for PerFramework<T> {
    fn default() -> Self {
        PerFramework {
            china_event_grade: None,
            china_risk_area_2020: None,
            china_risk_area_2022: None,
            who_phsm: None,
            cdc_transmission: None,
            cdc_community: None,
            covid_act_now: None,
            harvard: None,
        }
    }
}

impl<T> PerFramework<T> {
    fn slot(&mut self, key: &str) -> Option<&mut Option<T>> {
        Some(match key {
            "chinaEventGrade" => &mut self.china_event_grade,
            "chinaRiskArea2020" => &mut self.china_risk_area_2020,
            "chinaRiskArea2022" => &mut self.china_risk_area_2022,
            "whoPhsm" => &mut self.who_phsm,
            "cdcTransmission" => &mut self.cdc_transmission,
            "cdcCommunity" => &mut self.cdc_community,
            "covidActNow" => &mut self.covid_act_now,
            "harvard" => &mut self.harvard,
            _ => return None,
        })
    }

    /// The framework's value by its wire key.
    pub fn get(&self, key: &str) -> Option<&T> {
        match key {
            "chinaEventGrade" => self.china_event_grade.as_ref(),
            "chinaRiskArea2020" => self.china_risk_area_2020.as_ref(),
            "chinaRiskArea2022" => self.china_risk_area_2022.as_ref(),
            "whoPhsm" => self.who_phsm.as_ref(),
            "cdcTransmission" => self.cdc_transmission.as_ref(),
            "cdcCommunity" => self.cdc_community.as_ref(),
            "covidActNow" => self.covid_act_now.as_ref(),
            "harvard" => self.harvard.as_ref(),
            _ => None,
        }
    }

    /// The present values with their keys, in the order of [`FrameworkKey::WIRE`].
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &T)> {
        FrameworkKey::WIRE.iter().filter_map(move |k| self.get(k).map(|v| (*k, v)))
    }
}

/// A framework's (or the composite index's) level on each day. `level` is the level as
/// `assess` gives it (null when unknown, and for `chinaEventGrade` also when no criterion is
/// met); `severity` its rank in its framework (0 = lowest band; null when unknown).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Track {
    #[serde(serialize_with = "level_values")]
    pub level: Vec<Option<&'static str>>,
    pub severity: Vec<Option<u8>>,
}

/// The verdict on each day: China's response level (`"I"`…`"IV"`, null = none), its severity
/// (0 = none … 4 = Ⅰ) and whether ECDC's precautionary rule raised it.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct VerdictTrack {
    pub level: Vec<Option<&'static str>>,
    pub severity: Vec<u8>,
    pub precautionary: Vec<bool>,
}

/// A change of level between one day and the next: `from` was left and `to` entered on
/// `date` (the day before was the last day at `from`). The first day's levels are the start,
/// not a transition.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    pub date: String,
    /// `"verdict"`, a framework key (`"cdcTransmission"`, …) or `"composite"`.
    pub source: &'static str,
    #[serde(serialize_with = "level_value")]
    pub from: Option<&'static str>,
    #[serde(serialize_with = "level_value")]
    pub to: Option<&'static str>,
    /// The severities, which tell an unknown level (null) from `chinaEventGrade`'s "no grade"
    /// (level null, severity 0).
    pub from_severity: Option<u8>,
    pub to_severity: Option<u8>,
}

/// The output of [`assess_series`]: one entry per day from the first day of the series to
/// `asOf`, in parallel arrays for charts.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeriesAssessment {
    pub dates: Vec<String>,
    pub verdict: VerdictTrack,
    /// Each enabled framework's track.
    pub frameworks: PerFramework<Track>,
    /// The composite index's level (`"I"`…`"IV"`, null below the first cut-point or without a
    /// score); absent when the composite is disabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub composite: Option<Track>,
    /// Every change of level, by date, then verdict, frameworks, composite.
    pub transitions: Vec<Transition>,
    pub notes: Vec<Note>,
}

/// A level and its severity (see [`Track`]).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Level {
    #[serde(serialize_with = "level_value")]
    pub level: Option<&'static str>,
    pub severity: Option<u8>,
}

/// A level as `assess` writes it: WHO PHSM's situational levels are the numbers 0–4 there
/// (the only levels that are digits), every other level a string.
fn level_value<S: Serializer>(level: &Option<&'static str>, serializer: S) -> Result<S::Ok, S::Error> {
    match level.map(|l| (l, l.parse::<u8>())) {
        Some((_, Ok(n))) => serializer.serialize_u8(n),
        Some((l, Err(_))) => serializer.serialize_str(l),
        None => serializer.serialize_none(),
    }
}

fn level_values<S: Serializer>(levels: &[Option<&'static str>], serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    struct One(Option<&'static str>);
    impl Serialize for One {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            level_value(&self.0, serializer)
        }
    }
    let mut seq = serializer.serialize_seq(Some(levels.len()))?;
    for l in levels {
        seq.serialize_element(&One(*l))?;
    }
    seq.end()
}

/// The verdict in brief.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct VerdictBrief {
    pub level: Option<&'static str>,
    pub severity: u8,
    pub colour: Option<&'static str>,
    pub precautionary: bool,
}

/// The composite index in brief.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CompositeBrief {
    pub score: Option<f64>,
    pub level: Option<&'static str>,
    pub severity: Option<u8>,
}

/// The latest Rt: posterior mean and 95 % credible interval.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RtBrief {
    pub mean: f64,
    pub lower: f64,
    pub upper: f64,
}

/// One region as [`assess_many`] reports it: each field is the same-named value of `assess`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionSummary {
    /// `region.name`, `region.population`, `asOf`.
    pub name: String,
    pub population: f64,
    pub as_of: String,
    /// `verdict.level`, `severity`, `colour`, `precautionary`.
    pub verdict: VerdictBrief,
    /// Each enabled framework's level and severity (`verdict.considered`).
    pub frameworks: PerFramework<Level>,
    /// `composite.score`, `level`, `severity`; absent when the composite is disabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub composite: Option<CompositeBrief>,
    /// `signals.incidence7dPer100k`.
    pub incidence_7d_per_100k: Option<f64>,
    /// `rt.latest`: `mean`, `lower`, `upper`.
    pub rt: Option<RtBrief>,
    /// `projection.bedsOverCapacityDate`.
    pub beds_over_capacity_date: Option<String>,
}

/// A region's problems, as the JS error of `assess` would carry them, each path prefixed with
/// the region's index (`[3].series.localCases[12]`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RegionError {
    /// The first problem's code and path.
    pub code: Code,
    pub path: String,
    /// A one-line summary (the first problem and how many follow).
    pub message: String,
    pub problems: Vec<Problem>,
}

/// One entry of [`assess_many`]: `{ ok: true, summary }` or `{ ok: false, error }`.
#[derive(Debug, Clone, PartialEq)]
// Most regions are `Ok`: boxing the summary would add an allocation to each for nothing.
#[allow(clippy::large_enum_variant)]
pub enum RegionResult {
    Ok(RegionSummary),
    Err(RegionError),
}

impl Serialize for RegionResult {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RegionResult", 2)?;
        match self {
            RegionResult::Ok(summary) => {
                s.serialize_field("ok", &true)?;
                s.serialize_field("summary", summary)?;
            }
            RegionResult::Err(error) => {
                s.serialize_field("ok", &false)?;
                s.serialize_field("error", error)?;
            }
        }
        s.end()
    }
}

// ---------------------------------------------------------------------------------------------
// The calls.

/// The longest timeline (10 years): every day is assessed on the series up to it, so the cost
/// grows with the square of the days (3 650 days: about 2 s natively); past this the call
/// answers with an error instead of running for minutes.
pub use crate::limits::MAX_TIMELINE_DAYS;

/// Validates a situation and the options (`null` = defaults) as `assess_with` does, and
/// assesses every day from the first of the series to `asOf` as of that day (at most
/// [`MAX_TIMELINE_DAYS`]).
pub fn assess_series(input: &Json, options: &Json) -> Result<SeriesAssessment, InputError> {
    let situation = Situation::from_json(input).and_then(|s| {
        // Each day re-reads the series up to it, so the work grows with the square of the days.
        let days = s.as_of.0 - s.series.start.0 + 1;
        if days > MAX_TIMELINE_DAYS as i64 {
            let mut p = Problems::new();
            p.push(
                Code::OutOfRange,
                &Path::root().key("asOf"),
                format!(
                    "a timeline covers at most {MAX_TIMELINE_DAYS} days (10 years); from {} to asOf {} is {days}: assess a shorter stretch",
                    s.series.start, s.as_of
                ),
            );
            return Err(p.finish(()).unwrap_err());
        }
        Ok(s)
    });
    let options = AssessOptions::from_json(options);
    match (situation, options) {
        (Ok(s), Ok(o)) => Ok(series(&s, &o)),
        (Err(mut a), Err(b)) => {
            a.problems.extend(b.problems);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Assesses each situation of the array `inputs` with the same options, in input order. A
/// region with problems gets them (paths prefixed with its index) and the others go on; bad
/// `options`, or `inputs` not an array, fail the whole call (paths `options…` and ``).
pub fn assess_many(inputs: &Json, options: &Json) -> Result<Vec<RegionResult>, InputError> {
    let (items, options) = read_many(inputs, options)?;
    let mut cache = SiCache::new();
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| match Situation::from_json(item) {
            Ok(s) => RegionResult::Ok(summary(&s, &options, &mut cache)),
            Err(e) => RegionResult::Err(region_error(i, e)),
        })
        .collect())
}

/// The array of situations (not yet validated) and the options, or the problems of both.
fn read_many<'a>(inputs: &'a Json, options: &Json) -> Result<(&'a [Json], AssessOptions), InputError> {
    let options = AssessOptions::from_json(options);
    let items = match inputs {
        Json::Array(items) if items.len() > crate::limits::MAX_REGIONS => {
            let mut p = Problems::new();
            crate::limits::within(items.len(), crate::limits::MAX_REGIONS, &Path::root(), "regions", &mut p);
            Err(p.finish(()).unwrap_err())
        }
        Json::Array(items) => Ok(items),
        other => {
            let mut p = Problems::new();
            p.push(
                Code::InvalidType,
                &Path::root(),
                format!("expected an array of situations, found {}", other.kind()),
            );
            Err(p.finish(()).unwrap_err())
        }
    };
    match (items, options) {
        (Ok(i), Ok(o)) => Ok((i, o)),
        (Err(mut a), Err(b)) => {
            a.problems.extend(b.problems);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// The problems of region `index`, paths prefixed with `[index]`.
fn region_error(index: usize, e: InputError) -> RegionError {
    let prefix = Path::root().index(index).to_string();
    let problems: Vec<Problem> = e
        .problems
        .into_iter()
        .map(|p| {
            let path = if p.path.is_empty() {
                prefix.clone()
            } else if p.path.starts_with('[') {
                format!("{prefix}{}", p.path)
            } else {
                format!("{prefix}.{}", p.path)
            };
            Problem { path, ..p }
        })
        .collect();
    let e = InputError { problems };
    RegionError { code: e.first().code, path: e.first().path.clone(), message: e.summary(), problems: e.problems }
}

// ---------------------------------------------------------------------------------------------
// On validated inputs.

/// The verdict as of `as_of` with `rt` the latest Rt known on that day: what `assess_with`
/// computes for its verdict (`assess.rs`), on the days up to `as_of`.
fn day(s: &Situation, options: &AssessOptions, as_of: Date, rt: Option<&RtPoint>) -> Verdict {
    let frameworks = evaluate_frameworks_on(s, as_of, rt, &options.frameworks);
    judge(&frameworks, rt, options)
}

/// The composite and the verdict from the frameworks, as `assess_with` forms them.
fn judge(frameworks: &Frameworks, rt: Option<&RtPoint>, options: &AssessOptions) -> Verdict {
    let composite = composite(&options.composite, |id| composite_value(id, frameworks, rt));
    verdict(sources(frameworks, Some(&composite)), options.precautionary)
}

/// The value of a composite indicator, as `assess.rs` reads it (`rt` is the latest Rt).
fn composite_value(id: &str, f: &Frameworks, rt: Option<&RtPoint>) -> Option<f64> {
    let i = &f.indicators;
    match id {
        "incidence7dPer100k" => i.local_cases_7d_per_100k.value,
        "rt" => rt.map(|r| r.mean),
        "testPositivity" => i.test_positivity_7d_percent.value,
        "bedsOccupied" => i.beds_occupied_percent.value,
        "icuCapacityUsed" => i.icu_capacity_used_percent.value,
        "admissions7dPer100k" => i.admissions_7d_per_100k.value,
        _ => None,
    }
}

/// A source's level as a `&'static str` of its framework's order (the composite's is China's
/// response level).
fn level_of(c: &Considered) -> Level {
    let level = c.level.as_deref().and_then(|l| {
        if c.source == "composite" {
            c.response_level
        } else {
            LEVEL_ORDERS.iter().find(|(k, _)| *k == c.source).and_then(|(_, o)| o.iter().find(|x| **x == l).copied())
        }
    });
    Level { level, severity: c.severity }
}

/// [`assess_series`] on a validated situation.
pub fn series(s: &Situation, options: &AssessOptions) -> SeriesAssessment {
    let local = s.series.local_cases();
    let imported = s.series.column(Column::ImportedCases);
    let mut cache = SiCache::new();
    let rts = rt_latest_each_day(local, imported, s.series.start, &s.epi, &mut cache);
    build_series(s, options, |d| rts.get(d.min(rts.len().saturating_sub(1))).and_then(|r| r.as_ref()))
}

/// Every day from the series start to `asOf`, with `rt_on(d)` the latest Rt known on day d.
fn build_series<'a>(
    s: &Situation,
    options: &AssessOptions,
    rt_on: impl Fn(usize) -> Option<&'a RtPoint>,
) -> SeriesAssessment {
    let start = s.series.start;
    let days = (s.as_of.0 - start.0 + 1).max(0) as usize;
    let mut out = SeriesAssessment {
        dates: Vec::with_capacity(days),
        verdict: VerdictTrack::default(),
        frameworks: PerFramework::default(),
        composite: None,
        transitions: Vec::new(),
        notes: Vec::new(),
    };
    for d in 0..days {
        let as_of = start.plus_days(d as i64);
        let verdict = day(s, options, as_of, rt_on(d));
        out.dates.push(date_text(as_of));
        out.verdict.level.push(verdict.level);
        out.verdict.severity.push(verdict.severity);
        out.verdict.precautionary.push(verdict.precautionary);
        for c in &verdict.considered {
            let track = if c.source == "composite" {
                out.composite.get_or_insert_with(Track::default)
            } else {
                match out.frameworks.slot(c.source) {
                    Some(slot) => slot.get_or_insert_with(Track::default),
                    None => continue,
                }
            };
            let Level { level, severity } = level_of(c);
            track.level.push(level);
            track.severity.push(severity);
        }
    }
    out.transitions = transitions(&out);
    out.notes = series_notes(s, days);
    out
}

/// A source's levels and severities by day.
type Levels<'a> = (&'static str, &'a [Option<&'static str>], &'a [Option<u8>]);

/// Every change of level between consecutive days.
fn transitions(a: &SeriesAssessment) -> Vec<Transition> {
    let verdict_severity: Vec<Option<u8>> = a.verdict.severity.iter().map(|s| Some(*s)).collect();
    let mut tracks: Vec<Levels<'_>> = vec![("verdict", &a.verdict.level, &verdict_severity)];
    for (key, t) in a.frameworks.iter() {
        tracks.push((key, &t.level, &t.severity));
    }
    if let Some(t) = &a.composite {
        tracks.push(("composite", &t.level, &t.severity));
    }
    let mut out = Vec::new();
    for d in 1..a.dates.len() {
        for (source, level, severity) in &tracks {
            if (level[d - 1], severity[d - 1]) != (level[d], severity[d]) {
                out.push(Transition {
                    date: a.dates[d].clone(),
                    source,
                    from: level[d - 1],
                    to: level[d],
                    from_severity: severity[d - 1],
                    to_severity: severity[d],
                });
            }
        }
    }
    out
}

fn series_notes(s: &Situation, days: usize) -> Vec<Note> {
    let mut notes = vec![
        Note {
            code: "as-of-each-day",
            message: "each day is assessed from the days up to it only (Rt from the window ending on it); later data never change an earlier day".into(),
        },
        Note {
            code: "events-capacity-as-of",
            message: format!(
                "events and capacity are as entered for asOf {} and are applied to every day",
                s.as_of
            ),
        },
    ];
    if days > s.series.len {
        notes.push(Note {
            code: "data-end-before-as-of",
            message: format!(
                "the series ends on {}; the {} day(s) after it up to asOf have no data and count as missing",
                s.series.last_date(),
                days - s.series.len
            ),
        });
    }
    notes
}

/// The [`RegionSummary`] of a validated situation: the same values as `assess_with`, with
/// only the latest Rt window estimated. `cache` shares serial-interval weights between calls.
pub fn summary(s: &Situation, options: &AssessOptions, cache: &mut SiCache) -> RegionSummary {
    let local = s.series.local_cases();
    let latest = rt_latest(local, s.series.column(Column::ImportedCases), s.series.start, &s.epi, cache);
    let rt = latest.as_ref().map(|l| &l.point);
    let frameworks = evaluate_frameworks(s, rt, &options.frameworks);
    let composite = composite(&options.composite, |id| composite_value(id, &frameworks, rt));
    let verdict = verdict(sources(&frameworks, Some(&composite)), options.precautionary);
    // Without a bed capacity there is no date to find: the projection is not run.
    let beds_over_capacity_date = latest.as_ref().filter(|_| s.capacity.beds.is_some()).and_then(|l| {
        let settings = s.epi.care.clone().unwrap_or_default();
        let projection = project(&ProjectionInput::from_situation(s, &l.si, Some(&l.window), &settings));
        let day = projection.beds.as_ref().and_then(|b| b.first_day_over_capacity.central)?;
        Some(s.series.last_date().plus_days(day as i64).to_string())
    });
    brief(
        s,
        &verdict,
        &composite,
        weekly_signals(local, s.region.population).incidence_7d_per_100k,
        rt,
        beds_over_capacity_date,
    )
}

fn brief(
    s: &Situation,
    verdict: &Verdict,
    composite: &Composite,
    incidence_7d_per_100k: Option<f64>,
    rt: Option<&RtPoint>,
    beds_over_capacity_date: Option<String>,
) -> RegionSummary {
    let mut frameworks = PerFramework::default();
    for c in &verdict.considered {
        if let Some(slot) = frameworks.slot(c.source) {
            *slot = Some(level_of(c));
        }
    }
    RegionSummary {
        name: s.region.name.clone(),
        population: s.region.population,
        as_of: s.as_of.to_string(),
        verdict: VerdictBrief {
            level: verdict.level,
            severity: verdict.severity,
            colour: verdict.colour,
            precautionary: verdict.precautionary,
        },
        frameworks,
        composite: composite.settings.enabled.then_some(CompositeBrief {
            score: composite.score,
            level: composite.level,
            severity: composite.severity,
        }),
        incidence_7d_per_100k,
        rt: rt.map(|r| RtBrief { mean: r.mean, lower: r.lower, upper: r.upper }),
        beds_over_capacity_date,
    }
}

/// The straightforward evaluations the fast paths must equal: the oracle of the tests and the
/// "before" of the benchmarks (`benches/signals.rs`). Not for use in an application.
pub mod reference {
    use super::*;
    use crate::signals::rt_summary::rt_summary_of;

    /// [`super::series`] with Rt on each day from `rt_summary` on the series cut after it (every
    /// window, every quantile), as a first implementation would.
    pub fn series(s: &Situation, options: &AssessOptions) -> SeriesAssessment {
        let local = s.series.local_cases();
        let imported = s.series.column(Column::ImportedCases);
        let rts: Vec<Option<RtPoint>> = (0..s.series.len)
            .map(|d| rt_summary_of(&local[..=d], imported.map(|c| &c[..=d]), s.series.start, &s.epi).latest)
            .collect();
        build_series(s, options, |d| rts.get(d.min(rts.len().saturating_sub(1))).and_then(|r| r.as_ref()))
    }

    /// The summary of a full assessment.
    pub fn summary(s: &Situation, a: &Assessment) -> RegionSummary {
        brief(
            s,
            &a.verdict,
            &a.composite,
            a.signals.incidence_7d_per_100k,
            a.rt.latest.as_ref(),
            a.projection.beds_over_capacity_date.clone(),
        )
    }

    /// [`super::assess_many`] by a full `assess_with` of each region.
    pub fn assess_many(inputs: &Json, options: &Json) -> Result<Vec<RegionResult>, InputError> {
        let (items, options) = read_many(inputs, options)?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, item)| match Situation::from_json(item) {
                Ok(s) => RegionResult::Ok(summary(&s, &crate::assess::assess_with(&s, &options))),
                Err(e) => RegionResult::Err(region_error(i, e)),
            })
            .collect())
    }
}
