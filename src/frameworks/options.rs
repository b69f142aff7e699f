//! Settings of the frameworks: which run, and every threshold standards.md leaves unconfirmed
//! (⚠️) or ambiguous, with its default. Read from JSON with [`FrameworkOptions::from_json`];
//! every result echoes the values used under `settings`.

use crate::error::{Code, Path, Problems};
use crate::json::Json;
use crate::read;
use serde::Serialize;

/// The frameworks by their wire key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum FrameworkKey {
    ChinaEventGrade,
    ChinaRiskArea2020,
    ChinaRiskArea2022,
    WhoPhsm,
    CdcTransmission,
    CdcCommunity,
    CovidActNow,
    Harvard,
}

impl FrameworkKey {
    pub const ALL: [FrameworkKey; 8] = [
        FrameworkKey::ChinaEventGrade,
        FrameworkKey::ChinaRiskArea2020,
        FrameworkKey::ChinaRiskArea2022,
        FrameworkKey::WhoPhsm,
        FrameworkKey::CdcTransmission,
        FrameworkKey::CdcCommunity,
        FrameworkKey::CovidActNow,
        FrameworkKey::Harvard,
    ];
    pub const WIRE: [&'static str; 8] = [
        "chinaEventGrade",
        "chinaRiskArea2020",
        "chinaRiskArea2022",
        "whoPhsm",
        "cdcTransmission",
        "cdcCommunity",
        "covidActNow",
        "harvard",
    ];

    pub fn as_str(self) -> &'static str {
        Self::WIRE[self as usize]
    }
}

/// Which of China's 2022 rule sets `chinaRiskArea2022` applies (standards.md §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rules2022 {
    /// 防控方案第九版 (Jun 2022): high → medium after 7 days, → low after 3 more.
    NinthEdition,
    /// The 11 Nov 2022 notice (“二十条”): medium abolished, high → low after 5 days.
    TwentyMeasures,
}

impl Rules2022 {
    pub const WIRE: [&'static str; 2] = ["ninth-edition", "twenty-measures"];
    const ALL: [Rules2022; 2] = [Rules2022::NinthEdition, Rules2022::TwentyMeasures];
}

/// WHO's four CT indicators (standards.md §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WhoIndicator {
    Cases,
    Admissions,
    Deaths,
    TestPositivity,
}

impl WhoIndicator {
    pub const ALL: [WhoIndicator; 4] =
        [WhoIndicator::Cases, WhoIndicator::Admissions, WhoIndicator::Deaths, WhoIndicator::TestPositivity];
    pub const WIRE: [&'static str; 4] = ["cases", "admissions", "deaths", "testPositivity"];
}

/// The lower bounds of CT2, CT3 and CT4 for each WHO indicator: below the first is CT1
/// (standards.md §2.1, Annex of WHO's 4 Nov 2020 guidance; ⚠️ recalled, not confirmed).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WhoCtThresholds {
    /// New hospitalisations per 100 000 per week: <5 | 5–<10 | 10–<30 | ≥30.
    pub admissions: [f64; 3],
    /// Deaths per 100 000 per week: <1 | 1–<2 | 2–<5 | ≥5.
    pub deaths: [f64; 3],
    /// New confirmed cases per 100 000 per week: <20 | 20–<50 | 50–<150 | ≥150.
    pub cases: [f64; 3],
    /// Test positivity, %: <2 | 2–<5 | 5–<20 | ≥20.
    pub test_positivity_percent: [f64; 3],
}

impl Default for WhoCtThresholds {
    fn default() -> Self {
        WhoCtThresholds {
            admissions: [5.0, 10.0, 30.0],
            deaths: [1.0, 2.0, 5.0],
            cases: [20.0, 50.0, 150.0],
            test_positivity_percent: [2.0, 5.0, 20.0],
        }
    }
}

impl WhoCtThresholds {
    pub fn of(&self, i: WhoIndicator) -> &[f64; 3] {
        match i {
            WhoIndicator::Cases => &self.cases,
            WhoIndicator::Admissions => &self.admissions,
            WhoIndicator::Deaths => &self.deaths,
            WhoIndicator::TestPositivity => &self.test_positivity_percent,
        }
    }
}

/// WHO's situational level (0–4) for each transmission category (rows) and response capacity
/// (columns: adequate, moderate, limited) (standards.md §2.1; ⚠️ recalled, not confirmed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhoLevelMatrix {
    pub none: [u8; 3],
    pub sporadic: [u8; 3],
    pub clusters: [u8; 3],
    #[serde(rename = "CT1")]
    pub ct1: [u8; 3],
    #[serde(rename = "CT2")]
    pub ct2: [u8; 3],
    #[serde(rename = "CT3")]
    pub ct3: [u8; 3],
    #[serde(rename = "CT4")]
    pub ct4: [u8; 3],
}

/// The matrix's row keys, in the order of [`WhoLevelMatrix::rows`].
pub const WHO_TRANSMISSION: [&str; 7] = ["none", "sporadic", "clusters", "CT1", "CT2", "CT3", "CT4"];

impl Default for WhoLevelMatrix {
    fn default() -> Self {
        WhoLevelMatrix {
            none: [0, 0, 1],
            sporadic: [0, 1, 1],
            clusters: [1, 1, 2],
            ct1: [1, 2, 2],
            ct2: [2, 2, 3],
            ct3: [2, 3, 3],
            ct4: [3, 3, 4],
        }
    }
}

impl WhoLevelMatrix {
    pub fn rows(&self) -> [[u8; 3]; 7] {
        [self.none, self.sporadic, self.clusters, self.ct1, self.ct2, self.ct3, self.ct4]
    }

    fn from_rows(r: [[u8; 3]; 7]) -> Self {
        WhoLevelMatrix { none: r[0], sporadic: r[1], clusters: r[2], ct1: r[3], ct2: r[4], ct3: r[5], ct4: r[6] }
    }
}

/// Default multiple of the 5-year baseline for China's Ⅱ class B/C criterion.
/// standards.md §1.1: Ⅱ reads "超过前5年同期平均发病水平2倍以上", ambiguous between > 2× and
/// > 3× the baseline (⚠️). Read like Ⅲ's "超过…1倍以上" (= > 2×), "exceeds by 2 times" is > 3×.
pub const DEFAULT_CHINA_II_BASELINE_MULTIPLE: f64 = 3.0;
/// Days without a new local case that end a response: the longest incubation period.
/// Default 14, COVID-19's as China's Feb 2020 county rule uses it ("no new confirmed case for 14
/// consecutive days", standards.md §1.4 ✅); the national plan's termination rule itself
/// (§1.2 (d), "no new case for the longest incubation period after the last case") is ⚠️.
pub const DEFAULT_INCUBATION_PERIOD_DAYS: u32 = 14;
/// WHO "no cases": no local or imported case for this many days (28 = twice a 14-day maximum
/// incubation period). ⚠️ Recalled from the Nov 2020 guidance; standards.md §2.1 gives the
/// category ("No cases") but not its window.
pub const DEFAULT_WHO_NO_CASES_DAYS: u32 = 28;
/// WHO community transmission when at least this many clusters occurred in 14 days: WHO's
/// definition says "multiple unrelated clusters" (standards.md §2.1 ✅); reading "multiple" as
/// 2 or more is this crate's choice.
pub const DEFAULT_WHO_CT_CLUSTERS: u32 = 2;
/// ... or when the 2-week weekly case rate is at least this (per 100 000): the lower bound of
/// CT2, above which WHO's own table grades the incidence as community transmission. A design
/// choice, not from WHO.
pub const DEFAULT_WHO_CT_CASES_PER_100K: f64 = 20.0;

/// Every setting of the frameworks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkOptions {
    /// The frameworks evaluated (default: all).
    pub enabled: Vec<FrameworkKey>,
    /// [`DEFAULT_CHINA_II_BASELINE_MULTIPLE`] (⚠️ ambiguous wording).
    #[serde(rename = "chinaGradeIIBaselineMultiple")]
    pub china_grade_ii_baseline_multiple: f64,
    /// Default [`Rules2022::NinthEdition`].
    pub china_risk_area_2022_rules: Rules2022,
    /// [`DEFAULT_INCUBATION_PERIOD_DAYS`].
    pub incubation_period_days: u32,
    /// [`WhoCtThresholds::default`] (⚠️).
    pub who_ct_thresholds: WhoCtThresholds,
    /// [`WhoLevelMatrix::default`] (⚠️).
    pub who_level_matrix: WhoLevelMatrix,
    /// The WHO indicators combined (the highest CT among them); default all four.
    pub who_indicators: Vec<WhoIndicator>,
    /// [`DEFAULT_WHO_NO_CASES_DAYS`] (⚠️).
    pub who_no_cases_days: u32,
    /// [`DEFAULT_WHO_CT_CLUSTERS`] (design choice).
    pub who_community_transmission_clusters: u32,
    /// [`DEFAULT_WHO_CT_CASES_PER_100K`] (design choice).
    #[serde(rename = "whoCommunityTransmissionCasesPer100k")]
    pub who_community_transmission_cases_per_100k: f64,
    /// Wire keys of the settings given (not defaulted): the notes say "set by the user" for them.
    pub given: Vec<&'static str>,
}

impl Default for FrameworkOptions {
    fn default() -> Self {
        FrameworkOptions {
            enabled: FrameworkKey::ALL.to_vec(),
            china_grade_ii_baseline_multiple: DEFAULT_CHINA_II_BASELINE_MULTIPLE,
            china_risk_area_2022_rules: Rules2022::NinthEdition,
            incubation_period_days: DEFAULT_INCUBATION_PERIOD_DAYS,
            who_ct_thresholds: WhoCtThresholds::default(),
            who_level_matrix: WhoLevelMatrix::default(),
            who_indicators: WhoIndicator::ALL.to_vec(),
            who_no_cases_days: DEFAULT_WHO_NO_CASES_DAYS,
            who_community_transmission_clusters: DEFAULT_WHO_CT_CLUSTERS,
            who_community_transmission_cases_per_100k: DEFAULT_WHO_CT_CASES_PER_100K,
            given: Vec::new(),
        }
    }
}

const KEYS: [&str; 10] = [
    "enabled",
    "chinaGradeIIBaselineMultiple",
    "chinaRiskArea2022Rules",
    "incubationPeriodDays",
    "whoCtThresholds",
    "whoLevelMatrix",
    "whoIndicators",
    "whoNoCasesDays",
    "whoCommunityTransmissionClusters",
    "whoCommunityTransmissionCasesPer100k",
];
const CT_KEYS: [&str; 4] = ["cases", "admissions", "deaths", "testPositivityPercent"];
/// Longest incubation period or "no cases" window accepted (days).
pub const MAX_DAYS_SETTING: u32 = 90;

impl FrameworkOptions {
    pub fn is_enabled(&self, k: FrameworkKey) -> bool {
        self.enabled.contains(&k)
    }

    /// True when the setting `key` (wire name) was given rather than defaulted.
    pub fn was_given(&self, key: &str) -> bool {
        self.given.contains(&key)
    }

    /// Reads an options object at `path` (`null` or `{}` gives the defaults). Records every
    /// problem (unknown keys, wrong types, values out of range, thresholds not increasing, a
    /// level matrix that falls as transmission rises or capacity shrinks) and returns `None` if
    /// there was any.
    pub fn from_json(value: &Json, path: &Path, problems: &mut Problems) -> Option<FrameworkOptions> {
        let mut o = FrameworkOptions::default();
        if value.is_null() {
            return Some(o);
        }
        let before = problems.len();
        let obj = read::object(value, path, &KEYS, problems)?;
        if let Some(v) = read::field(obj, "enabled") {
            let at = path.key("enabled");
            if let Some(items) = read::array(v, &at, problems) {
                let mut list = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if let Some(k) = read::one_of(item, &at.index(i), &FrameworkKey::WIRE, problems) {
                        if !list.contains(&FrameworkKey::ALL[k]) {
                            list.push(FrameworkKey::ALL[k]);
                        }
                    }
                }
                // Keep the canonical order whatever the input order.
                o.enabled = FrameworkKey::ALL.iter().copied().filter(|k| list.contains(k)).collect();
            }
        }
        if let Some(v) = read::field(obj, "chinaGradeIIBaselineMultiple") {
            let at = path.key("chinaGradeIIBaselineMultiple");
            if let Some(x) = read::number(v, &at, problems) {
                if !(1.0..=100.0).contains(&x) {
                    problems.push(
                        Code::OutOfRange,
                        &at,
                        format!("a multiple of the baseline from 1 to 100 (found {x})"),
                    );
                } else {
                    o.china_grade_ii_baseline_multiple = x;
                }
            }
        }
        if let Some(v) = read::field(obj, "chinaRiskArea2022Rules") {
            if let Some(i) = read::one_of(v, &path.key("chinaRiskArea2022Rules"), &Rules2022::WIRE, problems) {
                o.china_risk_area_2022_rules = Rules2022::ALL[i];
            }
        }
        if let Some(d) = days(obj, "incubationPeriodDays", path, problems) {
            o.incubation_period_days = d;
        }
        if let Some(d) = days(obj, "whoNoCasesDays", path, problems) {
            o.who_no_cases_days = d;
        }
        if let Some(v) = read::field(obj, "whoCtThresholds") {
            read_thresholds(v, &path.key("whoCtThresholds"), &mut o.who_ct_thresholds, problems);
        }
        if let Some(v) = read::field(obj, "whoLevelMatrix") {
            read_matrix(v, &path.key("whoLevelMatrix"), &mut o.who_level_matrix, problems);
        }
        if let Some(v) = read::field(obj, "whoIndicators") {
            let at = path.key("whoIndicators");
            if let Some(items) = read::array(v, &at, problems) {
                let mut list = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    if let Some(k) = read::one_of(item, &at.index(i), &WhoIndicator::WIRE, problems) {
                        list.push(WhoIndicator::ALL[k]);
                    }
                }
                if items.is_empty() {
                    problems.push(Code::OutOfRange, &at, "name at least one WHO indicator");
                }
                o.who_indicators = WhoIndicator::ALL.iter().copied().filter(|k| list.contains(k)).collect();
            }
        }
        if let Some(v) = read::field(obj, "whoCommunityTransmissionClusters") {
            let at = path.key("whoCommunityTransmissionClusters");
            if let Some(x) = read::count(v, &at, problems) {
                if !(1.0..=1000.0).contains(&x) {
                    problems.push(Code::OutOfRange, &at, format!("a number of clusters from 1 to 1000 (found {x})"));
                } else {
                    o.who_community_transmission_clusters = x as u32;
                }
            }
        }
        if let Some(v) = read::field(obj, "whoCommunityTransmissionCasesPer100k") {
            let at = path.key("whoCommunityTransmissionCasesPer100k");
            if let Some(x) = read::number(v, &at, problems) {
                if x <= 0.0 {
                    problems.push(Code::OutOfRange, &at, format!("a rate above 0 (found {x})"));
                } else {
                    o.who_community_transmission_cases_per_100k = x;
                }
            }
        }
        o.given = KEYS.iter().copied().filter(|k| read::field(obj, k).is_some()).collect();
        (problems.len() == before).then_some(o)
    }
}

/// A whole number of days from 1 to [`MAX_DAYS_SETTING`].
fn days(obj: &Json, key: &str, path: &Path, p: &mut Problems) -> Option<u32> {
    let at = path.key(key);
    let x = read::number(read::field(obj, key)?, &at, p)?;
    if x.fract() != 0.0 || !(1.0..=f64::from(MAX_DAYS_SETTING)).contains(&x) {
        p.push(Code::OutOfRange, &at, format!("a whole number of days from 1 to {MAX_DAYS_SETTING} (found {x})"));
        return None;
    }
    Some(x as u32)
}

/// `{ cases?, admissions?, deaths?, testPositivityPercent? }`, each three increasing bounds > 0.
fn read_thresholds(v: &Json, at: &Path, out: &mut WhoCtThresholds, p: &mut Problems) {
    let Some(obj) = read::object(v, at, &CT_KEYS, p) else { return };
    for (key, slot) in
        CT_KEYS.iter().zip([&mut out.cases, &mut out.admissions, &mut out.deaths, &mut out.test_positivity_percent])
    {
        let Some(v) = read::field(obj, key) else { continue };
        let here = at.key(key);
        let Some(items) = read::array(v, &here, p) else { continue };
        if items.len() != 3 {
            p.push(
                Code::LengthMismatch,
                &here,
                format!("give the lower bounds of CT2, CT3 and CT4: 3 numbers, found {}", items.len()),
            );
            continue;
        }
        let before = p.len();
        let xs: Vec<f64> = items.iter().enumerate().filter_map(|(i, x)| read::number(x, &here.index(i), p)).collect();
        if p.len() > before {
            continue;
        }
        if xs[0] <= 0.0 || xs[1] <= xs[0] || xs[2] <= xs[1] || (*key == "testPositivityPercent" && xs[2] > 100.0) {
            p.push(
                Code::OutOfRange,
                &here,
                "the bounds must be above 0 and strictly increasing (percentages at most 100)",
            );
            continue;
        }
        *slot = [xs[0], xs[1], xs[2]];
    }
}

/// `{ none?, sporadic?, clusters?, CT1?, ... }`, each `[adequate, moderate, limited]` levels 0–4,
/// merged over the default; the result must not fall down the rows or along a row.
fn read_matrix(v: &Json, at: &Path, out: &mut WhoLevelMatrix, p: &mut Problems) {
    let Some(obj) = read::object(v, at, &WHO_TRANSMISSION, p) else { return };
    let before = p.len();
    let mut rows = out.rows();
    for (r, key) in WHO_TRANSMISSION.iter().enumerate() {
        let Some(v) = read::field(obj, key) else { continue };
        let here = at.key(key);
        let Some(items) = read::array(v, &here, p) else { continue };
        if items.len() != 3 {
            p.push(
                Code::LengthMismatch,
                &here,
                format!(
                    "give the levels for adequate, moderate and limited capacity: 3 numbers, found {}",
                    items.len()
                ),
            );
            continue;
        }
        for (c, item) in items.iter().enumerate() {
            let cell = here.index(c);
            if let Some(x) = read::count(item, &cell, p) {
                if x > 4.0 {
                    p.push(Code::OutOfRange, &cell, format!("a WHO level is 0 to 4 (found {x})"));
                } else {
                    rows[r][c] = x as u8;
                }
            }
        }
    }
    if p.len() > before {
        return;
    }
    for r in 0..7 {
        for c in 0..3 {
            let falls_down = r > 0 && rows[r][c] < rows[r - 1][c];
            let falls_along = c > 0 && rows[r][c] < rows[r][c - 1];
            if falls_down || falls_along {
                p.push(
                    Code::OutOfRange,
                    &at.key(WHO_TRANSMISSION[r]).index(c),
                    "the level must not fall as transmission rises (down the rows) or as capacity shrinks (along a row)",
                );
                return;
            }
        }
    }
    *out = WhoLevelMatrix::from_rows(rows);
}
