//! An SEIR scenario: "what if we cut contacts by c from day d?", side by side with no action.
//!
//! Model (standards.md §7; Anderson & May, *Infectious Diseases of Humans*, 1991):
//! `dS/dt = −βSI/N`, `dE/dt = βSI/N − σE`, `dI/dt = σE − γI`, `dR/dt = γI`, with `1/σ` the
//! latent period, `1/γ` the infectious period and `R0 = β/γ`. The action scales contacts:
//! `β(t) = β0 (1 − c)` for `t ≥ d − 1` (from the start of projected day d), else `β0`.
//!
//! Integration: classical fourth-order Runge–Kutta on nalgebra vectors with a fixed step of
//! 1/[`STEPS_PER_DAY`] day; the action starts on a step boundary, so no step straddles the jump
//! in β. RK4 keeps `S + E + I + R = N` to rounding (each stage's derivatives sum to 0).
//! Halving the step changes no daily value by more than 1e-9 relative + 1e-8 persons
//! (`tests/seir.rs`); SciPy's `solve_ivp` (RK45, rtol 1e-12) agrees to 1e-8 relative + 1e-7
//! persons (`tests/fixtures/seir.json`).
//!
//! Daily output for days 1..=H (day k is `(k − 1, k]` in model time, day 0 the last observed
//! day): **new infections** `S(k−1) − S(k)` (the S→E flow, exact for the integrator),
//! **new infectious** (the E→I flow `∫σE`, the closest to cases reported at onset), the
//! compartments at the end of the day (`prevalence` is I) and cumulative new infections.

use crate::error::{Code, InputError, Path, Problems};
use crate::json::Json;
use crate::read;
use crate::signals::incidence::Note;
use nalgebra::SVector;
use serde::Serialize;

/// Default latent period (days, `1/σ`): the median latency period, ~3.69 days, estimated with
/// the infectious period in a SEIR-type model of 375 Chinese cities, 10–23 January 2020 (Li R,
/// Pei S, Chen B et al., *Science* 2020;368(6490):489–493, doi:10.1126/science.abb3221).
pub const DEFAULT_LATENT_PERIOD: f64 = 3.69;
/// Default infectious period (days, `1/γ`): the median estimate, 3.47 days (Li et al. 2020,
/// ibid.).
pub const DEFAULT_INFECTIOUS_PERIOD: f64 = 3.47;
/// Default horizon in days (a choice, not from a source: long enough to show the peak of most
/// scenarios; echoed in `settings`).
pub const DEFAULT_HORIZON_DAYS: usize = 90;
/// Longest horizon: two years.
pub const MAX_HORIZON_DAYS: usize = 730;
/// RK4 steps per day (a step of 1/24 day, one hour).
pub const STEPS_PER_DAY: usize = 24;
/// Shortest latent or infectious period accepted, in days: keeps `σh`, `γh` ≤ 1/12.
pub const MIN_PERIOD: f64 = 0.5;
/// Longest latent or infectious period accepted, in days.
pub const MAX_PERIOD: f64 = 60.0;
/// Largest reproduction number accepted (measles' R0 is 12–18).
pub const MAX_REPRODUCTION_NUMBER: f64 = 30.0;

/// `[S, E, I, R, C]`: the four compartments and `C`, the cumulative E→I flow.
pub type State = SVector<f64, 5>;

/// `dy/dt` at `y` with transmission rate `beta`, `σ = sigma`, `γ = gamma`, population `n`.
pub fn derivative(y: &State, beta: f64, sigma: f64, gamma: f64, n: f64) -> State {
    let infection = beta * y[0] * y[2] / n;
    let onset = sigma * y[1];
    let recovery = gamma * y[2];
    State::from([-infection, infection - onset, onset - recovery, recovery, onset])
}

/// One classical RK4 step of length `h` with constant `beta`.
pub fn rk4_step(y: &State, h: f64, beta: f64, sigma: f64, gamma: f64, n: f64) -> State {
    let f = |y: &State| derivative(y, beta, sigma, gamma, n);
    let k1 = f(y);
    let k2 = f(&(y + k1 * (h / 2.0)));
    let k3 = f(&(y + k2 * (h / 2.0)));
    let k4 = f(&(y + k3 * h));
    y + (k1 + k2 * 2.0 + k3 * 2.0 + k4) * (h / 6.0)
}

/// The rates of one run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeirRates {
    pub population: f64,
    /// `β0 = R0 · γ` before any action.
    pub beta0: f64,
    pub sigma: f64,
    pub gamma: f64,
    /// Contact reduction c in [0, 1) and the first day (1-based) it applies; `None` for none.
    pub action: Option<(f64, usize)>,
}

/// The state at the end of each day `0..=days` (index 0 is `y0`), integrated by RK4 with
/// `steps_per_day` (≥ 1) steps a day.
pub fn integrate(y0: State, rates: &SeirRates, days: usize, steps_per_day: usize) -> Vec<State> {
    let steps_per_day = steps_per_day.max(1);
    let h = 1.0 / steps_per_day as f64;
    let mut out = Vec::with_capacity(days + 1);
    out.push(y0);
    let mut y = y0;
    for day in 1..=days {
        let beta = match rates.action {
            Some((c, from_day)) if day >= from_day => rates.beta0 * (1.0 - c),
            _ => rates.beta0,
        };
        for _ in 0..steps_per_day {
            y = rk4_step(&y, h, beta, rates.sigma, rates.gamma, rates.population);
        }
        out.push(y);
    }
    out
}

/// A validated scenario request; build it with [`SeirInput::from_json`].
#[derive(Debug, Clone, PartialEq)]
pub struct SeirInput {
    pub population: f64,
    /// R0 = β0/γ: secondary infections per case in a fully susceptible population.
    pub reproduction_number: f64,
    pub latent_period: f64,
    pub infectious_period: f64,
    pub initial_exposed: f64,
    pub initial_infectious: f64,
    pub initial_removed: f64,
    /// Recent mean daily cases the initial E and I were derived from, if they were.
    pub daily_cases: Option<f64>,
    pub horizon_days: usize,
    pub intervention: Option<Intervention>,
    /// Wire keys that took their default.
    pub defaults_used: Vec<&'static str>,
}

/// Contacts cut by `contact_reduction` from projected day `from_day` (1 = the first day).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Intervention {
    pub contact_reduction: f64,
    pub from_day: usize,
}

const ROOT_KEYS: &[&str] =
    &["population", "reproductionNumber", "latentPeriod", "infectiousPeriod", "initial", "horizonDays", "intervention"];
const INITIAL_KEYS: &[&str] = &["exposed", "infectious", "removed", "dailyCases"];
const INTERVENTION_KEYS: &[&str] = &["contactReduction", "fromDay"];

impl SeirInput {
    /// Validates a camelCase request, returning every problem with its path:
    ///
    /// ```text
    /// { population,                         whole number > 0
    ///   reproductionNumber,                 R0, > 0 and ≤ 30 (β0 = R0 / infectiousPeriod)
    ///   latentPeriod?, infectiousPeriod?,   days, 0.5–60 (defaults 3.69 and 3.47)
    ///   initial: { exposed, infectious, removed? }      counts; removed defaults to 0
    ///         or { dailyCases, removed? }               E0 = dailyCases × latentPeriod,
    ///                                                   I0 = dailyCases × infectiousPeriod
    ///   horizonDays?,                       1–730 (default 90)
    ///   intervention?: { contactReduction, fromDay } }  c in [0, 1); day 1..=horizonDays
    /// ```
    ///
    /// `dailyCases` is the recent mean of new cases a day. By Little's law a compartment holds
    /// inflow × mean stay, so with steady incidence and every infection reported E ≈ cases ×
    /// latent period and I ≈ cases × infectious period. Under-reporting makes both too low.
    pub fn from_json(input: &Json) -> Result<SeirInput, InputError> {
        let mut p = Problems::new();
        let root = Path::root();
        crate::limits::check_input(input, &root)?;
        let Some(obj) = read::object(input, &root, ROOT_KEYS, &mut p) else {
            return Err(p.finish(()).unwrap_err());
        };
        let mut defaults_used = Vec::new();
        let population = read::required(obj, "population", &root, &mut p).and_then(|v| {
            let at = root.key("population");
            let x = read::count(v, &at, &mut p)?;
            if x < 1.0 {
                p.push(Code::OutOfRange, &at, "the population must be at least 1");
                return None;
            }
            Some(x)
        });
        let reproduction_number = read::required(obj, "reproductionNumber", &root, &mut p)
            .and_then(|v| in_range(v, &root.key("reproductionNumber"), 0.0, false, MAX_REPRODUCTION_NUMBER, &mut p));
        let mut period = |key: &'static str, default: f64, p: &mut Problems| match read::field(obj, key) {
            None => {
                defaults_used.push(key);
                Some(default)
            }
            Some(v) => in_range(v, &root.key(key), MIN_PERIOD, true, MAX_PERIOD, p),
        };
        let latent_period = period("latentPeriod", DEFAULT_LATENT_PERIOD, &mut p);
        let infectious_period = period("infectiousPeriod", DEFAULT_INFECTIOUS_PERIOD, &mut p);
        let horizon_days = match read::field(obj, "horizonDays") {
            None => {
                defaults_used.push("horizonDays");
                Some(DEFAULT_HORIZON_DAYS)
            }
            Some(v) => whole_day(v, &root.key("horizonDays"), MAX_HORIZON_DAYS, "", &mut p),
        };
        let initial = read::required(obj, "initial", &root, &mut p)
            .and_then(|v| read_initial(v, &root.key("initial"), &mut defaults_used, &mut p));
        let intervention = match read::field(obj, "intervention") {
            None => Some(None),
            Some(v) => read_intervention(v, &root.key("intervention"), horizon_days, &mut p).map(Some),
        };
        let (
            Some(population),
            Some(r),
            Some(latent),
            Some(infectious),
            Some(horizon),
            Some(initial),
            Some(intervention),
        ) = (population, reproduction_number, latent_period, infectious_period, horizon_days, initial, intervention)
        else {
            return Err(p.finish(()).unwrap_err());
        };
        let (exposed, infectious_now) = match initial.daily_cases {
            Some(x) => (x * latent, x * infectious),
            None => (initial.exposed, initial.infectious),
        };
        if exposed + infectious_now + initial.removed > population {
            p.push(
                Code::OutOfRange,
                &root.key("initial"),
                format!(
                    "exposed ({exposed}) + infectious ({infectious_now}) + removed ({}) exceed the population ({population})",
                    initial.removed
                ),
            );
        }
        p.finish(SeirInput {
            population,
            reproduction_number: r,
            latent_period: latent,
            infectious_period: infectious,
            initial_exposed: exposed,
            initial_infectious: infectious_now,
            initial_removed: initial.removed,
            daily_cases: initial.daily_cases,
            horizon_days: horizon,
            intervention,
            defaults_used,
        })
    }

    /// The rates: `σ = 1/latent`, `γ = 1/infectious`, `β0 = R0 γ`.
    pub fn rates(&self, with_action: bool) -> SeirRates {
        let gamma = 1.0 / self.infectious_period;
        SeirRates {
            population: self.population,
            beta0: self.reproduction_number * gamma,
            sigma: 1.0 / self.latent_period,
            gamma,
            action: self.intervention.filter(|_| with_action).map(|i| (i.contact_reduction, i.from_day)),
        }
    }

    /// The state on day 0.
    pub fn initial_state(&self) -> State {
        let s = self.population - self.initial_exposed - self.initial_infectious - self.initial_removed;
        State::from([s.max(0.0), self.initial_exposed, self.initial_infectious, self.initial_removed, 0.0])
    }
}

struct Initial {
    exposed: f64,
    infectious: f64,
    removed: f64,
    daily_cases: Option<f64>,
}

fn read_initial(v: &Json, at: &Path, defaults_used: &mut Vec<&'static str>, p: &mut Problems) -> Option<Initial> {
    let obj = read::object(v, at, INITIAL_KEYS, p)?;
    let before = p.len();
    let number = |key: &str, p: &mut Problems| {
        read::field(obj, key).and_then(|v| {
            let x = read::number(v, &at.key(key), p)?;
            if x < 0.0 {
                p.push(Code::NegativeCount, &at.key(key), format!("cannot be negative (found {x})"));
                return None;
            }
            Some(x)
        })
    };
    let removed = match read::field(obj, "removed") {
        None => {
            defaults_used.push("initial.removed");
            Some(0.0)
        }
        Some(_) => number("removed", p),
    };
    let daily_cases = number("dailyCases", p);
    let given = |key: &str| read::field(obj, key).is_some();
    let (exposed, infectious) = if given("dailyCases") {
        for key in ["exposed", "infectious"] {
            if given(key) {
                p.push(
                    Code::ConflictingFields,
                    &at.key(key),
                    "give either dailyCases (E and I are derived from it), or exposed and infectious, not both",
                );
            }
        }
        (Some(0.0), Some(0.0))
    } else if !given("exposed") && !given("infectious") {
        p.push(Code::Required, &at.key("dailyCases"), "give dailyCases, or exposed and infectious");
        (None, None)
    } else {
        let get = |key: &str, p: &mut Problems| {
            if !given(key) {
                p.push(Code::Required, &at.key(key), "this field is required");
            }
            number(key, p)
        };
        (get("exposed", p), get("infectious", p))
    };
    if p.len() > before {
        return None;
    }
    Some(Initial { exposed: exposed?, infectious: infectious?, removed: removed?, daily_cases })
}

fn read_intervention(v: &Json, at: &Path, horizon: Option<usize>, p: &mut Problems) -> Option<Intervention> {
    let obj = read::object(v, at, INTERVENTION_KEYS, p)?;
    let before = p.len();
    let c = read::required(obj, "contactReduction", at, p).and_then(|v| {
        let at = at.key("contactReduction");
        let x = read::number(v, &at, p)?;
        if !(0.0..1.0).contains(&x) {
            p.push(
                Code::OutOfRange,
                &at,
                format!("must be at least 0 and below 1 (found {x}); 0.3 cuts contacts by 30 %"),
            );
            return None;
        }
        Some(x)
    });
    let max = horizon.unwrap_or(MAX_HORIZON_DAYS);
    let from_day =
        read::required(obj, "fromDay", at, p).and_then(|v| whole_day(v, &at.key("fromDay"), max, " (horizonDays)", p));
    if p.len() > before {
        return None;
    }
    Some(Intervention { contact_reduction: c?, from_day: from_day? })
}

/// A finite number in `(lo, hi]`, or `[lo, hi]` when `closed`.
fn in_range(v: &Json, at: &Path, lo: f64, closed: bool, hi: f64, p: &mut Problems) -> Option<f64> {
    let x = read::number(v, at, p)?;
    let above = if closed { x >= lo } else { x > lo };
    if !above || x > hi {
        let low = if closed { format!("at least {lo}") } else { format!("greater than {lo}") };
        p.push(Code::OutOfRange, at, format!("must be {low} and at most {hi} (found {x})"));
        return None;
    }
    Some(x)
}

/// A whole number of days from 1 to `max`.
fn whole_day(v: &Json, at: &Path, max: usize, what: &str, p: &mut Problems) -> Option<usize> {
    let x = read::number(v, at, p)?;
    if x.fract() != 0.0 || x < 1.0 || x > max as f64 {
        p.push(Code::OutOfRange, at, format!("must be a whole number of days from 1 to {max}{what} (found {x})"));
        return None;
    }
    Some(x as usize)
}

/// The highest daily value and its day (1-based; the first if tied).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Peak {
    pub day: usize,
    pub value: f64,
}

/// One run, days 1..=H.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Trajectory {
    /// New infections each day (S→E).
    pub new_infections: Vec<f64>,
    /// Newly infectious each day (E→I).
    pub new_infectious: Vec<f64>,
    /// Compartments at the end of each day; `prevalence` is I.
    pub susceptible: Vec<f64>,
    pub exposed: Vec<f64>,
    pub prevalence: Vec<f64>,
    pub removed: Vec<f64>,
    /// New infections since day 0.
    pub cumulative_infections: Vec<f64>,
    /// New infections over the horizon.
    pub total_infections: f64,
    pub peak_incidence: Peak,
    pub peak_prevalence: Peak,
    /// False when new infections still rise on the last day: the peak lies beyond the horizon.
    pub peak_within_horizon: bool,
    /// `R0 (1 − c) S/N` at the end of the horizon.
    pub final_effective_reproduction_number: f64,
}

/// The action's effect over the horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// Baseline total infections − scenario total infections.
    pub infections_averted: f64,
    /// `infections_averted / baseline total`; `null` when the baseline has none.
    pub fraction_averted: Option<f64>,
    /// Scenario peak day − baseline peak day (new infections).
    pub peak_delay_days: i64,
    /// Baseline peak incidence − scenario peak incidence.
    pub peak_reduction: f64,
}

/// What the scenario was run with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeirSettings {
    pub population: f64,
    pub reproduction_number: f64,
    /// `R0 · S(0)/N`.
    pub effective_reproduction_number: f64,
    pub latent_period: f64,
    pub infectious_period: f64,
    pub beta0: f64,
    pub sigma: f64,
    pub gamma: f64,
    pub initial_exposed: f64,
    pub initial_infectious: f64,
    pub initial_removed: f64,
    pub daily_cases: Option<f64>,
    pub horizon_days: usize,
    pub intervention: Option<Intervention>,
    pub steps_per_day: usize,
    pub defaults_used: Vec<&'static str>,
}

/// The scenario beside the no-action baseline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SeirResult {
    pub settings: SeirSettings,
    pub baseline: Trajectory,
    /// `null` when no intervention was given.
    pub scenario: Option<Trajectory>,
    pub comparison: Option<Comparison>,
    pub assumptions: Vec<Note>,
    pub notes: Vec<Note>,
}

/// Runs the baseline and, if an intervention is given, the scenario.
pub fn simulate(input: &SeirInput) -> SeirResult {
    simulate_with_steps(input, STEPS_PER_DAY)
}

/// [`simulate`] with another step count (for convergence checks).
pub fn simulate_with_steps(input: &SeirInput, steps_per_day: usize) -> SeirResult {
    let y0 = input.initial_state();
    let run = |with_action: bool| {
        let rates = input.rates(with_action);
        let path = integrate(y0, &rates, input.horizon_days, steps_per_day);
        trajectory(&path, input, &rates)
    };
    let baseline = run(false);
    let scenario = input.intervention.map(|_| run(true));
    let mut notes = Vec::new();
    if input.intervention.is_none() {
        notes.push(Note {
            code: "no-intervention",
            message: "no intervention given: only the baseline is shown".into(),
        });
    }
    for (name, t) in std::iter::once(("baseline", &baseline)).chain(scenario.iter().map(|s| ("scenario", s))) {
        if !t.peak_within_horizon {
            notes.push(Note {
                code: "peak-beyond-horizon",
                message: format!(
                    "in the {name}, new infections still rise on the last day: the peak lies beyond the horizon"
                ),
            });
        }
    }
    if input.initial_exposed + input.initial_infectious == 0.0 {
        notes.push(Note {
            code: "no-infections",
            message: "no one is exposed or infectious on day 0: nothing spreads".into(),
        });
    }
    let comparison = scenario.as_ref().map(|s| {
        let averted = baseline.total_infections - s.total_infections;
        Comparison {
            infections_averted: averted,
            fraction_averted: (baseline.total_infections > 0.0).then(|| averted / baseline.total_infections),
            peak_delay_days: s.peak_incidence.day as i64 - baseline.peak_incidence.day as i64,
            peak_reduction: baseline.peak_incidence.value - s.peak_incidence.value,
        }
    });
    let rates = input.rates(false);
    SeirResult {
        settings: SeirSettings {
            population: input.population,
            reproduction_number: input.reproduction_number,
            effective_reproduction_number: input.reproduction_number * y0[0] / input.population,
            latent_period: input.latent_period,
            infectious_period: input.infectious_period,
            beta0: rates.beta0,
            sigma: rates.sigma,
            gamma: rates.gamma,
            initial_exposed: input.initial_exposed,
            initial_infectious: input.initial_infectious,
            initial_removed: input.initial_removed,
            daily_cases: input.daily_cases,
            horizon_days: input.horizon_days,
            intervention: input.intervention,
            steps_per_day,
            defaults_used: input.defaults_used.clone(),
        },
        baseline,
        scenario,
        comparison,
        assumptions: assumptions(input),
        notes,
    }
}

fn trajectory(path: &[State], input: &SeirInput, rates: &SeirRates) -> Trajectory {
    let days = &path[1..];
    let column = |i: usize| days.iter().map(|y| y[i]).collect::<Vec<f64>>();
    let new_infections: Vec<f64> = path.windows(2).map(|w| w[0][0] - w[1][0]).collect();
    let new_infectious: Vec<f64> = path.windows(2).map(|w| w[1][4] - w[0][4]).collect();
    let prevalence = column(2);
    let s0 = path[0][0];
    let last = path[path.len() - 1];
    let c = rates.action.map_or(0.0, |(c, _)| c);
    let peak_incidence = peak(&new_infections);
    Trajectory {
        peak_within_horizon: new_infections.len() < 2
            || new_infections[new_infections.len() - 1] <= new_infections[new_infections.len() - 2],
        peak_prevalence: peak(&prevalence),
        peak_incidence,
        total_infections: s0 - last[0],
        cumulative_infections: days.iter().map(|y| s0 - y[0]).collect(),
        final_effective_reproduction_number: input.reproduction_number * (1.0 - c) * last[0] / input.population,
        susceptible: column(0),
        exposed: column(1),
        removed: column(3),
        prevalence,
        new_infections,
        new_infectious,
    }
}

fn peak(values: &[f64]) -> Peak {
    let (i, v) =
        values.iter().enumerate().fold((0, f64::NEG_INFINITY), |best, (i, &v)| if v > best.1 { (i, v) } else { best });
    Peak { day: i + 1, value: if v.is_finite() { v } else { 0.0 } }
}

fn assumptions(input: &SeirInput) -> Vec<Note> {
    let mut out = vec![
        Note { code: "homogeneous-mixing", message: "everyone mixes with everyone (no age groups, places or households); latent and infectious periods are exponentially distributed".into() },
        Note { code: "no-births-deaths-imports", message: "a closed population: no births, deaths from other causes, travel or imported infections".into() },
        Note { code: "all-infections", message: "counts are infections, reported or not; reported cases are usually fewer".into() },
    ];
    if input.daily_cases.is_some() {
        out.push(Note {
            code: "initial-from-daily-cases",
            message: format!(
                "exposed = {0} × latent period and infectious = {0} × infectious period (steady incidence, every infection reported)",
                input.daily_cases.unwrap_or(0.0)
            ),
        });
    }
    for key in &input.defaults_used {
        let message = match *key {
            "latentPeriod" => format!("latentPeriod {DEFAULT_LATENT_PERIOD} days: median latency estimated for SARS-CoV-2 in China, January 2020 (Li et al., Science 2020;368:489–93)"),
            "infectiousPeriod" => format!("infectiousPeriod {DEFAULT_INFECTIOUS_PERIOD} days: median infectious period estimated for SARS-CoV-2 in China, January 2020 (Li et al., Science 2020;368:489–93)"),
            "horizonDays" => format!("horizonDays {DEFAULT_HORIZON_DAYS} (a choice, not from a source)"),
            _ => "initial.removed 0: no one immune on day 0 (an assumption, not from a source)".to_owned(),
        };
        out.push(Note { code: "default-setting", message });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivative_by_hand() {
        // N 100, S 90, E 5, I 4, R 1; β 0.5, σ 0.25, γ 0.2: infection 0.5·90·4/100 = 1.8.
        let d = derivative(&State::from([90.0, 5.0, 4.0, 1.0, 0.0]), 0.5, 0.25, 0.2, 100.0);
        let want = [-1.8, 1.8 - 1.25, 1.25 - 0.8, 0.8, 1.25];
        for (g, w) in d.iter().zip(want) {
            assert!((g - w).abs() < 1e-12);
        }
    }

    #[test]
    fn peak_takes_the_first_maximum() {
        assert_eq!(peak(&[1.0, 3.0, 3.0, 2.0]), Peak { day: 2, value: 3.0 });
    }
}
