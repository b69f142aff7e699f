//! Crisis levels under the frameworks officials use (issue 4, items 1 and 4), each with the
//! indicator values it read, the criteria that decided it, the inputs it lacked and its source.
//!
//! Every framework is a pure function of the [`Indicators`] (and, for China's grading, the
//! situation's `events`). The criteria and thresholds come from `standards.md` (the shared
//! research note; its section is cited beside each one). Values it marks ⚠️ (unconfirmed) are
//! [`FrameworkOptions`] with that default, and every result that uses one says so in `notes`.
//!
//! **Reference day.** Every window ends on `asOf`. A day with no count (`null`, or a day after
//! the series ends and up to `asOf`) is *missing*: never read as zero. How each indicator treats
//! missing days is in [`indicators`].
//!
//! **Never a guess.** A framework whose inputs are missing returns `level: null`, names the
//! missing inputs as JSON paths into the situation (`series.admissions`, `capacity.beds`,
//! `series.localCases[54]` for one missing day, `events.clustersLast14Days`) and, where the
//! known inputs already bound it from below, gives that bound as `atLeast`. When the level is
//! known, `missing` is empty: an input the level does not depend on (e.g. positivity when the
//! case rate alone is already at CDC's top band) is mentioned in `notes` instead.
//!
//! **Common severity (a design choice, not from any source).** Each result carries `severity`,
//! the rank of its level within its own framework counted from the lowest band as 0:
//!
//! | severity | China event grade | risk area 2020/2022 | WHO PHSM | CDC transmission | CDC community | Covid Act Now | Harvard |
//! |---|---|---|---|---|---|---|---|
//! | 0 | no criterion met | low | 0 | low | low | low | green |
//! | 1 | Ⅳ 一般 | medium | 1 | moderate | medium | medium | yellow |
//! | 2 | Ⅲ 较大 | high | 2 | substantial | high | high | orange |
//! | 3 | Ⅱ 重大 | | 3 | high | | critical | red |
//! | 4 | Ⅰ 特别重大 | | 4 | | | extreme | |
//!
//! Read against China's response levels (standards.md §1.2), severity 1–4 correspond to
//! Ⅳ–Ⅰ and 0 to no emergency response, so a verdict can take the most severe across
//! frameworks. The rank says only how far up its own scale a framework sits; it does not claim
//! that, say, CDC's "high" and China's Ⅱ are equivalent.

pub mod cdc;
pub mod china;
pub mod covid_act_now;
pub mod harvard;
pub mod indicators;
pub mod options;
pub mod standdown;
pub mod who;

pub use indicators::{Indicator, Indicators};
pub use options::{FrameworkKey, FrameworkOptions};
pub use standdown::StandDown;

use crate::date::Date;
use crate::error::Path;
use crate::signals::incidence::Note;
use crate::signals::rt_summary::RtPoint;
use crate::situation::{Column, Situation};
use serde::Serialize;

/// Every framework's result for one situation, keyed as on the wire. A framework disabled in
/// [`FrameworkOptions::enabled`] is `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Frameworks {
    /// The day every window ends on (`asOf`, or the day given to [`evaluate_frameworks_at`]).
    pub as_of: String,
    pub china_event_grade: Option<china::ChinaEventGrade>,
    pub china_risk_area_2020: Option<FrameworkResult>,
    pub china_risk_area_2022: Option<FrameworkResult>,
    pub who_phsm: Option<who::WhoPhsm>,
    pub cdc_transmission: Option<FrameworkResult>,
    pub cdc_community: Option<FrameworkResult>,
    pub covid_act_now: Option<covid_act_now::CovidActNow>,
    pub harvard: Option<FrameworkResult>,
    /// Days since the last local case and the stand-down conditions (always computed).
    pub stand_down: StandDown,
    /// The values the frameworks read, with their windows.
    pub indicators: Indicators,
    /// The options used, every default filled in.
    pub settings: FrameworkOptions,
    pub notes: Vec<Note>,
}

/// One framework's verdict. `L` is the level's type: a word, or WHO's number 0–4.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkResult<L = &'static str> {
    /// The level, or `null` when an input it depends on is missing (see `missing`).
    pub level: Option<L>,
    /// The level's rank in its framework, 0 = lowest band (see the module documentation).
    pub severity: Option<u8>,
    /// When `level` is null: the lowest level the known inputs already imply, if above the bottom.
    pub at_least: Option<L>,
    /// Each indicator the framework read, its value and the band it falls in.
    pub indicators: Vec<Reading>,
    /// The criteria that set the level.
    pub decided_by: Vec<Criterion>,
    /// JSON paths of the missing inputs the level depends on; empty when `level` is known.
    pub missing: Vec<String>,
    pub notes: Vec<Note>,
    /// The document (and standards.md section) the rules come from.
    pub source: &'static str,
}

/// An indicator as one framework read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reading {
    /// The indicator's key in [`Indicators`] (or the framework's own metric name).
    pub indicator: &'static str,
    pub value: Option<f64>,
    /// The band the value falls in, in the framework's words; `null` when the value is.
    pub level: Option<&'static str>,
    /// That band as an interval, e.g. `[10, 50)` or `(1, 10]`.
    pub band: Option<String>,
}

/// A criterion that decided a level: a stable code and a plain-English statement with values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Criterion {
    pub code: &'static str,
    pub text: String,
}

/// Evaluates every enabled framework as of the situation's `asOf`. `rt` is the latest Rt
/// (e.g. `rt_summary(..).latest`); it is read only by Covid Act Now, and only when its window
/// ends on `asOf`.
pub fn evaluate_frameworks(situation: &Situation, rt: Option<&RtPoint>, options: &FrameworkOptions) -> Frameworks {
    evaluate(View::new(situation, situation.series.len, situation.as_of), rt, options)
}

/// Evaluates the frameworks as of day `day` (0-based) of the series, reading only the days up
/// to it: the building block of a level timeline. `events` and `capacity` are read as given
/// (they describe `asOf`). A `day` past the end is clamped to the last day.
pub fn evaluate_frameworks_at(
    situation: &Situation,
    day: usize,
    rt: Option<&RtPoint>,
    options: &FrameworkOptions,
) -> Frameworks {
    let day = day.min(situation.series.len.saturating_sub(1));
    evaluate(View::new(situation, day + 1, situation.series.date(day)), rt, options)
}

/// Evaluates the frameworks as of `as_of`, any day from the series start to the situation's
/// `asOf`: like [`evaluate_frameworks_at`], and past the end of the series like
/// [`evaluate_frameworks`] (the days after it up to `as_of` count as missing). On `asOf` it is
/// [`evaluate_frameworks`]. A level timeline that runs to `asOf` is built from it.
pub fn evaluate_frameworks_on(
    situation: &Situation,
    as_of: Date,
    rt: Option<&RtPoint>,
    options: &FrameworkOptions,
) -> Frameworks {
    let len = (as_of.0 - situation.series.start.0 + 1).clamp(0, situation.series.len as i64) as usize;
    evaluate(View::new(situation, len, as_of), rt, options)
}

fn evaluate(view: View<'_>, rt: Option<&RtPoint>, options: &FrameworkOptions) -> Frameworks {
    let ind = Indicators::compute(&view, rt);
    let on = |k: FrameworkKey| options.is_enabled(k);
    let stand_down = standdown::stand_down_view(&view, options);
    let mut notes = Vec::new();
    let last = view.situation.series.last_date();
    if view.len == view.situation.series.len && last < view.as_of {
        notes.push(Note {
            code: "data-end-before-as-of",
            message: format!(
                "the series ends on {last}, {} day(s) before asOf {}: those days count as missing, never as zero",
                view.as_of.0 - last.0,
                view.as_of
            ),
        });
    }
    Frameworks {
        as_of: date_text(view.as_of),
        china_event_grade: on(FrameworkKey::ChinaEventGrade).then(|| china::event_grade(&view, &ind, options)),
        china_risk_area_2020: on(FrameworkKey::ChinaRiskArea2020).then(|| china::risk_area_2020(&view, &ind)),
        china_risk_area_2022: on(FrameworkKey::ChinaRiskArea2022).then(|| china::risk_area_2022(&view, options)),
        who_phsm: on(FrameworkKey::WhoPhsm).then(|| who::phsm(&view, &ind, options)),
        cdc_transmission: on(FrameworkKey::CdcTransmission).then(|| cdc::transmission(&ind)),
        cdc_community: on(FrameworkKey::CdcCommunity).then(|| cdc::community(&ind)),
        covid_act_now: on(FrameworkKey::CovidActNow).then(|| covid_act_now::risk_level(&ind)),
        harvard: on(FrameworkKey::Harvard).then(|| harvard::key_metrics(&ind)),
        stand_down,
        indicators: ind,
        settings: options.clone(),
        notes,
    }
}

/// The situation as seen from one day: only the first `len` days of the series are read, and
/// every window ends on `as_of`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    pub situation: &'a Situation,
    pub len: usize,
    pub as_of: Date,
}

impl<'a> View<'a> {
    pub fn new(situation: &'a Situation, len: usize, as_of: Date) -> Self {
        View { situation, len: len.min(situation.series.len), as_of }
    }

    /// Index (from the series start) of `as_of`: the last day of every window.
    pub fn end(&self) -> i64 {
        self.as_of.0 - self.situation.series.start.0
    }

    /// The count on day `i`, `None` when the column is absent, the day is null, or outside the
    /// days read.
    pub fn value(&self, c: Column, i: i64) -> Option<f64> {
        if i < 0 || i >= self.len as i64 {
            return None;
        }
        self.situation.series.column(c).and_then(|col| col[i as usize])
    }

    pub fn has(&self, c: Column) -> bool {
        self.situation.series.column(c).is_some()
    }

    pub fn date(&self, i: i64) -> Date {
        self.situation.series.start.plus_days(i)
    }
}

/// Longest list of missing days given in one place (the earliest first); a gap longer than this
/// is usually a wrong `asOf`, and the first days are enough to find it.
pub const MAX_LISTED: usize = 100;

// The paths below are what `Path::root().key(..)…to_string()` writes, built directly: every
// evaluation names its inputs, and a level timeline evaluates every day.

/// True when [`Path::key`] writes `key` plainly (`a.key`), not quoted (`a["key"]`).
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !key.starts_with(|c: char| c.is_ascii_digit())
}

/// `series.<column>` (column keys are plain identifiers).
pub(crate) fn column_path(c: Column) -> String {
    let key = c.key();
    let mut s = String::with_capacity(12 + key.len());
    s.push_str("series.");
    s.push_str(key);
    s
}

/// `series.<column>[i]`: a missing day, also past the end of the array (a day up to `asOf`).
pub(crate) fn day_path(c: Column, i: i64) -> String {
    let mut s = column_path(c);
    s.push('[');
    s.push_str(&(i.max(0) as usize).to_string());
    s.push(']');
    s
}

/// `<section>.<key>`, e.g. `capacity.beds`.
pub(crate) fn input_path(section: &str, key: &str) -> String {
    if plain_key(section) && plain_key(key) {
        let mut s = String::with_capacity(section.len() + 1 + key.len());
        s.push_str(section);
        s.push('.');
        s.push_str(key);
        s
    } else {
        Path::root().key(section).key(key).to_string()
    }
}

/// Index of the band `x` falls in when each bound opens the next band (lower bounds inclusive:
/// `[.., b0) [b0, b1) [b1, ..)`), as CDC, WHO and Harvard write their bands.
pub(crate) fn band_from_lower(x: f64, bounds: &[f64]) -> usize {
    bounds.iter().take_while(|b| x >= **b).count()
}

/// Index of the band `x` falls in when each bound closes its band (upper bounds inclusive:
/// `[.., b0] (b0, b1] (b1, ..)`), as Covid Act Now writes its bands.
pub(crate) fn band_from_upper(x: f64, bounds: &[f64]) -> usize {
    bounds.iter().take_while(|b| x > **b).count()
}

/// The interval of band `i` in the notation of [`band_from_lower`] or [`band_from_upper`].
pub(crate) fn band_text(i: usize, bounds: &[f64], upper_inclusive: bool) -> String {
    let lo = if i == 0 { None } else { Some(bounds[i - 1]) };
    let hi = bounds.get(i).copied();
    let (open, close) = if upper_inclusive { ("(", "]") } else { ("[", ")") };
    // `[0, h]`, `[0, h)`, `(l, h]`, `[l, h)`, `(l, ∞)`, `[l, ∞)`, `[0, ∞)`.
    let (first, lower) = match lo {
        None => ("[", "0".to_string()),
        Some(l) => (open, num(l)),
    };
    let (upper, last) = match hi {
        None => ("∞".to_string(), ")"),
        Some(h) => (num(h), close),
    };
    let mut s = String::with_capacity(lower.len() + upper.len() + 6);
    s.push_str(first);
    s.push_str(&lower);
    s.push_str(", ");
    s.push_str(&upper);
    s.push_str(last);
    s
}

/// `d.to_string()` (`YYYY-MM-DD`) without the formatting machinery: every evaluation dates its
/// windows, and a level timeline evaluates every day.
pub(crate) fn date_text(d: Date) -> String {
    let (y, m, day) = d.ymd();
    if !(0..=9999).contains(&y) {
        return d.to_string();
    }
    let digit = |x: i64| char::from(b'0' + x as u8);
    let mut s = String::with_capacity(10);
    for x in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10] {
        s.push(digit(x));
    }
    s.push('-');
    s.push(digit(m / 10));
    s.push(digit(m % 10));
    s.push('-');
    s.push(digit(day / 10));
    s.push(digit(day % 10));
    s
}

/// A number for a message: up to 2 decimals, no trailing zeros.
pub(crate) fn num(x: f64) -> String {
    // Whole numbers (counts, most thresholds) print as integers: the same text, without the
    // slow exact float formatting (a level timeline formats thousands of these).
    if x.fract() == 0.0 && x.abs() < 1e15 {
        return (x as i64).to_string();
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// One part of a "highest of" rule: its rank, or the missing inputs that leave it unknown.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub rank: Option<usize>,
    pub missing: Vec<String>,
}

/// The outcome of a "highest of" rule: the level when known, else the bound the known parts set.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Highest {
    pub level: Option<usize>,
    pub at_least: Option<usize>,
    pub missing: Vec<String>,
}

/// The highest rank among `parts`. Known when every part is known, or when a known part is
/// already at `top` (nothing can raise it); otherwise `null` with the lower bound and the
/// missing inputs of the unknown parts.
pub(crate) fn highest(parts: &[Part], top: usize) -> Highest {
    let known = parts.iter().filter_map(|p| p.rank).max();
    if known == Some(top) || parts.iter().all(|p| p.rank.is_some()) {
        return Highest { level: known, at_least: None, missing: Vec::new() };
    }
    let mut missing = Vec::new();
    for p in parts.iter().filter(|p| p.rank.is_none()) {
        extend_unique(&mut missing, &p.missing);
    }
    Highest { level: None, at_least: known.filter(|r| *r > 0), missing }
}

/// Appends the paths of `more` not already in `list`.
pub(crate) fn extend_unique(list: &mut Vec<String>, more: &[String]) {
    for m in more {
        if !list.contains(m) {
            list.push(m.clone());
        }
    }
}

/// A [`FrameworkResult`] from a rank-valued outcome and the framework's level words.
pub(crate) fn result_from(
    words: &'static [&'static str],
    outcome: Highest,
    indicators: Vec<Reading>,
    decided_by: Vec<Criterion>,
    notes: Vec<Note>,
    source: &'static str,
) -> FrameworkResult {
    FrameworkResult {
        level: outcome.level.map(|r| words[r]),
        severity: outcome.level.map(|r| r as u8),
        at_least: outcome.at_least.map(|r| words[r]),
        indicators,
        decided_by: if outcome.level.is_some() { decided_by } else { Vec::new() },
        missing: outcome.missing,
        notes,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_half_open_as_documented() {
        let cdc = [10.0, 50.0, 100.0];
        assert_eq!(band_from_lower(9.99, &cdc), 0);
        assert_eq!(band_from_lower(10.0, &cdc), 1);
        assert_eq!(band_from_lower(100.0, &cdc), 3);
        let can = [1.0, 10.0, 25.0, 75.0];
        assert_eq!(band_from_upper(1.0, &can), 0);
        assert_eq!(band_from_upper(1.000_001, &can), 1);
        assert_eq!(band_from_upper(75.0, &can), 3);
        assert_eq!(band_from_upper(75.1, &can), 4);
        assert_eq!(band_text(1, &cdc, false), "[10, 50)");
        assert_eq!(band_text(0, &can, true), "[0, 1]");
        assert_eq!(band_text(4, &can, true), "(75, ∞)");
        assert_eq!(band_text(3, &cdc, false), "[100, ∞)");
        assert_eq!(band_text(1, &can, true), "(1, 10]");
        assert_eq!(band_text(0, &cdc, false), "[0, 10)");
        assert_eq!(band_text(0, &[], false), "[0, ∞)");
        assert_eq!(band_text(0, &[], true), "[0, ∞)");
        assert_eq!(band_text(1, &[2.5], true), "(2.5, ∞)");
    }

    #[test]
    fn paths_are_what_path_writes() {
        for c in Column::ALL {
            assert_eq!(column_path(c), Path::root().key("series").key(c.key()).to_string());
            for i in [-3, 0, 7, 365, 12_345] {
                assert_eq!(
                    day_path(c, i),
                    Path::root().key("series").key(c.key()).index(i.max(0) as usize).to_string()
                );
            }
        }
        for (a, b) in [("capacity", "beds"), ("events", "clustersLast14Days"), ("a b", "c"), ("x", "1st"), ("", "k")] {
            assert_eq!(input_path(a, b), Path::root().key(a).key(b).to_string(), "{a} {b}");
        }
    }

    #[test]
    fn date_text_is_display() {
        let start = Date::parse("1899-12-25").unwrap_or(Date(-25_575));
        for n in 0..40_000 {
            let d = start.plus_days(n * 3);
            assert_eq!(date_text(d), d.to_string());
        }
        assert_eq!(date_text(Date(0)), "1970-01-01");
    }

    #[test]
    fn num_prints_whole_numbers_as_the_two_decimal_format_does() {
        let slow = |x: f64| {
            let s = format!("{x:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" {
                "0".to_string()
            } else {
                s.to_string()
            }
        };
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            10.0,
            100.0,
            150.0,
            2e5,
            -3e9,
            999_999_999_999_999.0,
            1e15,
            1e300,
            0.5,
            15.69,
            -0.004,
        ] {
            assert_eq!(num(x), slow(x), "{x}");
        }
        for i in -2000..2000 {
            assert_eq!(num(f64::from(i)), slow(f64::from(i)));
            assert_eq!(num(f64::from(i) / 8.0), slow(f64::from(i) / 8.0));
        }
    }

    #[test]
    fn highest_is_known_at_the_top_or_when_complete() {
        let known = |r| Part { rank: Some(r), missing: vec![] };
        let unknown = |p: &str| Part { rank: None, missing: vec![p.to_string()] };
        assert_eq!(highest(&[known(3), unknown("a")], 3).level, Some(3));
        let h = highest(&[known(1), unknown("a"), unknown("a")], 3);
        assert_eq!((h.level, h.at_least, h.missing), (None, Some(1), vec!["a".to_string()]));
        assert_eq!(highest(&[known(0), unknown("b")], 3).at_least, None);
        assert_eq!(highest(&[known(0), known(2)], 3).level, Some(2));
    }

    #[test]
    fn numbers_in_messages() {
        assert_eq!(num(10.0), "10");
        assert_eq!(num(9.994), "9.99");
        assert_eq!(num(0.5), "0.5");
    }
}
