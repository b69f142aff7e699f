//! Many regions on one calendar, their daily counts in columns of numbers: the fast way in for
//! a province's counties (`assessManyColumns`), where an array of 3 000 situation objects would
//! spend most of its time crossing from JavaScript value by value.
//!
//! # Wire shape
//!
//! ```jsonc
//! {
//!   "start": "2025-01-01",      // the first day, the same for every region
//!   "days": 365,                // days per region
//!   "asOf": "2025-12-31",       // optional: default the last day; a region may give its own
//!   "regions": [ { "region": {…}, "capacity": {…}, "events": {…}, "epi": {…}, "asOf": "…" } ],
//!   "columns": {                // Float64Array (JS) of regions × days, region by region:
//!     "localCases": […],        //   region r's day d is element r·days + d
//!     "testsPerformed": […]     // any column of a situation's series; localCases required
//!   }
//! }
//! ```
//!
//! Each region is a situation without `series` and reads exactly as one (`Situation::from_json`
//! and [`Situation::from_columns`] share every reader). A column element that is `NaN` is a
//! day not reported (a typed array has no `null`); any other must be a whole count. A bad
//! batch (no `start`, a column of the wrong length, an unknown column) fails the call; a bad
//! region gets its own error, with paths into the batch (`regions[4].region.population`,
//! `columns.localCases[1463]`), and the others go on.

use crate::date::Date;
use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use crate::signals::rt_summary::SiCache;
use crate::situation::{Column, ColumnDays, Situation};
use crate::timeline::{summary, RegionError, RegionResult};
use crate::verdict::AssessOptions;

/// Longest series a batch may hold per region: 100 years of days ([`crate::limits`]).
pub const MAX_DAYS: usize = crate::limits::MAX_SERIES_DAYS;
const BATCH_KEYS: &[&str] = &["start", "days", "asOf", "regions", "columns"];

/// One entry of a batch's `columns` as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnValues {
    /// The numbers (a `Float64Array` from JS).
    Numbers(Vec<f64>),
    /// A `Float64Array` of this many numbers, left uncopied because regions × days says
    /// otherwise (a wrong length is reported without first copying what may be huge).
    WrongLength(usize),
    /// Anything else, by its JSON type's name (reported, never guessed at).
    Other(&'static str),
}

/// A batch as it arrived: `meta` holds every key but `columns` (an object); `columns` is the
/// columns in their order, or the type found when `columns` is not an object.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionBatch {
    pub meta: Json,
    pub columns: Result<Vec<(String, ColumnValues)>, &'static str>,
}

impl ColumnValues {
    /// A plain array of numbers, `null` for a day not reported (as `NaN`); anything else as
    /// its type.
    pub fn from_json(v: &Json) -> ColumnValues {
        match v {
            Json::Array(items) if items.iter().all(|x| matches!(x, Json::Number(_) | Json::Null)) => {
                ColumnValues::Numbers(
                    items.iter().map(|x| if let Json::Number(n) = x { *n } else { f64::NAN }).collect(),
                )
            }
            other => ColumnValues::Other(other.kind()),
        }
    }
}

impl RegionBatch {
    /// From plain JSON (native callers, tests): each column as [`ColumnValues::from_json`].
    pub fn from_json(value: &Json) -> RegionBatch {
        let Json::Object(pairs) = value else {
            return RegionBatch { meta: value.clone(), columns: Err("undefined") };
        };
        let meta = Json::Object(pairs.iter().filter(|(k, _)| k != "columns").cloned().collect());
        let columns = match value.get("columns") {
            None => Err("undefined"),
            Some(Json::Object(cols)) => Ok(cols.iter().map(|(k, v)| (k.clone(), ColumnValues::from_json(v))).collect()),
            Some(other) => Err(other.kind()),
        };
        RegionBatch { meta, columns }
    }
}

/// Assesses every region of the batch with the same options, in order; see the module docs.
pub fn assess_batch(batch: &RegionBatch, options: &Json) -> Result<Vec<RegionResult>, InputError> {
    let (read, options) = match (read_batch(batch), AssessOptions::from_json(options)) {
        (Ok(r), Ok(o)) => (r, o),
        (Err(mut a), Err(b)) => {
            a.problems.extend(b.problems);
            return Err(a);
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let columns: Vec<(Column, &[f64])> = read.columns.iter().map(|(c, v)| (*c, v.as_slice())).collect();
    let columns_path = Path::root().key("columns");
    let regions_path = Path::root().key("regions");
    let mut cache = SiCache::new();
    Ok(read
        .regions
        .iter()
        .enumerate()
        .map(|(r, meta)| {
            let days = ColumnDays {
                columns: &columns,
                offset: r * read.days,
                start: read.start,
                days: read.days,
                as_of: read.as_of,
                path: &columns_path,
            };
            match Situation::from_columns(meta, &regions_path.index(r), &days) {
                Ok(s) => RegionResult::Ok(summary(&s, &options, &mut cache)),
                Err(e) => RegionResult::Err(RegionError {
                    code: e.first().code,
                    path: e.first().path.clone(),
                    message: e.summary(),
                    problems: e.problems,
                }),
            }
        })
        .collect())
}

struct ReadBatch<'a> {
    start: Date,
    days: usize,
    as_of: Date,
    regions: &'a [Json],
    columns: Vec<(Column, &'a Vec<f64>)>,
}

/// The batch's calendar, regions and columns, or every problem with them.
fn read_batch(batch: &RegionBatch) -> Result<ReadBatch<'_>, InputError> {
    let mut p = Problems::new();
    let root = Path::root();
    crate::limits::check_input(&batch.meta, &root)?;
    let Some(obj) = read::object(&batch.meta, &root, BATCH_KEYS, &mut p) else {
        return Err(p.finish(()).unwrap_err());
    };
    let start = read::required(obj, "start", &root, &mut p).and_then(|v| read::date(v, &root.key("start"), &mut p));
    let days = read::required(obj, "days", &root, &mut p).and_then(|v| {
        let at = root.key("days");
        let n = read::count(v, &at, &mut p)?;
        if n < 1.0 || n > MAX_DAYS as f64 {
            p.push(Code::OutOfRange, &at, format!("a batch holds 1 to {MAX_DAYS} days per region (found {n})"));
            return None;
        }
        Some(n as usize)
    });
    let as_of = match read::field(obj, "asOf") {
        Some(v) => read::date(v, &root.key("asOf"), &mut p),
        None => start.zip(days).map(|(s, d)| s.plus_days(d as i64 - 1)),
    };
    let regions = read::required(obj, "regions", &root, &mut p)
        .and_then(|v| read::array(v, &root.key("regions"), &mut p))
        .filter(|r| {
            crate::limits::within(r.len(), crate::limits::MAX_REGIONS, &root.key("regions"), "regions", &mut p)
        });
    let columns = read_columns(batch, regions.zip(days).map(|(r, d)| r.len() * d), &mut p);
    match (start, days, as_of, regions) {
        (Some(start), Some(days), Some(as_of), Some(regions)) if p.is_empty() => {
            Ok(ReadBatch { start, days, as_of, regions, columns })
        }
        _ => Err(p.finish(()).unwrap_err()),
    }
}

/// The known columns with `len` elements each (when the length is known); `localCases` required.
fn read_columns<'a>(batch: &'a RegionBatch, len: Option<usize>, p: &mut Problems) -> Vec<(Column, &'a Vec<f64>)> {
    let at = Path::root().key("columns");
    let given = match &batch.columns {
        Ok(given) => given,
        Err("undefined") => {
            p.push(Code::Required, &at, "this field is required: an object of Float64Arrays, localCases at least");
            return vec![];
        }
        Err(kind) => {
            p.push(Code::InvalidType, &at, format!("expected an object of Float64Arrays, found {kind}"));
            return vec![];
        }
    };
    let keys: Vec<&str> = Column::ALL.iter().map(|c| c.key()).collect();
    let mut out: Vec<(Column, &Vec<f64>)> = Vec::new();
    for (i, (key, values)) in given.iter().enumerate() {
        let here = at.key(key);
        let Some(column) = Column::ALL.iter().copied().find(|c| c.key() == key) else {
            let hint = match read::nearest(key, keys.iter().copied(), 2) {
                Some(k) => format!("unknown column; did you mean `{k}`?"),
                None => format!("unknown column; expected one of: {}", keys.join(", ")),
            };
            p.push(Code::UnknownKey, &here, hint);
            continue;
        };
        if given[..i].iter().any(|(k, _)| k == key) {
            p.push(Code::DuplicateKey, &here, "this column is given more than once");
            continue;
        }
        match values {
            ColumnValues::Numbers(v) => {
                if let Some(n) = len.filter(|n| v.len() != *n) {
                    p.push(
                        Code::LengthMismatch,
                        &here,
                        format!("has {} values but regions × days is {n}", v.len()),
                    );
                }
                out.push((column, v));
            }
            ColumnValues::WrongLength(found) => {
                // Without a valid regions × days the batch already fails at `regions` or `days`.
                if let Some(n) = len {
                    p.push(Code::LengthMismatch, &here, format!("has {found} values but regions × days is {n}"));
                }
            }
            ColumnValues::Other(kind) => {
                p.push(Code::InvalidType, &here, format!("expected a Float64Array (NaN for a day not reported) or an array of numbers (null for one), found {kind}"))
            }
        }
    }
    if !given.iter().any(|(k, _)| k == Column::LocalCases.key()) {
        p.push(Code::Required, &at.key(Column::LocalCases.key()), "this column is required");
    }
    out
}
