//! Stand-down (issue 4 item 4): days since the last local case, whether the conditions for
//! ending the response or stepping a risk area down hold, and the date each will hold if no
//! new case appears.
//!
//! Days are counted back from `asOf`. A day with no count (`null`, or after the series ends)
//! is **unknown**: it is not counted as case-free (precautionary), so the count restarts after
//! it, and it is listed so it can be filled in. The days before the series starts are not known
//! either: with no case in the series, the count starts at its first day.
//!
//! Conditions (standards.md):
//! - `incubation-period`: no new local confirmed case for the longest incubation period after
//!   the last case. The termination rule of the national plan (§1.2 (d), ⚠️ unconfirmed); the
//!   period is [`FrameworkOptions::incubation_period_days`], default 14 days for COVID-19, the
//!   window of the Feb 2020 county rule ("no new confirmed case for 14 consecutive days", §1.4 ✅).
//! - `ninth-edition-high-to-medium` / `ninth-edition-to-low`: 防控方案第九版 (Jun 2022, §1.4 ✅):
//!   a high-risk area steps down to medium after 7 days with no new infection (and a negative
//!   round of testing on day 7), then to low after 3 more days: 7 and 10 days.
//! - `twenty-measures-high-to-low`: the 11 Nov 2022 notice (“二十条”, §1.4 ✅): high → low after
//!   5 consecutive days with no new infection.
//!
//! The 2022 rules count infections: local confirmed cases **and** asymptomatic infections, so
//! they need `series.asymptomatic`.

use super::options::FrameworkOptions;
use super::{column_path, date_text, day_path, View, MAX_LISTED};
use crate::signals::incidence::Note;
use crate::situation::{Column, Situation};
use serde::Serialize;

/// Days without a new infection for a high-risk area to become medium (第九版, §1.4).
pub const NINTH_EDITION_HIGH_TO_MEDIUM_DAYS: u32 = 7;
/// ... and to become low: 3 more days after the step to medium (第九版, §1.4).
pub const NINTH_EDITION_TO_LOW_DAYS: u32 = 7 + 3;
/// Days without a new infection for a high-risk area to become low (二十条, 11 Nov 2022, §1.4).
pub const TWENTY_MEASURES_HIGH_TO_LOW_DAYS: u32 = 5;

const SOURCE_INCUBATION: &str = "国家突发公共卫生事件应急预案 (2006), termination rule (standards.md §1.2 (d), ⚠️ unconfirmed); 14 days: 联防联控机制 Feb 2020 county rule (standards.md §1.4)";
const SOURCE_NINTH: &str = "防控方案第九版, Jun 2022 (standards.md §1.4)";
const SOURCE_TWENTY: &str = "the 11 Nov 2022 notice on optimising measures (“二十条”) (standards.md §1.4)";

/// The stand-down status as of one day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandDown {
    pub as_of: String,
    /// The last day with a local confirmed case, up to `asOf`; null when the series has none.
    pub last_local_case_date: Option<String>,
    /// `asOf` − that day, in days; null when the series has no local case.
    pub days_since_last_local_case: Option<i64>,
    pub conditions: Vec<StandDownCondition>,
    pub notes: Vec<Note>,
}

/// One stand-down condition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandDownCondition {
    /// `incubation-period`, `ninth-edition-high-to-medium`, `ninth-edition-to-low`,
    /// `twenty-measures-high-to-low`.
    pub rule: &'static str,
    /// The series counted: `["localCases"]`, or `["localCases", "asymptomatic"]` (infections).
    pub counts: &'static [&'static str],
    pub days_required: u32,
    /// Consecutive days up to `asOf` known to be free of them (unknown days break the run).
    pub days_free: i64,
    pub holds: bool,
    /// The day it will hold if no new case appears and the unknown days prove case-free; null
    /// when it holds already or cannot be dated (see `missing`).
    pub holds_on: Option<String>,
    /// Days since the last case (or the series start) with no count: not counted as case-free
    /// (the first [`MAX_LISTED`]).
    pub unknown_days: Vec<String>,
    /// JSON paths of the unknown days, or of a missing column.
    pub missing: Vec<String>,
    pub text: String,
    pub source: &'static str,
}

/// Stand-down as of the situation's `asOf`.
pub fn stand_down(situation: &Situation, options: &FrameworkOptions) -> StandDown {
    stand_down_view(&View::new(situation, situation.series.len, situation.as_of), options)
}

/// A run of event-free days ending on the reference day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Streak {
    /// Index of the last day with an event (a case or infection), if any.
    pub last_event: Option<i64>,
    /// Indices of the unknown days after it (or from the series start), up to the reference day
    /// (the first [`MAX_LISTED`]).
    pub unknown: Vec<i64>,
    /// How many unknown days there are (all of them, not only those listed).
    pub unknown_count: usize,
    /// Consecutive days ending on the reference day known to be free (precautionary).
    pub known_free: i64,
    /// Days free if every unknown day proved free; `None` when there is no event in the
    /// series (the run then goes back beyond its start).
    pub free_if_unknown_free: Option<i64>,
    /// JSON paths of the unknown days (each column with no count).
    pub missing: Vec<String>,
}

/// The event-free run over `cols` (an event is a count above 0 in any of them; a day is free
/// when every column reports 0). `Err` names the absent columns.
pub(crate) fn streak(view: &View<'_>, cols: &[Column]) -> Result<Streak, Vec<String>> {
    let absent: Vec<String> = cols.iter().filter(|c| !view.has(**c)).map(|c| column_path(*c)).collect();
    if !absent.is_empty() {
        return Err(absent);
    }
    let end = view.end();
    let event = |i: i64| cols.iter().any(|c| view.value(*c, i).is_some_and(|x| x > 0.0));
    let last_event = (0..=end).rev().find(|&i| event(i));
    let from = last_event.map_or(0, |i| i + 1);
    let mut unknown = Vec::new();
    let mut missing = Vec::new();
    for i in from..=end {
        let gaps: Vec<Column> = cols.iter().copied().filter(|c| view.value(*c, i).is_none()).collect();
        if !gaps.is_empty() {
            unknown.push(i);
            missing.extend(gaps.into_iter().map(|c| day_path(c, i)));
        }
    }
    let clock = unknown.last().copied().or(last_event).unwrap_or(-1);
    let unknown_count = unknown.len();
    unknown.truncate(MAX_LISTED);
    missing.truncate(MAX_LISTED);
    Ok(Streak {
        last_event,
        known_free: end - clock,
        unknown_count,
        free_if_unknown_free: last_event.map(|i| end - i),
        unknown,
        missing,
    })
}

pub(crate) fn stand_down_view(view: &View<'_>, options: &FrameworkOptions) -> StandDown {
    let end = view.end();
    let mut notes = Vec::new();
    // `localCases` is always present after validation; the fallback only keeps this total.
    let cases = streak(view, &[Column::LocalCases]).unwrap_or(Streak {
        last_event: None,
        unknown: Vec::new(),
        unknown_count: 0,
        known_free: 0,
        free_if_unknown_free: None,
        missing: Vec::new(),
    });
    let infections = streak(view, &[Column::LocalCases, Column::Asymptomatic]);
    let incubation = options.incubation_period_days;
    let mut conditions = vec![condition(
        view,
        "incubation-period",
        &["localCases"],
        incubation,
        Ok(&cases),
        format!(
            "no new local confirmed case for the longest incubation period ({incubation} days) after the last case"
        ),
        SOURCE_INCUBATION,
    )];
    for (rule, days, text, source) in [
        (
            "ninth-edition-high-to-medium",
            NINTH_EDITION_HIGH_TO_MEDIUM_DAYS,
            "high-risk area → medium: 7 days with no new infection (and everyone tested negative on day 7)",
            SOURCE_NINTH,
        ),
        (
            "ninth-edition-to-low",
            NINTH_EDITION_TO_LOW_DAYS,
            "→ low: 3 more days after the step to medium (10 days with no new infection)",
            SOURCE_NINTH,
        ),
        (
            "twenty-measures-high-to-low",
            TWENTY_MEASURES_HIGH_TO_LOW_DAYS,
            "high-risk area → low: 5 consecutive days with no new infection",
            SOURCE_TWENTY,
        ),
    ] {
        let s = infections.as_ref().map_err(Clone::clone);
        conditions.push(condition(view, rule, &["localCases", "asymptomatic"], days, s, text.into(), source));
    }
    if cases.last_event.is_none() {
        notes.push(Note {
            code: "no-case-in-series",
            message: format!(
                "no local case in the series: case-free days are counted from its first day, {}; earlier days are not known",
                view.situation.series.start
            ),
        });
    }
    if cases.unknown_count > 0 {
        notes.push(Note {
            code: "unknown-days",
            message: format!(
                "{} day(s) after the last case have no count; they are not counted as case-free (precautionary)",
                cases.unknown_count
            ),
        });
    }
    notes.push(Note {
        code: "unconfirmed-rule",
        message: "the national plan's termination rule (no new case for the longest incubation period after the last case) is recalled, not confirmed (standards.md §1.2 (d) ⚠️); incubationPeriodDays is a setting".into(),
    });
    if options.was_given("incubationPeriodDays") {
        notes.push(Note {
            code: "setting-given",
            message: format!("incubation period set to {incubation} days in the options"),
        });
    }
    notes.push(Note {
        code: "negative-test-round",
        message: "the ninth edition's steps also need a round of negative tests on day 7, which the series does not show: confirm it".into(),
    });
    StandDown {
        as_of: date_text(view.as_of),
        last_local_case_date: cases.last_event.map(|i| date_text(view.date(i))),
        days_since_last_local_case: cases.last_event.map(|i| end - i),
        conditions,
        notes,
    }
}

fn condition(
    view: &View<'_>,
    rule: &'static str,
    counts: &'static [&'static str],
    days: u32,
    streak: Result<&Streak, Vec<String>>,
    text: String,
    source: &'static str,
) -> StandDownCondition {
    let end = view.end();
    match streak {
        Err(missing) => StandDownCondition {
            rule,
            counts,
            days_required: days,
            days_free: 0,
            holds: false,
            holds_on: None,
            unknown_days: Vec::new(),
            missing,
            text,
            source,
        },
        Ok(s) => {
            let holds = s.known_free >= i64::from(days);
            StandDownCondition {
                rule,
                counts,
                days_required: days,
                days_free: s.known_free,
                holds,
                holds_on: (!holds).then(|| date_text(view.date(end - s.known_free + i64::from(days)))),
                unknown_days: s.unknown.iter().map(|i| date_text(view.date(*i))).collect(),
                missing: if holds { Vec::new() } else { s.missing.clone() },
                text,
                source,
            }
        }
    }
}
