//! Short-term projection of cases by the renewal equation, and of hospital and ICU demand.
//!
//! **Cases.** The expected local cases of projected day `T + k` are
//! `E[I_{T+k}] = R · Σ_{s≥1} w_s · I_{T+k−s}` (Cori et al. 2013, the renewal model behind
//! [`rt`](crate::signals::rt); Fraser 2007, *PLoS ONE* 2(8):e758), where `I` is the observed
//! local + imported history and then the projected values themselves, and `w` the discretised
//! serial interval (`w_0 = 0`). Days before the series count as 0, as in EpiEstim's `Λ`. R is
//! held at the latest Rt window's posterior 2.5 % quantile, median and 97.5 % quantile, which
//! gives a lower / central / upper band: it reflects the uncertainty in R only, not day-to-day
//! chance, and assumes R stays as it was over the window. Imported cases in the future are
//! assumed to be 0. Values are deterministic expectations, not whole numbers.
//!
//! **Beds and ICU.** `admissions_t = admissionFraction × cases_t` (and `icuFraction` for the
//! ICU), admitted on the day they are reported. Each patient stays exactly `lengthOfStay` days
//! (a fixed stay; ICU: `icuLengthOfStay`), so the patients admitted during the projection
//! occupy `Σ_{k=0}^{LOS−1} admissions_{t−k}` beds on day t. To these are added the patients
//! already in hospital: the latest reported `bedsOccupied` (`icuOccupied`), discharged
//! linearly over one stay, `current × max(0, 1 − t / LOS)` — exactly what a fixed stay gives
//! when admissions were steady before day 1. Without a census they are estimated from the
//! observed cases of the last `LOS` days by the same fixed-stay rule. The first day on
//! which demand exceeds capacity (strictly) is reported for each of the three R values.

use crate::error::{Code, Path, Problems};
use crate::json::Json;
use crate::read;
use crate::signals::incidence::Note;
use crate::signals::rt::RtWindow;
use crate::situation::{Column, DailyCount, Situation};
use serde::Serialize;

/// Default projection horizon: three weeks, inside the 1–4-week horizons of the US COVID-19
/// Forecast Hub, whose accuracy fell as the horizon grew (Cramer EY et al., *PNAS*
/// 2022;119(15):e2113561119).
pub const DEFAULT_HORIZON_DAYS: usize = 21;
/// Longest horizon: four weeks (the Forecast Hub's longest case and death target, ibid.).
/// A constant R is not a tenable assumption for longer.
pub const MAX_HORIZON_DAYS: usize = 28;
/// Share of confirmed cases that are severe or critical: (6 168 + 2 087) / 44 415 in the
/// China CDC case series to 11 Feb 2020 (Wu Z, McGoogan JM, *JAMA* 2020;323(13):1239–1242,
/// doi:10.1001/jama.2020.2648, Box: severe 14 %, critical 5 %). Taken as the share that
/// needs a hospital bed for clinical reasons (in 2020 China isolated every confirmed case,
/// mild ones too, in hospitals or isolation facilities: see `capacity.isolationBeds`).
pub const DEFAULT_ADMISSION_FRACTION: f64 = 8_255.0 / 44_415.0;
/// Share of confirmed cases that are critical (respiratory failure, septic shock, organ
/// failure): 2 087 / 44 415 (Wu & McGoogan 2020, ibid.). A subset of the admissions.
pub const DEFAULT_ICU_FRACTION: f64 = 2_087.0 / 44_415.0;
/// Hospital stay in days: the median of the pooled COVID-19 length-of-stay distribution for
/// China, 14 days (IQR 10–19) (Rees EM et al., "COVID-19 length of hospital stay: a systematic
/// review and data synthesis", *BMC Med* 2020;18:270, doi:10.1186/s12916-020-01726-3). Stays
/// are right-skewed, so the mean, which sets occupancy, is somewhat longer.
pub const DEFAULT_LENGTH_OF_STAY: usize = 14;
/// ICU stay in days: the median for China, 8 days (IQR 5–13) (Rees et al. 2020, ibid.).
pub const DEFAULT_ICU_LENGTH_OF_STAY: usize = 8;
/// Longest stay accepted, in days.
pub const MAX_LENGTH_OF_STAY: usize = 365;

/// The care settings: how cases turn into beds. Serialised as the `settings` echo.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareSettings {
    /// Share of cases admitted to hospital, in [0, 1].
    pub admission_fraction: f64,
    /// Share of cases admitted to intensive care, in [0, admission_fraction].
    pub icu_fraction: f64,
    /// Fixed hospital stay in whole days, ≥ 1.
    pub length_of_stay: usize,
    /// Fixed ICU stay in whole days, ≥ 1.
    pub icu_length_of_stay: usize,
    /// Days projected, 1 to [`MAX_HORIZON_DAYS`].
    pub horizon_days: usize,
    /// The wire keys whose value is the default (each default's source is in `assumptions`).
    pub defaults_used: Vec<&'static str>,
}

const SETTING_KEYS: [&str; 5] = ["admissionFraction", "icuFraction", "lengthOfStay", "icuLengthOfStay", "horizonDays"];

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings {
            admission_fraction: DEFAULT_ADMISSION_FRACTION,
            icu_fraction: DEFAULT_ICU_FRACTION,
            length_of_stay: DEFAULT_LENGTH_OF_STAY,
            icu_length_of_stay: DEFAULT_ICU_LENGTH_OF_STAY,
            horizon_days: DEFAULT_HORIZON_DAYS,
            defaults_used: SETTING_KEYS.to_vec(),
        }
    }
}

impl CareSettings {
    /// Reads an optional settings object `{ admissionFraction?, icuFraction?, lengthOfStay?,
    /// icuLengthOfStay?, horizonDays? }` at `path`; absent keys take the defaults. Records
    /// every problem (unknown keys; fractions outside [0, 1]; `icuFraction` above
    /// `admissionFraction`; stays not whole days in 1–365; a horizon outside 1–28) and
    /// returns `None` if there was any.
    pub fn from_json(value: &Json, path: &Path, problems: &mut Problems) -> Option<CareSettings> {
        let obj = read::object(value, path, &SETTING_KEYS, problems)?;
        let before = problems.len();
        let mut s = CareSettings::default();
        let fraction = |key: &str, p: &mut Problems| {
            let at = path.key(key);
            let x = read::number(read::field(obj, key)?, &at, p)?;
            if !(0.0..=1.0).contains(&x) {
                p.push(Code::OutOfRange, &at, format!("a share must be between 0 and 1 (found {x})"));
                return None;
            }
            Some(x)
        };
        let days = |key: &str, max: usize, p: &mut Problems| {
            let at = path.key(key);
            let x = read::number(read::field(obj, key)?, &at, p)?;
            if x.fract() != 0.0 || x < 1.0 || x > max as f64 {
                p.push(Code::OutOfRange, &at, format!("must be a whole number of days from 1 to {max} (found {x})"));
                return None;
            }
            Some(x as usize)
        };
        if let Some(x) = fraction("admissionFraction", problems) {
            s.admission_fraction = x;
        }
        if let Some(x) = fraction("icuFraction", problems) {
            s.icu_fraction = x;
        }
        if let Some(x) = days("lengthOfStay", MAX_LENGTH_OF_STAY, problems) {
            s.length_of_stay = x;
        }
        if let Some(x) = days("icuLengthOfStay", MAX_LENGTH_OF_STAY, problems) {
            s.icu_length_of_stay = x;
        }
        if let Some(x) = days("horizonDays", MAX_HORIZON_DAYS, problems) {
            s.horizon_days = x;
        }
        s.defaults_used.retain(|k| read::field(obj, k).is_none());
        if problems.len() == before && s.icu_fraction > s.admission_fraction {
            let whose = if s.defaults_used.contains(&"admissionFraction") { ", the default" } else { "" };
            problems.push(
                Code::OutOfRange,
                &path.key("icuFraction"),
                format!(
                    "ICU patients are hospital patients too: icuFraction ({}) must not exceed admissionFraction ({}{whose})",
                    s.icu_fraction, s.admission_fraction
                ),
            );
        }
        (problems.len() == before).then_some(s)
    }

    /// True when every value is in its documented range (always so after [`from_json`](Self::from_json)).
    pub fn is_valid(&self) -> bool {
        (0.0..=1.0).contains(&self.admission_fraction)
            && (0.0..=self.admission_fraction).contains(&self.icu_fraction)
            && (1..=MAX_LENGTH_OF_STAY).contains(&self.length_of_stay)
            && (1..=MAX_LENGTH_OF_STAY).contains(&self.icu_length_of_stay)
            && (1..=MAX_HORIZON_DAYS).contains(&self.horizon_days)
    }
}

/// Expected daily cases after the last day of `history` (oldest first, local + imported,
/// every day present), for `horizon` days, with R fixed at `r`:
/// `x_{T+k} = r · Σ_{s≥1} si[s] · x_{T+k−s}`, projected values feeding later days and days
/// before the history counting as 0. `si[0]` is ignored (w_0 = 0). Returns an empty vector
/// unless `r` and every input are finite and ≥ 0.
pub fn renewal_projection(history: &[f64], si: &[f64], r: f64, horizon: usize) -> Vec<f64> {
    let ok = |x: &f64| x.is_finite() && *x >= 0.0;
    if !ok(&r) || !history.iter().all(ok) || !si.iter().all(ok) {
        return Vec::new();
    }
    let mut all = history.to_vec();
    for _ in 0..horizon {
        let t = all.len();
        let lambda: f64 = si.iter().enumerate().skip(1).take(t).map(|(s, w)| w * all[t - s]).sum();
        all.push(r * lambda);
    }
    all.split_off(history.len())
}

/// Three values of one quantity, for R at its lower quantile, median and upper quantile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band<T> {
    pub lower: T,
    pub central: T,
    pub upper: T,
}

impl<T> Band<T> {
    fn map<U>(&self, f: impl Fn(&T) -> U) -> Band<U> {
        Band { lower: f(&self.lower), central: f(&self.central), upper: f(&self.upper) }
    }
}

/// The R values projected with: the latest window's 2.5 % quantile, median and 97.5 %
/// quantile, and the window they come from (1-based days, inclusive).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProjectionR {
    pub lower: f64,
    pub central: f64,
    pub upper: f64,
    pub t_start: usize,
    pub t_end: usize,
}

/// [`renewal_projection`] for R at the window's q025, median and q975. Since every term is
/// ≥ 0 and grows with R, `lower ≤ central ≤ upper` on every day.
pub fn projection_band(history: &[f64], si: &[f64], rt: &RtWindow, horizon: usize) -> Band<Vec<f64>> {
    let r = Band { lower: rt.q025, central: rt.median, upper: rt.q975 };
    r.map(|&r| renewal_projection(history, si, r, horizon))
}

/// Patients on projected days 1..=`horizon`: `Σ_{k=0}^{LOS−1} admissions_{t−k}` over the
/// projected days (`admissions[0]` is day 1), plus `carried[t − 1]`, those in hospital from
/// before day 1 (0 past the end of `carried`). `length_of_stay` ≥ 1.
pub fn occupancy(admissions: &[f64], length_of_stay: usize, carried: &[f64]) -> Vec<f64> {
    (0..admissions.len())
        .map(|t| {
            let from = (t + 1).saturating_sub(length_of_stay.max(1));
            admissions[from..=t].iter().sum::<f64>() + carried.get(t).copied().unwrap_or(0.0)
        })
        .collect()
}

/// A census of `current` patients on the last observed day, discharged linearly over one
/// stay: `current × max(0, 1 − t / LOS)` on projected days t = 1..=`horizon`.
pub fn linear_discharge(current: f64, length_of_stay: usize, horizon: usize) -> Vec<f64> {
    let los = length_of_stay.max(1);
    (1..=horizon).map(|t| current * los.saturating_sub(t) as f64 / los as f64).collect()
}

/// Patients from the observed admissions `past` (oldest first, the last is the last observed
/// day, 0) still in on projected days 1..=`horizon` with a fixed stay: those admitted on day
/// −j leave on day `LOS − j`, so day t has `Σ_{j=0}^{LOS−1−t} past[T−1−j]`.
pub fn carried_admissions(past: &[f64], length_of_stay: usize, horizon: usize) -> Vec<f64> {
    (1..=horizon)
        .map(|t| {
            let stay_left = length_of_stay.saturating_sub(t); // days −j with j < LOS − t
            past.iter().rev().take(stay_left).sum()
        })
        .collect()
}

/// The first projected day (1-based) on which `demand` exceeds `capacity`, if any.
pub fn first_day_over(demand: &[f64], capacity: f64) -> Option<usize> {
    demand.iter().position(|d| *d > capacity).map(|i| i + 1)
}

/// Bed (or ICU) demand over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CareDemand {
    /// `capacity.beds` (`capacity.icuBeds`); `null` when not given (a note says so).
    pub capacity: Option<f64>,
    /// Patients in hospital on the last observed day: the latest census, or an estimate from
    /// recent cases (see `current_patients_source`).
    pub current_patients: f64,
    /// `"reported"` (the latest census) or `"estimated"` (from recent cases, a note says so).
    pub current_patients_source: &'static str,
    /// 0-based series index of the census used, when reported.
    pub census_day_index: Option<usize>,
    /// Patients on projected days 1..=H for each R.
    pub demand: Band<Vec<f64>>,
    /// First projected day (1 = the day after the series ends) with demand above capacity.
    pub first_day_over_capacity: Band<Option<usize>>,
}

/// The projection of cases, beds and ICU beds. Every `Option` is `null` on the wire with a
/// note saying why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Projection {
    pub horizon_days: usize,
    pub reproduction_number: Option<ProjectionR>,
    /// Expected local cases on projected days 1..=H.
    pub cases: Option<Band<Vec<f64>>>,
    pub beds: Option<CareDemand>,
    pub icu: Option<CareDemand>,
    pub settings: CareSettings,
    /// The model's assumptions and the source of each default used.
    pub assumptions: Vec<Note>,
    /// Why a value is null or should be read with care.
    pub notes: Vec<Note>,
}

/// What the projection reads: daily columns of the situation (oldest first, equal length),
/// the serial interval, the latest Rt window and the settings.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionInput<'a> {
    pub local: &'a [DailyCount],
    /// Imported cases; `None` when the column is absent (then no imports are counted).
    pub imported: Option<&'a [DailyCount]>,
    pub beds_occupied: Option<&'a [DailyCount]>,
    pub icu_occupied: Option<&'a [DailyCount]>,
    pub beds: Option<f64>,
    pub icu_beds: Option<f64>,
    /// `w_0, w_1, …` with `w_0 = 0` (e.g. [`RtEstimate::si`](crate::signals::rt::RtEstimate)).
    pub si: &'a [f64],
    /// The latest Rt window; `None` when Rt could not be estimated.
    pub rt: Option<&'a RtWindow>,
    pub settings: &'a CareSettings,
}

impl<'a> ProjectionInput<'a> {
    /// The columns and capacity of a validated situation.
    pub fn from_situation(
        s: &'a Situation,
        si: &'a [f64],
        rt: Option<&'a RtWindow>,
        settings: &'a CareSettings,
    ) -> Self {
        ProjectionInput {
            local: s.series.local_cases(),
            imported: s.series.column(Column::ImportedCases),
            beds_occupied: s.series.column(Column::BedsOccupied),
            icu_occupied: s.series.column(Column::IcuOccupied),
            beds: s.capacity.beds,
            icu_beds: s.capacity.icu_beds,
            si,
            rt,
            settings,
        }
    }
}

fn note(code: &'static str, message: impl Into<String>) -> Note {
    Note { code, message: message.into() }
}

/// Projects cases, beds and ICU beds (see the module documentation for the model).
pub fn project(input: &ProjectionInput) -> Projection {
    let settings = input.settings.clone();
    let horizon = settings.horizon_days;
    let mut notes = Vec::new();
    let assumptions = assumptions(&settings);
    let empty = |notes| Projection {
        horizon_days: horizon,
        reproduction_number: None,
        cases: None,
        beds: None,
        icu: None,
        settings: settings.clone(),
        assumptions: assumptions.clone(),
        notes,
    };
    if !settings.is_valid() {
        notes.push(note("invalid-settings", "the care settings are outside their ranges; nothing is projected"));
        return empty(notes);
    }
    let Some(rt) = input.rt else {
        notes.push(note("no-rt", "Rt could not be estimated, so cases, beds and ICU beds are not projected"));
        return empty(notes);
    };
    let r_ok = [rt.q025, rt.median, rt.q975].iter().all(|r| r.is_finite() && *r >= 0.0);
    if !r_ok {
        notes.push(note("no-rt", "the latest Rt window has no finite quantiles; nothing is projected"));
        return empty(notes);
    }
    let reproduction_number =
        Some(ProjectionR { lower: rt.q025, central: rt.median, upper: rt.q975, t_start: rt.t_start, t_end: rt.t_end });
    // Local + imported, day by day; None when either is missing.
    let total: Vec<DailyCount> = input
        .local
        .iter()
        .enumerate()
        .map(|(i, l)| match input.imported {
            None => *l,
            Some(imp) => match (l, imp.get(i).copied().flatten()) {
                (Some(l), Some(m)) => Some(l + m),
                _ => None,
            },
        })
        .collect();
    // The renewal sum reaches back to the last positive weight of the serial interval.
    let reach = input.si.iter().rposition(|w| *w > 0.0).unwrap_or(0);
    let window = &total[total.len().saturating_sub(reach)..];
    let missing = window.iter().filter(|d| d.is_none()).count();
    if missing > 0 {
        notes.push(note(
            "missing-days",
            format!(
                "{missing} of the last {} days have no count (local or imported); the renewal projection needs every day within the serial interval's reach, so nothing is projected",
                window.len()
            ),
        ));
        return Projection { reproduction_number, ..empty(notes) };
    }
    let history: Vec<f64> = total.iter().map(|d| d.unwrap_or(0.0)).collect();
    let cases = projection_band(&history, input.si, rt, horizon);
    if [&cases.lower, &cases.central, &cases.upper]
        .iter()
        .any(|c| c.len() != horizon || c.iter().any(|x| !x.is_finite()))
    {
        notes.push(note("projection-failed", "the serial interval or R is not finite and ≥ 0; nothing is projected"));
        return Projection { reproduction_number, ..empty(notes) };
    }
    let ward = Ward {
        name: "beds",
        census_key: "bedsOccupied",
        capacity_key: "capacity.beds",
        fraction: settings.admission_fraction,
        length_of_stay: settings.length_of_stay,
    };
    let icu = Ward {
        name: "ICU beds",
        census_key: "icuOccupied",
        capacity_key: "capacity.icuBeds",
        fraction: settings.icu_fraction,
        length_of_stay: settings.icu_length_of_stay,
    };
    let beds = ward.demand(&cases, &total, input.beds_occupied, input.beds, &mut notes);
    let icu = icu.demand(&cases, &total, input.icu_occupied, input.icu_beds, &mut notes);
    Projection {
        horizon_days: horizon,
        reproduction_number,
        cases: Some(cases),
        beds: Some(beds),
        icu: Some(icu),
        settings,
        assumptions,
        notes,
    }
}

struct Ward {
    name: &'static str,
    census_key: &'static str,
    capacity_key: &'static str,
    fraction: f64,
    length_of_stay: usize,
}

impl Ward {
    fn demand(
        &self,
        cases: &Band<Vec<f64>>,
        observed: &[DailyCount],
        census: Option<&[DailyCount]>,
        capacity: Option<f64>,
        notes: &mut Vec<Note>,
    ) -> CareDemand {
        let horizon = cases.central.len();
        let los = self.length_of_stay;
        let latest = census.and_then(|c| c.iter().rposition(|d| d.is_some()).map(|i| (i, c[i].unwrap_or(0.0))));
        let (current, source, census_day_index, carried) = match latest {
            Some((i, value)) => {
                let behind = observed.len().saturating_sub(i + 1);
                if behind > 0 {
                    notes.push(note(
                        "census-not-last-day",
                        format!(
                            "{} was last reported {behind} day{} before the series ends ({value}); that figure is used as the current number of patients",
                            self.census_key,
                            if behind == 1 { "" } else { "s" }
                        ),
                    ));
                }
                (value, "reported", Some(i), linear_discharge(value, los, horizon))
            }
            None => {
                let recent = &observed[observed.len().saturating_sub(los)..];
                let past: Vec<f64> = recent.iter().map(|d| d.unwrap_or(0.0) * self.fraction).collect();
                let missing = recent.iter().filter(|d| d.is_none()).count();
                notes.push(note(
                    "census-estimated",
                    format!(
                        "no {} reported: the patients already in hospital are estimated from the cases of the last {} days × the admission share",
                        self.census_key,
                        recent.len()
                    ),
                ));
                if missing > 0 {
                    notes.push(note(
                        "census-estimate-missing-days",
                        format!("{missing} of those days have no count; the estimate counts reported days only and may be too low"),
                    ));
                }
                let carried = carried_admissions(&past, los, horizon);
                let current = past.iter().sum::<f64>();
                (current, "estimated", None, carried)
            }
        };
        let demand = cases.map(|c| {
            let admissions: Vec<f64> = c.iter().map(|x| x * self.fraction).collect();
            occupancy(&admissions, los, &carried)
        });
        let first_day_over_capacity = match capacity {
            Some(cap) => demand.map(|d| first_day_over(d, cap)),
            None => {
                notes.push(note(
                    "no-capacity",
                    format!("{} is not given, so the day {} run out cannot be found", self.capacity_key, self.name),
                ));
                Band { lower: None, central: None, upper: None }
            }
        };
        CareDemand {
            capacity,
            current_patients: current,
            current_patients_source: source,
            census_day_index,
            demand,
            first_day_over_capacity,
        }
    }
}

/// The model's assumptions, and one note per default in effect naming its source.
fn assumptions(s: &CareSettings) -> Vec<Note> {
    let mut out = vec![
        note("r-constant", "R stays at the latest Rt window's value for the whole horizon; the band (2.5 %, median, 97.5 % of R's posterior) shows the uncertainty in R only, not day-to-day chance"),
        note("no-future-imports", "no imported cases after the last day of the series"),
        note("same-day-admission", "cases needing a bed are admitted on the day they are reported (an assumption, not from a source)"),
        note("fixed-length-of-stay", format!("every patient stays exactly {} days in hospital and {} in intensive care (a fixed stay, not a distribution)", s.length_of_stay, s.icu_length_of_stay)),
        note("linear-discharge", "patients already in hospital on the last day leave evenly over one length of stay"),
    ];
    for key in &s.defaults_used {
        let message = match *key {
            "admissionFraction" => format!("admissionFraction {:.4}: severe + critical cases, 8 255 of 44 415 confirmed (China CDC; Wu & McGoogan, JAMA 2020;323:1239–42)", s.admission_fraction),
            "icuFraction" => format!("icuFraction {:.4}: critical cases, 2 087 of 44 415 confirmed (China CDC; Wu & McGoogan, JAMA 2020;323:1239–42)", s.icu_fraction),
            "lengthOfStay" => format!("lengthOfStay {} days: median hospital stay of COVID-19 patients in China (Rees et al., BMC Med 2020;18:270)", s.length_of_stay),
            "icuLengthOfStay" => format!("icuLengthOfStay {} days: median ICU stay of COVID-19 patients in China (Rees et al., BMC Med 2020;18:270)", s.icu_length_of_stay),
            _ => format!("horizonDays {}: three weeks, within the 1–4-week horizons of the US COVID-19 Forecast Hub (Cramer et al., PNAS 2022;119:e2113561119)", s.horizon_days),
        };
        out.push(note("default-setting", message));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_cited_figures() {
        assert!((DEFAULT_ADMISSION_FRACTION - 0.18586).abs() < 1e-5);
        assert!((DEFAULT_ICU_FRACTION - 0.04699).abs() < 1e-5);
        assert!(CareSettings::default().is_valid());
    }

    #[test]
    fn carried_admissions_leave_after_one_stay() {
        // Admitted on days −2, −1, 0 (3, 5, 7); stay 3: day 1 keeps days −1 and 0, day 2 day 0.
        assert_eq!(carried_admissions(&[3.0, 5.0, 7.0], 3, 4), vec![12.0, 7.0, 0.0, 0.0]);
        assert_eq!(linear_discharge(30.0, 3, 4), vec![20.0, 10.0, 0.0, 0.0]);
    }
}
