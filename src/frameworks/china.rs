//! China: the grading of public-health emergencies (standards.md §1.1) and the COVID-19 risk
//! areas of 2020 and 2022 (§1.4).

use super::indicators::Indicators;
use super::options::{FrameworkOptions, Rules2022};
use super::standdown::{
    streak, NINTH_EDITION_HIGH_TO_MEDIUM_DAYS, NINTH_EDITION_TO_LOW_DAYS, TWENTY_MEASURES_HIGH_TO_LOW_DAYS,
};
use super::{
    column_path, date_text, day_path, extend_unique, input_path, num, Criterion, FrameworkResult, Reading, View,
    MAX_LISTED,
};
use crate::signals::incidence::Note;
use crate::situation::{Column, DiseaseClass, RegionKind};
use serde::Serialize;

const SOURCE_GRADE: &str = "国家突发公共卫生事件应急预案 (State Council, 26 Feb 2006) §1.3 (Ⅰ); 现行突发公共卫生事件报告和分级标准一览表 as reproduced in provincial plans (Ⅱ–Ⅳ) (standards.md §1.1)";
const SOURCE_2020: &str = "联防联控机制《关于科学防治精准施策分区分级做好新冠肺炎疫情防控工作的指导意见》, Feb 2020, unit = county (standards.md §1.4)";
const SOURCE_2022: &str =
    "防控方案第九版, Jun 2022; the 11 Nov 2022 notice on optimising measures (“二十条”) (standards.md §1.4)";

/// Grade words by rank: 1 = Ⅳ 一般 … 4 = Ⅰ 特别重大 (rank 0: no criterion met).
pub const GRADES: [&str; 5] = ["none", "IV", "III", "II", "I"];
/// Risk-area words by rank.
pub const RISK_AREA_LEVELS: [&str; 3] = ["low", "medium", "high"];

/// China's grade of the event, with every criterion checked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChinaEventGrade {
    /// `"I" | "II" | "III" | "IV"`; null when no criterion is met (`severity: 0`) or when an
    /// input that could raise it is missing (`severity: null`, see `missing`).
    #[serde(flatten)]
    pub result: FrameworkResult,
    /// The disease-specific rules applied: a recognised disease's canonical name,
    /// `"class B/C"`, or null.
    pub rules_applied: Option<&'static str>,
    /// Every criterion the situation can express, met or not.
    pub criteria: Vec<CriterionCheck>,
}

/// One grading criterion and whether the situation meets it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionCheck {
    pub code: &'static str,
    /// The grade it sets: `"I"`, `"II"`, `"III"` or `"IV"`.
    pub grade: &'static str,
    /// `"met"`, `"not-met"` or `"unknown"`.
    pub status: &'static str,
    /// The criterion, with the values read.
    pub text: String,
    /// When unknown: the inputs it needs.
    pub missing: Vec<String>,
}

/// A three-valued answer: known yes or no, or unknown for want of the named inputs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tri {
    Yes,
    No,
    Unknown(Vec<String>),
}

impl Tri {
    /// `value ≥ min`, unknown (for want of `path`) when the value is.
    pub(crate) fn at_least(value: Option<f64>, min: f64, path: &str) -> Tri {
        match value {
            Some(x) if x >= min => Tri::Yes,
            Some(_) => Tri::No,
            None => Tri::Unknown(vec![path.to_string()]),
        }
    }

    pub(crate) fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Yes, Tri::Yes) => Tri::Yes,
            (Tri::Unknown(mut a), Tri::Unknown(b)) => {
                extend_unique(&mut a, &b);
                Tri::Unknown(a)
            }
            (Tri::Unknown(a), _) | (_, Tri::Unknown(a)) => Tri::Unknown(a),
        }
    }

    pub(crate) fn or(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::Yes, _) | (_, Tri::Yes) => Tri::Yes,
            (Tri::No, Tri::No) => Tri::No,
            (Tri::Unknown(mut a), Tri::Unknown(b)) => {
                extend_unique(&mut a, &b);
                Tri::Unknown(a)
            }
            (Tri::Unknown(a), _) | (_, Tri::Unknown(a)) => Tri::Unknown(a),
        }
    }

    /// The possible values: one when known, both when unknown.
    fn cases(&self) -> &'static [bool] {
        match self {
            Tri::Yes => &[true],
            Tri::No => &[false],
            Tri::Unknown(_) => &[false, true],
        }
    }

    pub(crate) fn missing(&self) -> &[String] {
        match self {
            Tri::Unknown(m) => m,
            _ => &[],
        }
    }
}

/// Diseases with their own criteria in standards.md §1.1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disease {
    PneumonicPlague,
    PulmonaryAnthrax,
    BubonicPlague,
    Sars,
    Hpai,
    Cholera,
}

/// Recognised names of each disease, matched case-insensitively after trimming and collapsing
/// spaces. Any other name falls back to the rules of `events.diseaseClass`.
pub const DISEASE_NAMES: [(Disease, &str, &[&str]); 6] = [
    (Disease::PneumonicPlague, "pneumonic plague", &["pneumonic plague", "肺鼠疫"]),
    (
        Disease::PulmonaryAnthrax,
        "pulmonary anthrax",
        &["pulmonary anthrax", "inhalation anthrax", "inhalational anthrax", "肺炭疽"],
    ),
    (Disease::BubonicPlague, "bubonic plague", &["bubonic plague", "腺鼠疫"]),
    (Disease::Sars, "SARS", &["sars", "severe acute respiratory syndrome", "传染性非典型肺炎", "非典"]),
    (
        Disease::Hpai,
        "human HPAI",
        &[
            "hpai",
            "human hpai",
            "highly pathogenic avian influenza",
            "human highly pathogenic avian influenza",
            "human infection with highly pathogenic avian influenza",
            "人感染高致病性禽流感",
            "高致病性禽流感",
        ],
    ),
    (Disease::Cholera, "cholera", &["cholera", "霍乱"]),
];

/// The disease a name denotes, if it is one of [`DISEASE_NAMES`].
pub fn recognise(name: &str) -> Option<(Disease, &'static str)> {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    DISEASE_NAMES.iter().find(|(_, _, aliases)| aliases.contains(&key.as_str())).map(|(d, n, _)| (*d, *n))
}

struct Check {
    code: &'static str,
    rank: usize,
    text: String,
    test: Tri,
}

fn check(code: &'static str, rank: usize, text: String, test: Tri) -> Check {
    Check { code, rank, text, test }
}

/// Grades the event by the criteria of standards.md §1.1 that `events` and the series can
/// express. Criteria that need a judgement (a "trend to spread" on its own, a large or medium
/// city, designation by a health department, poisonings, iatrogenic infection, lost strains, an
/// epidemic abroad) are not evaluated; a note says so.
pub(crate) fn event_grade(view: &View<'_>, ind: &Indicators, options: &FrameworkOptions) -> ChinaEventGrade {
    let ev = &view.situation.events;
    let path = |k: &str| input_path("events", k);
    let (p_cases, p_counties, p_prefectures, p_provinces, p_unexplained) = (
        path("casesWithinIncubationPeriod"),
        path("countiesAffected"),
        path("prefecturesAffected"),
        path("provincesAffected"),
        path("unexplainedClusters"),
    );
    let shown = |x: Option<f64>| x.map_or("not given".to_string(), num);
    let cases = ev.cases_within_incubation_period;
    let counties = || Tri::at_least(ev.counties_affected, 2.0, &p_counties);
    let prefectures = || Tri::at_least(ev.prefectures_affected, 2.0, &p_prefectures);
    let provinces = || Tri::at_least(ev.provinces_affected, 2.0, &p_provinces);
    let case_count = |min: f64| Tri::at_least(cases, min, &p_cases);
    // A case: casesWithinIncubationPeriod ≥ 1, or any local or imported case in the series.
    let any_in_series = (0..=view.end()).any(|i| {
        [Column::LocalCases, Column::ImportedCases].iter().any(|c| view.value(*c, i).is_some_and(|x| x > 0.0))
    });
    let any_case = || if any_in_series { Tri::Yes } else { case_count(1.0) };
    let c_counties = format!("countiesAffected = {}", shown(ev.counties_affected));
    let c_prefectures = format!("prefecturesAffected = {}", shown(ev.prefectures_affected));
    let c_provinces = format!("provincesAffected = {}", shown(ev.provinces_affected));
    let c_cases = format!("casesWithinIncubationPeriod = {}", shown(cases));

    let mut checks = Vec::new();
    let mut notes = Vec::new();
    let named = ev.disease.as_deref().and_then(recognise);
    let mut rules_applied = named.map(|(_, n)| n);
    match named.map(|(d, _)| d) {
        Some(Disease::PneumonicPlague | Disease::PulmonaryAnthrax) => {
            let d = "pneumonic plague or pulmonary anthrax";
            checks.push(check("pneumonic-spread-provinces", 4, format!("{d} spreading to ≥ 2 provinces ({c_provinces})"), provinces()));
            checks.push(check(
                "pneumonic-5-cases",
                3,
                format!("≥ 5 cases of {d} in one county within one mean incubation period (6 days) ({c_cases})"),
                case_count(5.0),
            ));
            checks.push(check("pneumonic-spread-counties", 3, format!("{d} with linked spread to ≥ 2 counties ({c_counties})"), counties()));
            checks.push(check(
                "pneumonic-case",
                2,
                format!("{d}: fewer than 5 cases within one incubation period, confined to one county (a case is known: casesWithinIncubationPeriod ≥ 1 or a case in the series)"),
                any_case(),
            ));
        }
        Some(Disease::BubonicPlague) => {
            checks.push(check(
                "bubonic-20-cases",
                3,
                format!("bubonic plague: ≥ 20 cases in one prefecture within one incubation period ({c_cases})"),
                case_count(20.0),
            ));
            checks.push(check("bubonic-spread-prefectures", 3, format!("bubonic plague spreading to ≥ 2 prefectures ({c_prefectures})"), prefectures()));
            checks.push(check(
                "bubonic-10-cases",
                2,
                format!("bubonic plague: ≥ 10 cases in one county within one incubation period ({c_cases})"),
                case_count(10.0),
            ));
            checks.push(check("bubonic-spread-counties", 2, format!("bubonic plague in ≥ 2 counties ({c_counties})"), counties()));
            checks.push(check(
                "bubonic-case",
                1,
                "bubonic plague: fewer than 10 cases in one county within one incubation period (a case is known)".into(),
                any_case(),
            ));
        }
        Some(Disease::Sars | Disease::Hpai) => {
            checks.push(check(
                "sars-hpai-case",
                3,
                "a suspected SARS or human HPAI case (a case is known: casesWithinIncubationPeriod ≥ 1 or a case in the series)".into(),
                any_case(),
            ));
            notes.push(Note {
                code: "needs-judgement",
                message: "Ⅰ for SARS or human HPAI needs \"a trend to spread\", a judgement the data cannot express".into(),
            });
        }
        Some(Disease::Cholera) => {
            let week = ind.local_cases_7d.value;
            let week_path = || {
                if ind.local_cases_7d.missing.is_empty() {
                    vec![column_path(Column::LocalCases)]
                } else {
                    ind.local_cases_7d.missing.clone()
                }
            };
            let weekly = |min: f64| match week {
                Some(x) if x >= min => Tri::Yes,
                Some(_) => Tri::No,
                None => Tri::Unknown(week_path()),
            };
            let c_week = format!("local cases in the 7 days to {} = {}", view.as_of, shown(week));
            checks.push(check("cholera-30-in-week", 3, format!("cholera: ≥ 30 cases in one prefecture in 1 week ({c_week})"), weekly(30.0)));
            checks.push(check(
                "cholera-spread-prefectures",
                3,
                format!("cholera spreading to ≥ 2 prefectures ({c_prefectures}; the trend to spread is not assessed)"),
                prefectures(),
            ));
            checks.push(check("cholera-10-in-week", 2, format!("cholera: 10–29 cases in one county in 1 week ({c_week})"), weekly(10.0)));
            checks.push(check("cholera-spread-counties", 2, format!("cholera in ≥ 2 counties ({c_counties})"), counties()));
            checks.push(check("cholera-case", 1, "cholera: 9 or fewer cases in one county in 1 week (a case is known)".into(), any_case()));
        }
        None => match ev.disease_class {
            Some(DiseaseClass::B | DiseaseClass::C) => {
                rules_applied = Some("class B/C");
                baseline_checks(view, ind, options, &mut checks, &mut notes);
            }
            Some(DiseaseClass::A) => checks.push(check(
                "class-a-unnamed",
                4,
                "a class A disease not recognised by name: its criteria (pneumonic or bubonic plague, cholera) need the name".into(),
                Tri::Unknown(vec![path("disease")]),
            )),
            Some(DiseaseClass::New | DiseaseClass::Unknown) => {}
            None => checks.push(check(
                "disease-unnamed",
                4,
                "the disease is neither recognised by name nor given a class: its criteria cannot be chosen".into(),
                Tri::Unknown(vec![path("disease"), path("diseaseClass")]),
            )),
        },
    }
    if let (Some(name), None) = (ev.disease.as_deref(), named) {
        notes.push(Note {
            code: "disease-not-recognised",
            message: format!(
                "\"{name}\" has no criteria of its own in the grading standard; the rules of its class apply (recognised: {})",
                DISEASE_NAMES.iter().map(|(_, n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        });
    }
    // Unexplained clusters (不明原因群体性疾病), any disease.
    let unexplained = || Tri::at_least(ev.unexplained_clusters, 1.0, &p_unexplained);
    let c_unexplained = format!("unexplainedClusters = {}", shown(ev.unexplained_clusters));
    checks.push(check(
        "unexplained-provinces",
        4,
        format!("clusters of unexplained disease involving ≥ 2 provinces ({c_unexplained}, {c_provinces}; the trend to spread is not assessed)"),
        unexplained().and(provinces()),
    ));
    checks.push(check(
        "unexplained-counties",
        3,
        format!("a cluster of unexplained disease spreading to ≥ 2 counties ({c_unexplained}, {c_counties})"),
        unexplained().and(counties()),
    ));
    checks.push(check(
        "unexplained-cluster",
        2,
        format!("a cluster of unexplained disease within one county ({c_unexplained})"),
        unexplained(),
    ));
    // A new disease, or one not yet found in China (新发或我国尚未发现的传染病).
    let new = if ev.disease_class == Some(DiseaseClass::New) {
        Tri::Yes
    } else {
        match ev.new_or_imported_disease {
            Some(true) => Tri::Yes,
            Some(false) => Tri::No,
            None => Tri::Unknown(vec![path("newOrImportedDisease")]),
        }
    };
    let c_new = format!(
        "newOrImportedDisease = {}, diseaseClass = {}",
        ev.new_or_imported_disease.map_or("not given".into(), |b| b.to_string()),
        ev.disease_class.map_or("not given", |c| c.as_str())
    );
    checks.push(check(
        "new-disease-spreading",
        4,
        format!("a new disease, or one not yet found in China, occurs or is imported and spreads; spread read as linked cases in ≥ 2 counties ({c_new}, {c_counties})"),
        new.clone().and(counties()),
    ));
    checks.push(check(
        "new-disease",
        3,
        format!("a disease not yet found in China occurs or is imported, not yet spread ({c_new})"),
        new,
    ));

    let fired = checks.iter().filter(|c| c.test == Tri::Yes).map(|c| c.rank).max().unwrap_or(0);
    let open: Vec<&Check> = checks.iter().filter(|c| c.rank > fired && matches!(c.test, Tri::Unknown(_))).collect();
    let mut missing = Vec::new();
    for c in &open {
        extend_unique(&mut missing, c.test.missing());
    }
    let known = open.is_empty();
    if known && fired == 0 {
        notes.push(Note {
            code: "no-criterion-met",
            message: "no grading criterion is met: not a graded public-health emergency on these facts".into(),
        });
    }
    notes.push(Note {
        code: "needs-judgement",
        message: "criteria that need a judgement are not evaluated: a trend to spread on its own, a large or medium city, designation by a health department, food or occupational poisoning, iatrogenic infection, death after vaccination, lost strains, an epidemic in a neighbouring country".into(),
    });
    let decided_by = if known {
        checks
            .iter()
            .filter(|c| c.test == Tri::Yes && c.rank == fired)
            .map(|c| Criterion { code: c.code, text: c.text.clone() })
            .collect()
    } else {
        Vec::new()
    };
    let mut indicators = Vec::new();
    if rules_applied == Some("class B/C") || named.is_some_and(|(d, _)| d == Disease::Cholera) {
        indicators.push(Reading {
            indicator: "localCases7dPer100k",
            value: ind.local_cases_7d_per_100k.value,
            level: None,
            band: None,
        });
        indicators.push(Reading {
            indicator: "localCases7d",
            value: ind.local_cases_7d.value,
            level: None,
            band: None,
        });
    }
    for (key, value) in [
        ("casesWithinIncubationPeriod", cases),
        ("countiesAffected", ev.counties_affected),
        ("prefecturesAffected", ev.prefectures_affected),
        ("provincesAffected", ev.provinces_affected),
        ("unexplainedClusters", ev.unexplained_clusters),
        ("baselineWeeklyIncidence", ev.baseline_weekly_incidence),
    ] {
        if value.is_some() {
            indicators.push(Reading { indicator: key, value, level: None, band: None });
        }
    }
    let criteria = checks
        .iter()
        .map(|c| CriterionCheck {
            code: c.code,
            grade: GRADES[c.rank],
            status: match c.test {
                Tri::Yes => "met",
                Tri::No => "not-met",
                Tri::Unknown(_) => "unknown",
            },
            text: c.text.clone(),
            missing: c.test.missing().to_vec(),
        })
        .collect();
    ChinaEventGrade {
        result: FrameworkResult {
            level: (known && fired > 0).then(|| GRADES[fired]),
            severity: known.then_some(fired as u8),
            at_least: (!known && fired > 0).then(|| GRADES[fired]),
            indicators,
            decided_by,
            missing: if known { Vec::new() } else { missing },
            notes,
            source: SOURCE_GRADE,
        },
        rules_applied,
        criteria,
    }
}

/// Class B/C: 1-week incidence against the mean of the same weeks of the previous 5 years.
/// Ⅲ: "超过前5年同期平均发病水平1倍以上" in one county, read as > 2 × baseline (standards.md §1.1).
/// Ⅱ: "…2倍以上" in ≥ 2 counties: > `chinaGradeIIBaselineMultiple` × baseline (⚠️ ambiguous,
/// default 3). "超过" (exceeds) is strict: exactly the multiple does not meet it. The region's
/// incidence stands for the event's: a county above the multiple is "one county"; a prefecture
/// or province above it has at least one county above it.
fn baseline_checks(
    view: &View<'_>,
    ind: &Indicators,
    options: &FrameworkOptions,
    checks: &mut Vec<Check>,
    notes: &mut Vec<Note>,
) {
    let ev = &view.situation.events;
    let incidence = ind.local_cases_7d_per_100k.value;
    let baseline = ev.baseline_weekly_incidence;
    let k2 = options.china_grade_ii_baseline_multiple;
    let above = |k: f64| match (incidence, baseline) {
        (Some(i), Some(b)) => {
            if i > k * b {
                Tri::Yes
            } else {
                Tri::No
            }
        }
        _ => {
            let mut m = Vec::new();
            if incidence.is_none() {
                m.extend(if ind.local_cases_7d_per_100k.missing.is_empty() {
                    vec![column_path(Column::LocalCases)]
                } else {
                    ind.local_cases_7d_per_100k.missing.clone()
                });
            }
            if baseline.is_none() {
                m.push(input_path("events", "baselineWeeklyIncidence"));
            }
            Tri::Unknown(m)
        }
    };
    let shown = |x: Option<f64>| x.map_or("not given".to_string(), num);
    let values = format!("7-day local incidence {} per 100 000, 5-year baseline {}", shown(incidence), shown(baseline));
    let counties = Tri::at_least(ev.counties_affected, 2.0, &input_path("events", "countiesAffected"));
    checks.push(check(
        "baseline-multiple-counties",
        3,
        format!(
            "a class B/C disease in ≥ 2 counties with 1-week incidence more than {} × the 5-year baseline (超过前5年同期平均发病水平2倍以上) ({values}, countiesAffected = {})",
            num(k2),
            shown(ev.counties_affected)
        ),
        above(k2).and(counties),
    ));
    checks.push(check(
        "baseline-2x",
        2,
        format!("a class B/C disease with 1-week incidence in one county more than 2 × the 5-year baseline (超过前5年同期平均发病水平1倍以上) ({values})"),
        above(2.0),
    ));
    notes.push(Note {
        code: if options.was_given("chinaGradeIIBaselineMultiple") { "setting-given" } else { "ambiguous-threshold" },
        message: format!(
            "Ⅱ's \"超过前5年同期平均发病水平2倍以上\" reads as more than 2× or more than 3× the baseline (standards.md §1.1 ⚠️); this uses {}× (chinaGradeIIBaselineMultiple{})",
            num(k2),
            if options.was_given("chinaGradeIIBaselineMultiple") { ", set in the options" } else { ", default" }
        ),
    });
    if view.situation.region.kind != RegionKind::County {
        notes.push(Note {
            code: "region-not-county",
            message: "the 1-week incidence is the region's; the grading standard compares counties".into(),
        });
    }
}

/// Resolves a rule over three-valued inputs: the level when every possible value of the
/// unknown inputs gives the same one, else null with the lowest possible level as the bound.
fn resolve(inputs: &[&Tri], rule: impl Fn(&[bool]) -> usize) -> (Option<usize>, Option<usize>, Vec<String>) {
    let mut outcomes = Vec::new();
    let mut values = vec![false; inputs.len()];
    fn walk(i: usize, inputs: &[&Tri], values: &mut Vec<bool>, out: &mut Vec<usize>, rule: &dyn Fn(&[bool]) -> usize) {
        if i == inputs.len() {
            out.push(rule(values));
            return;
        }
        for v in inputs[i].cases() {
            values[i] = *v;
            walk(i + 1, inputs, values, out, rule);
        }
    }
    walk(0, inputs, &mut values, &mut outcomes, &rule);
    let (lo, hi) = (outcomes.iter().copied().min().unwrap_or(0), outcomes.iter().copied().max().unwrap_or(0));
    if lo == hi {
        return (Some(lo), None, Vec::new());
    }
    let mut missing = Vec::new();
    for t in inputs {
        extend_unique(&mut missing, t.missing());
    }
    (None, (lo > 0).then_some(lo), missing)
}

/// The Feb 2020 county rule (standards.md §1.4): low = no confirmed case, or no new confirmed
/// case for 14 consecutive days; high = cumulative > 50 and a cluster (聚集性疫情) within 14
/// days; medium = otherwise (new cases within 14 days with cumulative ≤ 50, or cumulative > 50
/// without a cluster). Local confirmed cases; the cumulative total is the series' (see
/// [`super::indicators`]).
pub(crate) fn risk_area_2020(view: &View<'_>, ind: &Indicators) -> FrameworkResult {
    let end = view.end();
    let new14 = match ind.local_cases_14d.value {
        Some(x) if x > 0.0 => Tri::Yes,
        Some(_) => Tri::No,
        None if (end - 13..=end).any(|i| view.value(Column::LocalCases, i).is_some_and(|x| x > 0.0)) => Tri::Yes,
        None => Tri::Unknown(ind.local_cases_14d.missing.clone()),
    };
    let cum = &ind.cumulative_local_cases;
    let over50 = match cum.value {
        Some(x) if x > 50.0 => Tri::Yes,
        Some(_) if !cum.lower_bound => Tri::No,
        _ => Tri::Unknown(
            (0..=end)
                .filter(|&i| view.value(Column::LocalCases, i).is_none())
                .take(MAX_LISTED)
                .map(|i| day_path(Column::LocalCases, i))
                .collect(),
        ),
    };
    let cluster = Tri::at_least(ind.clusters_last_14_days.value, 1.0, &input_path("events", "clustersLast14Days"));
    let rule = |v: &[bool]| match (v[0], v[1], v[2]) {
        (false, _, _) => 0,
        (true, true, true) => 2,
        _ => 1,
    };
    let (level, at_least, missing) = resolve(&[&new14, &over50, &cluster], rule);
    let shown = |x: Option<f64>| x.map_or("unknown".to_string(), num);
    let cum_text = format!("{}{}", if cum.lower_bound { "at least " } else { "" }, shown(cum.value));
    let new_text = shown(ind.local_cases_14d.value);
    let clusters_text = shown(ind.clusters_last_14_days.value);
    let decided_by = match level {
        Some(0) => vec![Criterion {
            code: "no-new-case-14-days",
            text: format!(
                "no new local confirmed case in the 14 days to {} (no confirmed case, or none for 14 consecutive days)",
                view.as_of
            ),
        }],
        Some(1) if over50 == Tri::Yes => vec![Criterion {
            code: "over-50-no-cluster",
            text: format!(
                "cumulative local cases > 50 ({cum_text}) without a cluster within 14 days (clusters: {clusters_text})"
            ),
        }],
        Some(1) => vec![Criterion {
            code: "new-cases-cumulative-50-or-fewer",
            text: format!("new local cases within 14 days ({new_text}) and cumulative ≤ 50 ({cum_text})"),
        }],
        Some(_) => vec![Criterion {
            code: "over-50-and-cluster",
            text: format!(
                "cumulative local cases > 50 ({cum_text}) and a cluster within 14 days (clusters: {clusters_text})"
            ),
        }],
        None => Vec::new(),
    };
    let mut notes = vec![Note {
        code: "local-cases",
        message: "counts local confirmed cases; the cumulative total covers the days in the series only".into(),
    }];
    if view.situation.region.kind != RegionKind::County {
        notes.push(Note {
            code: "region-not-county",
            message: "the 2020 rule grades each county (县/市/区); the region is graded here as one unit".into(),
        });
    }
    let indicators = vec![
        Reading {
            indicator: "localCases14d",
            value: ind.local_cases_14d.value,
            level: ind.local_cases_14d.value.map(|x| if x > 0.0 { "new cases" } else { "none" }),
            band: None,
        },
        Reading {
            indicator: "cumulativeLocalCases",
            value: cum.value,
            level: match over50 {
                Tri::Yes => Some("over 50"),
                Tri::No => Some("50 or fewer"),
                Tri::Unknown(_) => None,
            },
            band: match over50 {
                Tri::Yes => Some("(50, ∞)".into()),
                Tri::No => Some("[0, 50]".into()),
                Tri::Unknown(_) => None,
            },
        },
        Reading {
            indicator: "clustersLast14Days",
            value: ind.clusters_last_14_days.value,
            level: match cluster {
                Tri::Yes => Some("cluster"),
                Tri::No => Some("no cluster"),
                Tri::Unknown(_) => None,
            },
            band: None,
        },
    ];
    FrameworkResult {
        level: level.map(|r| RISK_AREA_LEVELS[r]),
        severity: level.map(|r| r as u8),
        at_least: at_least.map(|r| RISK_AREA_LEVELS[r]),
        indicators,
        decided_by,
        missing,
        notes,
        source: SOURCE_2020,
    }
}

/// The 2022 rules read for a whole county (standards.md §1.4). They designate risk areas by
/// residential compound or village; a county's status here is that of its most severe area,
/// which depends only on the days since the last local infection (confirmed or asymptomatic):
/// 第九版 — fewer than 7 infection-free days: high-risk areas remain; 7 to 9: stepped down to
/// medium; 10 or more (7 + 3): low (a county without a local outbreak designates no areas).
/// 二十条 — fewer than 5: high; 5 or more: low (medium abolished).
/// Unknown days are not counted as infection-free; when they could change the level it is null.
pub(crate) fn risk_area_2022(view: &View<'_>, options: &FrameworkOptions) -> FrameworkResult {
    let rules = options.china_risk_area_2022_rules;
    let rank = |free: i64| match rules {
        Rules2022::NinthEdition if free < i64::from(NINTH_EDITION_HIGH_TO_MEDIUM_DAYS) => 2,
        Rules2022::NinthEdition if free < i64::from(NINTH_EDITION_TO_LOW_DAYS) => 1,
        Rules2022::TwentyMeasures if free < i64::from(TWENTY_MEASURES_HIGH_TO_LOW_DAYS) => 2,
        _ => 0,
    };
    let mut notes = vec![Note {
        code: "county-reading",
        message: "the 2022 rules designate compounds or villages; this reads the county by its most severe area, from the days since the last local infection (confirmed or asymptomatic)".into(),
    }];
    match rules {
        Rules2022::NinthEdition => notes.push(Note {
            code: "negative-test-round",
            message: "each step down also needs a round of negative tests on day 7, which the series does not show: confirm it".into(),
        }),
        Rules2022::TwentyMeasures => notes.push(Note {
            code: "twenty-measures",
            message: "rules of the 11 Nov 2022 notice (“二十条”): medium-risk areas abolished".into(),
        }),
    }
    notes.push(Note {
        code: "rules-retired",
        message: "risk areas were no longer designated once COVID-19 was managed as class B from 8 Jan 2023 (standards.md §1.4 ⚠️)".into(),
    });
    let s = match streak(view, &[Column::LocalCases, Column::Asymptomatic]) {
        Ok(s) => s,
        Err(missing) => {
            return FrameworkResult {
                level: None,
                severity: None,
                at_least: None,
                indicators: Vec::new(),
                decided_by: Vec::new(),
                missing,
                notes,
                source: SOURCE_2022,
            }
        }
    };
    let cautious = rank(s.known_free);
    let hopeful = s.free_if_unknown_free.map_or(0, rank);
    let known = cautious == hopeful;
    let mut missing = Vec::new();
    if !known {
        missing = s.missing.clone();
        if s.last_event.is_none() && s.unknown.is_empty() {
            missing.push(column_path(Column::LocalCases));
            notes.push(Note {
                code: "series-too-short",
                message: format!(
                    "no local infection in the {} days of the series; the days before {} are not known",
                    s.known_free, view.situation.series.start
                ),
            });
        }
    }
    let last = s.last_event.map(|i| date_text(view.date(i)));
    let free_text = match &last {
        Some(d) => {
            format!("{} infection-free day(s) to {} since the last local infection on {d}", s.known_free, view.as_of)
        }
        None => format!("no local infection in the series ({} infection-free days)", s.known_free),
    };
    let unknown_text = if s.unknown.is_empty() {
        String::new()
    } else {
        format!("; {} day(s) with no count are not counted", s.unknown_count)
    };
    let decided_by = if known {
        let (code, why) = match (rules, cautious) {
            (Rules2022::NinthEdition, 2) => ("high-under-7-days", "fewer than 7: high-risk areas remain"),
            (Rules2022::NinthEdition, 1) => ("medium-7-to-9-days", "7 to 9: high-risk areas stepped down to medium"),
            (Rules2022::NinthEdition, _) => ("low-10-days", "10 or more (7 + 3): low"),
            (Rules2022::TwentyMeasures, 2) => ("high-under-5-days", "fewer than 5: high-risk areas remain"),
            (Rules2022::TwentyMeasures, _) => ("low-5-days", "5 or more: low"),
        };
        vec![Criterion { code, text: format!("{free_text}{unknown_text}: {why}") }]
    } else {
        Vec::new()
    };
    let indicators = vec![Reading {
        indicator: "infectionFreeDays",
        value: Some(s.known_free as f64),
        level: Some(RISK_AREA_LEVELS[cautious]),
        band: Some(match (rules, cautious) {
            (Rules2022::NinthEdition, 2) => "[0, 7)".into(),
            (Rules2022::NinthEdition, 1) => "[7, 10)".into(),
            (Rules2022::NinthEdition, _) => "[10, ∞)".into(),
            (Rules2022::TwentyMeasures, 2) => "[0, 5)".into(),
            (Rules2022::TwentyMeasures, _) => "[5, ∞)".into(),
        }),
    }];
    FrameworkResult {
        level: known.then(|| RISK_AREA_LEVELS[cautious]),
        severity: known.then_some(cautious as u8),
        at_least: (!known && hopeful > 0).then(|| RISK_AREA_LEVELS[hopeful]),
        indicators,
        decided_by,
        missing,
        notes,
        source: SOURCE_2022,
    }
}
