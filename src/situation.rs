//! The situation: the one input every assessment reads, and its validation.
//!
//! Wire shape (camelCase JSON): `{ region, asOf, series, capacity?, events? }`. Counts are
//! non-negative whole numbers; `null` in a daily column marks a missing day, which is not
//! the same as zero and is never treated as one. Unknown keys are errors: a typo such as
//! `localcases` must not silently drop a column.

use crate::date::Date;
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use crate::signals::projection::CareSettings;
use crate::signals::rt::{read_prior, read_si, Prior, SerialInterval};

/// A validated situation.
#[derive(Debug, Clone, PartialEq)]
pub struct Situation {
    pub region: Region,
    pub as_of: Date,
    pub series: Series,
    pub capacity: Capacity,
    pub events: Events,
    pub epi: EpiSettings,
}

/// Epidemiological settings of an assessment; each absent one takes its documented default,
/// and the assessment echoes the values it used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EpiSettings {
    /// The serial interval for Rt (default [`crate::signals::rt_summary::DEFAULT_SERIAL_INTERVAL`]).
    pub serial_interval: Option<SerialInterval>,
    /// Rt window length in days (default 7, EpiEstim's weekly windows).
    pub rt_window: Option<usize>,
    /// Gamma prior on R (default mean 5, sd 5, as EpiEstim).
    pub rt_prior: Option<Prior>,
    /// Admission and ICU fractions, lengths of stay and the projection horizon (defaults cited
    /// in [`CareSettings`]).
    pub care: Option<CareSettings>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub name: String,
    /// Resident population, the denominator of every rate per 100 000.
    pub population: f64,
    pub kind: RegionKind,
    /// The administrative parent, e.g. 苏州市 for 张家港市.
    pub parent: Option<String>,
    /// Neighbouring jurisdictions, including those across a river or provincial border.
    pub neighbours: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    County,
    Prefecture,
    Province,
    Country,
}

impl RegionKind {
    pub const WIRE: [&'static str; 4] = ["county", "prefecture", "province", "country"];
    const ALL: [RegionKind; 4] =
        [RegionKind::County, RegionKind::Prefecture, RegionKind::Province, RegionKind::Country];

    pub fn as_str(self) -> &'static str {
        Self::WIRE[self as usize]
    }
}

/// The daily columns of the series. `LocalCases` is required; the rest are optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    LocalCases,
    ImportedCases,
    Asymptomatic,
    Deaths,
    Admissions,
    TestsPerformed,
    TestsPositive,
    BedsOccupied,
    IcuOccupied,
}

impl Column {
    pub const ALL: [Column; 9] = [
        Column::LocalCases,
        Column::ImportedCases,
        Column::Asymptomatic,
        Column::Deaths,
        Column::Admissions,
        Column::TestsPerformed,
        Column::TestsPositive,
        Column::BedsOccupied,
        Column::IcuOccupied,
    ];

    /// The column's key in `series`.
    pub fn key(self) -> &'static str {
        match self {
            Column::LocalCases => "localCases",
            Column::ImportedCases => "importedCases",
            Column::Asymptomatic => "asymptomatic",
            Column::Deaths => "deaths",
            Column::Admissions => "admissions",
            Column::TestsPerformed => "testsPerformed",
            Column::TestsPositive => "testsPositive",
            Column::BedsOccupied => "bedsOccupied",
            Column::IcuOccupied => "icuOccupied",
        }
    }
}

/// One day's count, or `None` when the day was not reported.
pub type DailyCount = Option<f64>;

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The first day; the series runs on consecutive days from here.
    pub start: Date,
    pub len: usize,
    columns: [Option<Vec<DailyCount>>; 9],
}

impl Series {
    /// A column's values, `None` when the column was not given.
    pub fn column(&self, c: Column) -> Option<&[DailyCount]> {
        self.columns[c as usize].as_deref()
    }

    /// Local cases: always present after validation.
    pub fn local_cases(&self) -> &[DailyCount] {
        self.column(Column::LocalCases).unwrap_or(&[])
    }

    pub fn date(&self, i: usize) -> Date {
        self.start.plus_days(i as i64)
    }

    pub fn last_date(&self) -> Date {
        self.date(self.len.saturating_sub(1))
    }
}

/// Health-system capacity. All optional; a framework that needs one says so when absent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Capacity {
    /// Staffed inpatient beds available for the epidemic.
    pub beds: Option<f64>,
    pub icu_beds: Option<f64>,
    pub isolation_beds: Option<f64>,
    /// The officials' own rating of the response capacity (health services, public-health
    /// workforce, supplies), as WHO's PHSM guidance asks for (standards.md §2.1).
    pub response_capacity: Option<ResponseCapacity>,
}

/// WHO PHSM response capacity (Nov 2020 interim guidance): adequate, moderate or limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseCapacity {
    Adequate,
    Moderate,
    Limited,
}

impl ResponseCapacity {
    pub const WIRE: [&'static str; 3] = ["adequate", "moderate", "limited"];
    const ALL: [ResponseCapacity; 3] =
        [ResponseCapacity::Adequate, ResponseCapacity::Moderate, ResponseCapacity::Limited];

    pub fn as_str(self) -> &'static str {
        Self::WIRE[self as usize]
    }
}

/// Disease classes of the Law on the Prevention and Control of Infectious Diseases (甲/乙/丙类),
/// plus a newly emerging disease and an unknown one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiseaseClass {
    A,
    B,
    C,
    New,
    Unknown,
}

impl DiseaseClass {
    pub const WIRE: [&'static str; 5] = ["A", "B", "C", "new", "unknown"];
    const ALL: [DiseaseClass; 5] =
        [DiseaseClass::A, DiseaseClass::B, DiseaseClass::C, DiseaseClass::New, DiseaseClass::Unknown];

    pub fn as_str(self) -> &'static str {
        Self::WIRE[self as usize]
    }
}

/// Event facts that the grading frameworks read (standards.md §1.1, §1.4).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Events {
    pub disease: Option<String>,
    pub disease_class: Option<DiseaseClass>,
    pub clusters_last_14_days: Option<f64>,
    pub unexplained_clusters: Option<f64>,
    pub counties_affected: Option<f64>,
    pub prefectures_affected: Option<f64>,
    pub provinces_affected: Option<f64>,
    pub cases_within_incubation_period: Option<f64>,
    /// Mean weekly incidence per 100 000 for the same weeks of the previous five years.
    pub baseline_weekly_incidence: Option<f64>,
    /// A disease new to the country, or one not yet found in it, has occurred or been imported.
    pub new_or_imported_disease: Option<bool>,
}

const ROOT_KEYS: &[&str] = &["region", "asOf", "series", "capacity", "events", "epi"];
/// A region of a batch: a situation whose series is in the batch's columns.
const META_KEYS: &[&str] = &["region", "asOf", "capacity", "events", "epi"];
const EPI_KEYS: &[&str] = &["serialInterval", "rtWindow", "rtPrior", "care"];
pub use crate::limits::MAX_SPAN_DAYS;
/// Longest Rt window accepted (days).
pub const MAX_RT_WINDOW: usize = 28;
const REGION_KEYS: &[&str] = &["name", "population", "kind", "parent", "neighbours"];
const CAPACITY_KEYS: &[&str] = &["beds", "icuBeds", "isolationBeds", "responseCapacity"];
const EVENT_KEYS: &[&str] = &[
    "disease",
    "diseaseClass",
    "clustersLast14Days",
    "unexplainedClusters",
    "countiesAffected",
    "prefecturesAffected",
    "provincesAffected",
    "casesWithinIncubationPeriod",
    "baselineWeeklyIncidence",
    "newOrImportedDisease",
];

impl Situation {
    /// Validates `input`, returning the situation or every problem found.
    pub fn from_json(input: &Json) -> Result<Situation, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, ROOT_KEYS, &mut p) else {
            return Err(p.finish(()).unwrap_err());
        };
        read_situation(obj, &root, None, p, |as_of, p| {
            read::required(obj, "series", &root, p).and_then(|v| read_series(v, &root.key("series"), as_of, p))
        })
    }

    /// A situation whose daily series comes from columns of numbers (a batch of regions sharing
    /// one calendar, [`crate::batch`]) and the rest from `meta`: a situation without `series`,
    /// at `meta_path` in the batch, whose `asOf` defaults to `days.as_of`. Problems in the
    /// columns are reported at their place in them: `columns.localCases[730]`.
    pub fn from_columns(meta: &Json, meta_path: &Path, days: &ColumnDays) -> Result<Situation, InputError> {
        let mut p = Problems::new();
        let Some(obj) = read::object(meta, meta_path, META_KEYS, &mut p) else {
            return Err(p.finish(()).unwrap_err());
        };
        read_situation(obj, meta_path, Some(days.as_of), p, |as_of, p| series_from_columns(days, meta_path, as_of?, p))
    }
}

/// One region's place in a batch's columns (see [`Situation::from_columns`]).
pub struct ColumnDays<'a> {
    /// Each column given, whole (every region's days, region by region); `NaN` = not reported.
    pub columns: &'a [(Column, &'a [f64])],
    /// Where this region's first day sits in each column.
    pub offset: usize,
    pub start: Date,
    pub days: usize,
    /// The batch's `asOf`, for a region that gives none.
    pub as_of: Date,
    /// The columns' path in the batch: `columns`.
    pub path: &'a Path,
}

/// The parts of a situation but its series, in the order their problems are reported.
fn read_situation(
    obj: &Json,
    root: &Path,
    default_as_of: Option<Date>,
    mut p: Problems,
    series: impl FnOnce(Option<Date>, &mut Problems) -> Option<Series>,
) -> Result<Situation, InputError> {
    let region = read::required(obj, "region", root, &mut p).and_then(|v| read_region(v, &root.key("region"), &mut p));
    let as_of = match (read::field(obj, "asOf"), default_as_of) {
        (None, Some(d)) => Some(d),
        _ => read::required(obj, "asOf", root, &mut p).and_then(|v| read::date(v, &root.key("asOf"), &mut p)),
    };
    let series = series(as_of, &mut p);
    // Every day from the first of the series to asOf is assessed (the days after the series
    // count as missing): bound that span, or a mistyped year (asOf 9026-03-14) is millions of days.
    if let (Some(as_of), Some(series)) = (as_of, &series) {
        let span = as_of.0 - series.start.0 + 1;
        if span > MAX_SPAN_DAYS as i64 {
            p.push(
                Code::OutOfRange,
                &root.key("asOf"),
                format!(
                    "asOf {as_of} is {span} days from the first day of the series ({}); at most {MAX_SPAN_DAYS} days (100 years) can be assessed",
                    series.start
                ),
            );
        }
    }
    let capacity = read::field(obj, "capacity")
        .map_or(Some(Capacity::default()), |v| read_capacity(v, &root.key("capacity"), &mut p));
    let events =
        read::field(obj, "events").map_or(Some(Events::default()), |v| read_events(v, &root.key("events"), &mut p));
    let epi = read::field(obj, "epi").map_or(Some(EpiSettings::default()), |v| read_epi(v, &root.key("epi"), &mut p));
    match (region, as_of, series, capacity, events, epi) {
        (Some(region), Some(as_of), Some(series), Some(capacity), Some(events), Some(epi)) if p.is_empty() => {
            Ok(Situation { region, as_of, series, capacity, events, epi })
        }
        _ => Err(p.finish(()).unwrap_err()),
    }
}

/// A valid daily count (a whole number from 0 to 2^53), without building a path.
fn plain_count(x: f64) -> bool {
    x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x <= 9_007_199_254_740_991.0
}

/// The series of one region of a batch: `NaN` is a day not reported (typed arrays have no
/// `null`); any other value must be a count.
fn series_from_columns(c: &ColumnDays, meta_path: &Path, as_of: Date, p: &mut Problems) -> Option<Series> {
    let before = p.len();
    let last = c.start.plus_days(c.days as i64 - 1);
    if last > as_of {
        p.push(
            Code::DateAfterAsOf,
            &meta_path.key("asOf"),
            format!(
                "the batch's days run to {last}, after this region's asOf {as_of}; data cannot come from the future"
            ),
        );
    }
    let mut columns: [Option<Vec<DailyCount>>; 9] = Default::default();
    for (column, values) in c.columns {
        let at = c.path.key(column.key());
        let days = &values[c.offset..c.offset + c.days];
        let read: Vec<DailyCount> = days
            .iter()
            .enumerate()
            .map(|(d, &x)| {
                if x.is_nan() {
                    None
                } else if plain_count(x) {
                    Some(x + 0.0) // -0 reads as 0
                } else {
                    read::count(&Json::Number(x), &at.index(c.offset + d), p)
                }
            })
            .collect();
        columns[*column as usize] = Some(read);
    }
    check_positives(&columns, |i| c.path.key(Column::TestsPositive.key()).index(c.offset + i), p);
    (p.len() == before).then_some(Series { start: c.start, len: c.days, columns })
}

/// No day may have more positive tests than tests performed.
fn check_positives(columns: &[Option<Vec<DailyCount>>; 9], path: impl Fn(usize) -> Path, p: &mut Problems) {
    let (Some(pos), Some(done)) = (&columns[Column::TestsPositive as usize], &columns[Column::TestsPerformed as usize])
    else {
        return;
    };
    for (i, (a, b)) in pos.iter().zip(done).enumerate() {
        if let (Some(a), Some(b)) = (a, b) {
            if a > b {
                p.push(
                    Code::PositivesExceedTests,
                    &path(i),
                    format!("{a} positive tests but only {b} tests performed that day"),
                );
            }
        }
    }
}

fn read_region(v: &Json, path: &Path, p: &mut Problems) -> Option<Region> {
    let obj = read::object(v, path, REGION_KEYS, p)?;
    let name = read::required(obj, "name", path, p).and_then(|v| read::string(v, &path.key("name"), p));
    let population = read::required(obj, "population", path, p).and_then(|v| {
        let at = path.key("population");
        let x = read::number(v, &at, p)?;
        if x <= 0.0 {
            p.push(Code::OutOfRange, &at, format!("population must be greater than 0 (found {x})"));
            None
        } else if x.fract() != 0.0 {
            p.push(Code::FractionalCount, &at, format!("population must be a whole number (found {x})"));
            None
        } else if x > crate::limits::MAX_SAFE_INTEGER {
            p.push(Code::OutOfRange, &at, "population must be below 2^53");
            None
        } else {
            Some(x)
        }
    });
    let kind = read::required(obj, "kind", path, p)
        .and_then(|v| read::one_of(v, &path.key("kind"), &RegionKind::WIRE, p))
        .map(|i| RegionKind::ALL[i]);
    let before = p.len();
    let parent = read::field(obj, "parent").and_then(|v| read::string(v, &path.key("parent"), p));
    let mut neighbours = Vec::new();
    if let Some(v) = read::field(obj, "neighbours") {
        let at = path.key("neighbours");
        for (i, item) in read::array(v, &at, p).unwrap_or(&[]).iter().enumerate() {
            if let Some(s) = read::string(item, &at.index(i), p) {
                neighbours.push(s);
            }
        }
    }
    if p.len() > before {
        return None;
    }
    Some(Region { name: name?, population: population?, kind: kind?, parent, neighbours })
}

fn read_series(v: &Json, path: &Path, as_of: Option<Date>, p: &mut Problems) -> Option<Series> {
    let mut keys: Vec<&str> = vec!["date"];
    keys.extend(Column::ALL.iter().map(|c| c.key()));
    let obj = read::object(v, path, &keys, p)?;
    let dates = read_dates(obj, path, as_of, p);
    let len = dates.as_ref().map(|d| d.len());
    let mut columns: [Option<Vec<DailyCount>>; 9] = Default::default();
    for c in Column::ALL {
        let at = path.key(c.key());
        let value =
            if c == Column::LocalCases { read::required(obj, c.key(), path, p) } else { read::field(obj, c.key()) };
        let Some(value) = value else { continue };
        let Some(items) = read::array(value, &at, p) else { continue };
        if let Some(n) = len {
            if items.len() != n {
                p.push(Code::LengthMismatch, &at, format!("has {} days but series.date has {n}", items.len()));
            }
        }
        let values = items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Json::Null => None,
                // A valid count needs no path; build one only to report a problem.
                Json::Number(x) if plain_count(*x) => Some(*x + 0.0), // -0 reads as 0
                _ => read::count(item, &at.index(i), p),
            })
            .collect();
        columns[c as usize] = Some(values);
    }
    check_positives(&columns, |i| path.key(Column::TestsPositive.key()).index(i), p);
    let dates = dates?;
    if dates.is_empty() {
        p.push(Code::OutOfRange, &path.key("date"), "the series needs at least one day");
        return None;
    }
    Some(Series { start: dates[0], len: dates.len(), columns })
}

/// Reads `series.date`: valid ISO dates, one per consecutive day, none after `asOf`.
fn read_dates(obj: &Json, path: &Path, as_of: Option<Date>, p: &mut Problems) -> Option<Vec<Date>> {
    let at = path.key("date");
    let items = read::array(read::required(obj, "date", path, p)?, &at, p)?;
    if !crate::limits::within(items.len(), crate::limits::MAX_SERIES_DAYS, &at, "days", p) {
        return None;
    }
    let before = p.len();
    let parsed: Vec<Option<Date>> = items
        .iter()
        .enumerate()
        .map(|(i, v)| match v {
            Json::String(s) if Date::parse(s).is_some() => Date::parse(s),
            _ => read::date(v, &at.index(i), p),
        })
        .collect();
    for i in 1..parsed.len() {
        if let (Some(prev), Some(d)) = (parsed[i - 1], parsed[i]) {
            let step = d.0 - prev.0;
            if step <= 0 {
                p.push(
                    Code::DateNotIncreasing,
                    &at.index(i),
                    format!("{d} does not follow {prev}: dates must increase by one day"),
                );
            } else if step > 1 {
                let missing = step - 1;
                p.push(
                    Code::DateGap,
                    &at.index(i),
                    format!(
                        "{d} follows {prev}: {missing} day{} missing (add the day{} with null for unknown counts)",
                        plural(missing),
                        plural(missing)
                    ),
                );
            }
        }
    }
    if let Some(as_of) = as_of {
        if let Some(i) = parsed.iter().position(|d| d.is_some_and(|d| d > as_of)) {
            let later = parsed[i..].iter().filter(|d| d.is_some_and(|d| d > as_of)).count();
            let d = parsed[i].unwrap_or(as_of);
            p.push(
                Code::DateAfterAsOf,
                &at.index(i),
                format!(
                    "{d} is after asOf {as_of} ({later} date{} in all); data cannot come from the future",
                    plural(later as i64)
                ),
            );
        }
    }
    if p.len() > before {
        return None;
    }
    parsed.into_iter().collect()
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn read_epi(v: &Json, path: &Path, p: &mut Problems) -> Option<EpiSettings> {
    let obj = read::object(v, path, EPI_KEYS, p)?;
    let before = p.len();
    let serial_interval = read::field(obj, "serialInterval").and_then(|v| read_si(v, &path.key("serialInterval"), p));
    let rt_window = read::field(obj, "rtWindow").and_then(|v| {
        let at = path.key("rtWindow");
        let w = read::count(v, &at, p)?;
        if !(2.0..=MAX_RT_WINDOW as f64).contains(&w) {
            p.push(Code::OutOfRange, &at, format!("the Rt window must be 2 to {MAX_RT_WINDOW} days (found {w})"));
            return None;
        }
        Some(w as usize)
    });
    let rt_prior = read::field(obj, "rtPrior").and_then(|v| read_prior(v, &path.key("rtPrior"), p));
    let care = read::field(obj, "care").and_then(|v| CareSettings::from_json(v, &path.key("care"), p));
    (p.len() == before).then_some(EpiSettings { serial_interval, rt_window, rt_prior, care })
}

fn read_capacity(v: &Json, path: &Path, p: &mut Problems) -> Option<Capacity> {
    let obj = read::object(v, path, CAPACITY_KEYS, p)?;
    let before = p.len();
    let get = |key: &str, p: &mut Problems| read::field(obj, key).and_then(|v| read::count(v, &path.key(key), p));
    let capacity = Capacity {
        beds: get("beds", p),
        icu_beds: get("icuBeds", p),
        isolation_beds: get("isolationBeds", p),
        response_capacity: read::field(obj, "responseCapacity")
            .and_then(|v| read::one_of(v, &path.key("responseCapacity"), &ResponseCapacity::WIRE, p))
            .map(|i| ResponseCapacity::ALL[i]),
    };
    (p.len() == before).then_some(capacity)
}

fn read_events(v: &Json, path: &Path, p: &mut Problems) -> Option<Events> {
    let obj = read::object(v, path, EVENT_KEYS, p)?;
    let before = p.len();
    let count = |key: &str, p: &mut Problems| read::field(obj, key).and_then(|v| read::count(v, &path.key(key), p));
    let events = Events {
        disease: read::field(obj, "disease").and_then(|v| read::string(v, &path.key("disease"), p)),
        disease_class: read::field(obj, "diseaseClass")
            .and_then(|v| read::one_of(v, &path.key("diseaseClass"), &DiseaseClass::WIRE, p))
            .map(|i| DiseaseClass::ALL[i]),
        clusters_last_14_days: count("clustersLast14Days", p),
        unexplained_clusters: count("unexplainedClusters", p),
        counties_affected: count("countiesAffected", p),
        prefectures_affected: count("prefecturesAffected", p),
        provinces_affected: count("provincesAffected", p),
        cases_within_incubation_period: count("casesWithinIncubationPeriod", p),
        baseline_weekly_incidence: read::field(obj, "baselineWeeklyIncidence").and_then(|v| {
            let at = path.key("baselineWeeklyIncidence");
            let x = read::number(v, &at, p)?;
            if x < 0.0 {
                p.push(Code::OutOfRange, &at, format!("an incidence cannot be negative (found {x})"));
                return None;
            }
            Some(x)
        }),
        new_or_imported_disease: read::field(obj, "newOrImportedDisease")
            .and_then(|v| read::boolean(v, &path.key("newOrImportedDisease"), p)),
    };
    (p.len() == before).then_some(events)
}
