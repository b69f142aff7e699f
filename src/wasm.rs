//! The JavaScript boundary: every `#[wasm_bindgen]` export, and nothing else.
//!
//! Inputs arrive as plain JS objects and are read into the core's [`Json`] by a small walker
//! ([`JsReader`]: a `Float64Array` anywhere counts as an array of its numbers, copied at once);
//! results leave through serde-wasm-bindgen as plain objects (camelCase keys, maps as objects).
//! Input problems throw a JS `Error` carrying `code`, `path` and `problems`.

use crate::error::{Code, InputError, Problem};
use crate::escalation::{Evaluation, RuleTrace, TableBatch, Value};
use crate::json::Json;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A daily count: a whole number >= 0, or null when the day was not reported (not zero). */
export type DailyCount = number | null;

export interface Region {
  name: string;
  /** Resident population, > 0. */
  population: number;
  kind: "county" | "prefecture" | "province" | "country";
  parent?: string | null;
  neighbours?: string[] | null;
}

/** Equal-length daily columns; `date` holds consecutive ISO dates, oldest first. */
export interface Series {
  date: string[];
  localCases: DailyCount[];
  importedCases?: DailyCount[] | null;
  asymptomatic?: DailyCount[] | null;
  deaths?: DailyCount[] | null;
  admissions?: DailyCount[] | null;
  testsPerformed?: DailyCount[] | null;
  testsPositive?: DailyCount[] | null;
  bedsOccupied?: DailyCount[] | null;
  icuOccupied?: DailyCount[] | null;
}

export interface Capacity {
  beds?: number | null;
  icuBeds?: number | null;
  isolationBeds?: number | null;
  /** WHO PHSM response capacity, as the officials rate it. */
  responseCapacity?: "adequate" | "moderate" | "limited" | null;
}

export interface Events {
  disease?: string | null;
  diseaseClass?: "A" | "B" | "C" | "new" | "unknown" | null;
  clustersLast14Days?: number | null;
  unexplainedClusters?: number | null;
  countiesAffected?: number | null;
  prefecturesAffected?: number | null;
  provincesAffected?: number | null;
  casesWithinIncubationPeriod?: number | null;
  /** Mean weekly incidence per 100 000, same weeks of the previous five years. */
  baselineWeeklyIncidence?: number | null;
  newOrImportedDisease?: boolean | null;
}

/** A serial interval: parametric (gamma shifted by one day, EpiEstim's discr_si; mean > 1), or w_0 = 0, w_1, ... summing to 1. */
export type SerialIntervalInput = { mean: number; sd: number } | { distribution: number[] };

/** Epidemiological settings; each absent one takes its documented default (echoed in the output). */
export interface EpiSettings {
  /** Default: mean 4.7, sd 2.9 days (Nishiura et al. 2020, COVID-19). */
  serialInterval?: SerialIntervalInput | null;
  /** Rt window in days, 2..28 (default 7). */
  rtWindow?: number | null;
  /** Gamma prior on R (default mean 5, sd 5). */
  rtPrior?: { mean: number; sd: number } | null;
  /** Admission/ICU shares, stays and projection horizon (defaults cited in the core). */
  care?: CareSettingsInput | null;
}

/** The one input of an assessment. Unknown keys are errors. */
export interface Situation {
  region: Region;
  /** ISO date YYYY-MM-DD of the assessment. */
  asOf: string;
  series: Series;
  capacity?: Capacity | null;
  events?: Events | null;
  epi?: EpiSettings | null;
}

/** Input of estimateRt (EpiEstim's estimate_R, Cori et al. 2013). Days are 1-based. */
export interface RtRequest {
  incidence?: number[];
  local?: number[];
  imported?: number[];
  si: SerialIntervalInput;
  /** Sliding window length (default 7); ignored when tStart/tEnd are given. */
  window?: number;
  prior?: { mean: number; sd: number };
  tStart?: number[];
  tEnd?: number[];
}

/** One window of estimateRt, EpiEstim's columns (q025 = Quantile.0.025(R), ...). */
export interface RtWindow {
  tStart: number; tEnd: number;
  mean: number; std: number; cv: number;
  q025: number; q05: number; q25: number; median: number; q75: number; q95: number; q975: number;
  /** Gamma posterior shape and scale. */
  shape: number; scale: number;
}

export interface RtEstimate {
  windows: RtWindow[];
  /** The discretised serial interval used, w_0, w_1, ... */
  si: number[];
  siMean: number;
  siStd: number;
  warnings: Note[];
}

/** estimateRtColumns: RtEstimate with each field of the windows as one column. */
export interface RtColumns {
  tStart: Float64Array; tEnd: Float64Array;
  mean: Float64Array; std: Float64Array; cv: Float64Array;
  q025: Float64Array; q05: Float64Array; q25: Float64Array; median: Float64Array;
  q75: Float64Array; q95: Float64Array; q975: Float64Array;
  shape: Float64Array; scale: Float64Array;
  si: Float64Array;
  siMean: number;
  siStd: number;
  warnings: Note[];
}

/** Rt over one window, dated; lower/upper are the 95 % credible interval. */
export interface RtPoint {
  startDate: string; endDate: string;
  mean: number; median: number; lower: number; upper: number; cv: number;
  probabilityAbove1: number;
}

export interface RtSummary {
  latest: RtPoint | null;
  windows: RtPoint[];
  settings: {
    serialIntervalMean: number | null;
    serialIntervalSd: number | null;
    serialIntervalDistribution: number[] | null;
    serialIntervalSource: string;
    window: number;
    prior: { mean: number; sd: number };
  };
  firstDateUsed: string | null;
  daysUsed: number;
  notes: Note[];
}

/** OLS of ln(count + 0.5) on day; rate per day with its 95 % CI (t, n - 2 df). */
export interface GrowthFit {
  rate: number; rateLower: number; rateUpper: number;
  standardError: number; degreesOfFreedom: number; intercept: number;
  /** ln 2 / |r|; `upper` null = unbounded (the r interval reaches 0). */
  time: { kind: "doubling" | "halving"; days: number; lower: number; upper: number | null } | null;
}

/** Care settings: shares of cases admitted / needing ICU, fixed stays in days, projection horizon (1..28). Defaults cited in the core; those used are listed in `defaultsUsed`. */
export interface CareSettingsInput {
  admissionFraction?: number; icuFraction?: number; lengthOfStay?: number; icuLengthOfStay?: number; horizonDays?: number;
}
export interface CareSettings {
  admissionFraction: number; icuFraction: number; lengthOfStay: number; icuLengthOfStay: number; horizonDays: number;
  defaultsUsed: string[];
}
export interface Band<T> { lower: T; central: T; upper: T; }
export interface CareDemand {
  capacity: number | null;
  currentPatients: number;
  currentPatientsSource: "reported" | "estimated";
  censusDayIndex: number | null;
  demand: Band<number[]>;
  /** First projected day (1 = the day after the series ends) with demand above capacity. */
  firstDayOverCapacity: Band<number | null>;
}
export interface Projection {
  /** Calendar dates of projected days 1..horizonDays. */
  dates: string[];
  /** The first day demand exceeds capacity at the central Rt. */
  bedsOverCapacityDate: string | null;
  icuOverCapacityDate: string | null;
  horizonDays: number;
  reproductionNumber: { lower: number; central: number; upper: number; tStart: number; tEnd: number } | null;
  cases: Band<number[]> | null;
  beds: CareDemand | null;
  icu: CareDemand | null;
  settings: CareSettings;
  assumptions: Note[];
  notes: Note[];
}
export interface DataQuality {
  flags: { code: "reporting-spike" | "zero-run"; column: string; dayIndex: number; days: number; date: string | null;
           observed: number; expected: number; message: string }[];
  missingDays: { column: string; dayIndices: number[]; dates: string[]; affects: Note[] }[];
  settings: { halfWindow: number; minNeighbours: number; hampelThreshold: number; spikeRatio: number; spikeMinExcess: number;
              zeroRunMinDays: number; zeroRunLevelDays: number; zeroProbability: number };
}

/** Input of simulateSeir: an SEIR scenario ("what if we act on day N?"). */
export interface SeirInput {
  population: number;
  /** R0 (or the current Rt) before the action. */
  reproductionNumber: number;
  /** Days; defaults cited in the core (Li R et al., Science 2020). */
  latentPeriod?: number;
  infectiousPeriod?: number;
  initial: { exposed: number; infectious: number; removed?: number } | { dailyCases: number; removed?: number };
  /** 1..730 (default 90). */
  horizonDays?: number;
  /** Contacts reduced by `contactReduction` (0 <= c < 1) from day `fromDay` (1-based) on. */
  intervention?: { contactReduction: number; fromDay: number } | null;
}
export interface SeirTrajectory {
  newInfections: number[]; newInfectious: number[]; susceptible: number[]; exposed: number[];
  prevalence: number[]; removed: number[]; cumulativeInfections: number[];
  totalInfections: number;
  peakIncidence: { day: number; value: number };
  peakPrevalence: { day: number; value: number };
  peakWithinHorizon: boolean;
  finalEffectiveReproductionNumber: number;
}
export interface SeirResult {
  settings: {
    population: number; reproductionNumber: number; effectiveReproductionNumber: number;
    latentPeriod: number; infectiousPeriod: number; beta0: number; sigma: number; gamma: number;
    initialExposed: number; initialInfectious: number; initialRemoved: number; dailyCases: number | null;
    horizonDays: number; intervention: { contactReduction: number; fromDay: number } | null;
    stepsPerDay: number; defaultsUsed: string[];
  };
  baseline: SeirTrajectory;
  scenario: SeirTrajectory | null;
  comparison: { infectionsAverted: number; fractionAverted: number | null; peakDelayDays: number; peakReduction: number } | null;
  assumptions: Note[];
  notes: Note[];
}

export type FrameworkKey = "chinaEventGrade" | "chinaRiskArea2020" | "chinaRiskArea2022" | "whoPhsm"
  | "cdcTransmission" | "cdcCommunity" | "covidActNow" | "harvard";

/** Framework settings; unconfirmed thresholds are settings with their defaults (see each result's notes). */
export interface FrameworkOptions {
  enabled?: FrameworkKey[];
  chinaGradeIIBaselineMultiple?: number;
  chinaRiskArea2022Rules?: "ninth-edition" | "twenty-measures";
  incubationPeriodDays?: number;
  whoCtThresholds?: { cases?: number[]; admissions?: number[]; deaths?: number[]; testPositivityPercent?: number[] };
  whoLevelMatrix?: { none?: number[]; sporadic?: number[]; clusters?: number[]; ct1?: number[]; ct2?: number[]; ct3?: number[]; ct4?: number[] };
  whoIndicators?: ("cases" | "admissions" | "deaths" | "testPositivity")[];
  whoNoCasesDays?: number;
  whoCommunityTransmissionClusters?: number;
  whoCommunityTransmissionCasesPer100k?: number;
}

export type CompositeIndicatorId = "incidence7dPer100k" | "rt" | "testPositivity" | "bedsOccupied" | "icuCapacityUsed" | "admissions7dPer100k";

/** Options of assess(); every key optional. */
export interface AssessOptions {
  frameworks?: FrameworkOptions | null;
  /** ECDC's precautionary rule: unknown levels lean one step higher (default true). */
  precautionary?: boolean;
  composite?: { enabled?: boolean; indicators?: { id: CompositeIndicatorId; low: number; high: number; weight?: number }[]; cutPoints?: number[] } | null;
}

/** One indicator reading inside a framework. */
export interface Reading { indicator: string; value: number | null; level: string | null; band: string | null; }
export interface Criterion { code: string; text: string; }

/** A framework's verdict: level (null = unknown, inputs missing), its severity rank, the lower bound, why. */
export interface FrameworkResult<L = string> {
  level: L | null;
  /** Rank of the level within this framework, 0 = its lowest band. */
  severity: number | null;
  atLeast: L | null;
  indicators: Reading[];
  decidedBy: Criterion[];
  /** JSON paths of the inputs that were missing. */
  missing: string[];
  notes: Note[];
  source: string;
}

export interface Indicator {
  value: number | null; unit: string; from: string | null; to: string | null; days: number; daysReported: number;
  lowerBound: boolean; missing: string[]; note: string | null; usedBy: string[];
}

export interface StandDownCondition {
  rule: string; counts: string[]; daysRequired: number; daysFree: number; holds: boolean;
  /** The date it will hold if no case appears (null when it holds already or cannot be known). */
  holdsOn: string | null;
  unknownDays: string[]; missing: string[]; text: string; source: string;
}

export interface Frameworks {
  asOf: string;
  chinaEventGrade: (FrameworkResult<"I" | "II" | "III" | "IV"> & { rulesApplied: string | null;
    criteria: { code: string; grade: string; status: string; text: string; missing: string[] }[] }) | null;
  chinaRiskArea2020: FrameworkResult<"low" | "medium" | "high"> | null;
  chinaRiskArea2022: FrameworkResult<"low" | "medium" | "high"> | null;
  whoPhsm: (FrameworkResult<number> & { transmission: "none" | "sporadic" | "clusters" | "CT1" | "CT2" | "CT3" | "CT4" | null;
    capacity: "adequate" | "moderate" | "limited" | null }) | null;
  cdcTransmission: FrameworkResult<"low" | "moderate" | "substantial" | "high"> | null;
  cdcCommunity: FrameworkResult<"low" | "medium" | "high"> | null;
  covidActNow: (FrameworkResult<"low" | "medium" | "high" | "critical" | "extreme"> & {
    metrics: { caseDensity: Reading; infectionRate: Reading; testPositivity: Reading; icuCapacityUsed: Reading } }) | null;
  harvard: FrameworkResult<"green" | "yellow" | "orange" | "red"> | null;
  standDown: { asOf: string; lastLocalCaseDate: string | null; daysSinceLastLocalCase: number | null;
    conditions: StandDownCondition[]; notes: Note[] };
  indicators: Record<string, Indicator | number>;
  settings: FrameworkOptions & { given: string[] };
  notes: Note[];
}

export interface Composite {
  score: number | null;
  level: "I" | "II" | "III" | "IV" | null;
  severity: number | null;
  /** Largest first: the top drivers. */
  contributions: { id: CompositeIndicatorId; value: number; normalised: number; weight: number; points: number }[];
  missing: CompositeIndicatorId[];
  settings: { enabled: boolean; indicators: { id: CompositeIndicatorId; low: number; high: number; weight: number | null }[]; cutPoints: number[] };
  notes: Note[];
}

/** A source the verdict considered: a framework or the composite. */
export interface Considered {
  source: FrameworkKey | "composite";
  level: string | null;
  severity: number | null;
  assumedSeverity: number | null;
  responseLevel: "I" | "II" | "III" | "IV" | null;
  missing: string[];
  reasons: string[];
}

export interface Verdict {
  /** China's response level, or null when none is recommended. */
  level: "I" | "II" | "III" | "IV" | null;
  severity: number;
  colour: "red" | "orange" | "yellow" | "blue" | null;
  drivers: Considered[];
  /** True when ECDC's precautionary rule raised the level. */
  precautionary: boolean;
  rule: "most-severe";
  considered: Considered[];
  notes: Note[];
}

// ---- Decision analysis (src/analysis) ----
export type RandomIndexTable = "saaty" | "saaty-2005" | "donegan-dodd" | "tummala-ling";
export type CriterionType = "benefit" | "cost";

/** AHP: a positive reciprocal matrix on Saaty's 1-9 scale; a null is filled from its mirror entry. */
export interface AhpInput {
  matrix: (number | null)[][];
  labels?: string[];
  randomIndex?: RandomIndexTable;
  /** Consistent when CR < threshold (default 0.1). */
  threshold?: number;
  /** |a_ij * a_ji - 1| allowed (default 0.05). */
  reciprocalTolerance?: number;
  maxSuggestions?: number;
}
export interface AhpSuggestion {
  row: number; col: number; current: number;
  /** w_row / w_col: the value consistent with the current weights. */
  consistentValue: number;
  /** The nearest value on the 1-9 scale (or a reciprocal), and its label. */
  suggested: number; suggestedLabel: string;
  ratio: number;
  /** CR if the judgement were changed to the suggested value. */
  crAfter: number;
}
export interface AhpResult {
  n: number; labels: string[] | null; weights: number[];
  lambdaMax: number; ci: number; ri: number; cr: number; consistent: boolean; iterations: number;
  randomIndex: RandomIndexTable; threshold: number; matrix: number[][];
  suggestions: AhpSuggestion[]; notes: Note[];
}
export interface AhpHierarchyInput extends Omit<AhpInput, "matrix" | "labels"> {
  matrix: (number | null)[][]; labels?: string[];
  children: ({ matrix: (number | null)[][]; labels?: string[] } | null)[];
}
export interface AhpHierarchyResult {
  criteria: AhpResult; children: (AhpResult | null)[]; global: number[][];
  ci: number; ri: number; cr: number; consistent: boolean;
  synthesis: { label: string; weight: number }[] | null;
}
export interface AhpGroupInput extends Omit<AhpInput, "matrix"> { matrices: (number | null)[][][]; expertWeights?: number[]; }
export interface AhpGroupResult { aggregate: AhpResult; experts: AhpResult[]; expertWeights: number[]; }

/** Rows are alternatives, columns criteria. */
export interface EntropyInput { matrix: number[][]; types?: CriterionType[]; normalization?: "minmax" | "sum"; shift?: number; }
export interface EntropyResult {
  weights: number[]; entropy: number[]; divergence: number[];
  normalization: "minmax" | "sum"; types: CriterionType[]; shift: number; notes: Note[];
}
export interface CombineWeightsInput { subjective: number[]; objective: number[]; method?: "linear" | "multiplicative"; alpha?: number; }
export interface CombineWeightsResult { weights: number[]; method: "linear" | "multiplicative"; alpha: number | null; subjective: number[]; objective: number[]; }

export interface TopsisInput { matrix: number[][]; weights: number[]; types?: CriterionType[]; normalization?: "vector" | "minmax" | "none"; }
export interface TopsisResult {
  closeness: number[];
  /** 1 = best, per row; ties by input order. */
  ranking: number[];
  order: number[];
  distanceToIdeal: number[]; distanceToAntiIdeal: number[]; ideal: number[]; antiIdeal: number[];
  weights: number[]; types: CriterionType[]; normalization: "vector" | "minmax" | "none"; notes: Note[];
}

export type FuzzyOperator = "weighted-average" | "min-max" | "product-max" | "min-bounded-sum";
export interface FuzzyGrade { name: string; value?: number | null; }
export interface FuzzyInput {
  weights: number[];
  membership?: number[][];
  groups?: { name?: string; weights: number[]; membership: number[][] }[];
  grades?: FuzzyGrade[];
  operator?: FuzzyOperator;
}
export interface FuzzyGradeRead { index: number; name: string; membership: number; tiedWith: number[]; }
export interface FuzzyResult {
  vector: number[]; raw: number[]; grade: FuzzyGradeRead; score: number | null;
  operator: FuzzyOperator; grades: { name: string; value: number | null }[];
  groups: { name: string | null; vector: number[]; raw: number[]; grade: FuzzyGradeRead; score: number | null }[] | null;
  notes: Note[];
}

export interface SynergySubsystem {
  id: string; name?: string; nameEn?: string; weight?: number;
  parameters: { id: string; name?: string; nameEn?: string; unit?: string; direction: "positive" | "negative";
                lower: number; upper: number; weight?: number }[];
}
/** Composite-system synergy degree (Meng & Han 2000): values of each subsystem's order parameters at two times. */
export interface SynergyInput {
  subsystems?: SynergySubsystem[];
  base: number[][];
  current: number[][];
  aggregation?: "geometric" | "weighted";
  grading?: { upTo: number; name: string; nameEn?: string }[];
}
export interface SynergyResult {
  /** C in [-1, 1]. */
  synergy: number;
  theta: number;
  grade: { index: number; name: string; nameEn?: string };
  subsystems: { id: string; name?: string; nameEn?: string; orderBase: number; orderCurrent: number; change: number; weight: number;
                parameters: { id: string; base: number; current: number; orderBase: number; orderCurrent: number; weight?: number }[] }[];
  coupling: { base: { c: number; t: number; d: number }; current: { c: number; t: number; d: number } };
  aggregation: "geometric" | "weighted";
  grading: { upTo: number; name: string; nameEn: string | null }[];
  notes: Note[];
}

/** Split a scarce resource in whole units by weighted need, with floors and caps. */
export interface AllocateInput { supply: number; needs: number[]; priorities?: number[]; floors?: number[]; caps?: (number | null)[]; }
export interface AllocateResult {
  allocation: number[]; share: number[]; unmet: number[];
  binding: ("none" | "floor" | "cap" | "need" | "no-priority")[];
  weights: number[]; supply: number; allocated: number; unallocated: number; notes: Note[];
}

// ---- Decision tables (src/escalation): GoRules ZEN's decision-table shape, FEEL unary tests ----
/** A decision table as in a GoRules ZEN decision-table node, plus optional `values`/`min`/`max` and `priority`. */
export interface DecisionTable {
  id?: string; name?: string;
  hitPolicy: "first" | "collect" | "unique" | "any" | "priority";
  aggregation?: "sum" | "count" | "min" | "max";
  inputs: { id: string; name?: string; field: string; values?: (string | number | boolean | null)[]; min?: number; max?: number }[];
  outputs: { id: string; name?: string; field: string; priority?: (string | number | boolean | null)[] }[];
  /** Each rule: `_id`, then a FEEL unary test per input id and a literal per output id (strings). */
  rules: ({ _id: string; _description?: string } & Record<string, string>)[];
}
export type FeelValue = null | boolean | number | string | FeelValue[] | { [key: string]: FeelValue };
export interface RuleTrace {
  rule: string; index: number; matched: boolean; selected: boolean;
  inputs: { input: string; field: string; value: FeelValue; test: string; passed: boolean }[];
  output?: FeelValue;
}
/** `result`: an object (first, unique, any, priority, aggregated collect; null when nothing matched) or an array (collect). */
export interface TableEvaluation { result: FeelValue; trace: RuleTrace[]; }
/** Options of evaluateTableMany. `trace` (default false): also return each fact set's trace. */
export interface TableBatchOptions { trace?: boolean; }
/** One fact set of evaluateTableMany: the `result` evaluateTable gives for it, or the error it would throw (`code`, `path` inside that fact set, `message`, every problem). */
export type TableBatchResult =
  | { ok: true; result: FeelValue }
  | { ok: false; error: { code: string; path: string; message: string; problems: Problem[] } };
/** evaluateTableMany's answer, one entry per fact set in input order; `traces` only with `{ trace: true }` (null for a fact set that failed). */
export interface TableBatch { results: TableBatchResult[]; traces?: (RuleTrace[] | null)[]; }
export interface TableDiagnostic { severity: "error" | "warning"; code: string; path: string; message: string; position?: number; }
export interface ZenDifference { path: string; rule?: string; column?: string; cell?: string; kind: string; message: string; }
/** A GoRules ZEN decision graph (JDM): nodes and edges, as ZEN's editor saves it. */
export interface ZenGraph {
  contentType?: string;
  nodes: { id: string; type: string; name?: string; position?: { x: number; y: number }; content?: unknown }[];
  edges?: { id: string; sourceId: string; targetId: string; type?: string }[];
}
export interface ZenGraphExport { graph: ZenGraph; differences: ZenDifference[]; }
export interface ZenGraphImport { tables: DecisionTable[]; skipped: { path: string; id?: string; type: string }[]; }

// ---- Rulebooks and the escalation plan (src/escalation: rulebook, plan, hash) ----
export interface Bilingual { zh: string; en: string; }
export type Aspect = "government" | "medical" | "network" | "publicity";
/** A condition: dotted field → FEEL unary test, e.g. { "response.level": "\"III\", \"II\"" }. */
export type When = Record<string, string>;
export interface Rulebook {
  schemaVersion: 1;
  id: string;
  title: Bilingual;
  standDown?: string;
  jurisdiction: {
    region: { id: string; name: Bilingual; level: string };
    parents: { id: string; name: Bilingual; level: string }[];
    neighbours: { id: string; name: Bilingual; level: string; relation?: "adjacent" | "across-river" | "across-provincial-border" }[];
  };
  facts?: { id: string; label: Bilingual; type: "boolean" | "number" | "string" }[];
  dataItems?: { id: string; label: Bilingual }[];
  agencies: { id: string; name: Bilingual; aspect: Aspect; jurisdiction: string; contact?: Bilingual; source?: string }[];
  tables?: (DecisionTable & { id: string; source?: string })[];
  activation?: { id: string; agency: string; role: "lead" | "support"; when?: When; tasks?: Bilingual[]; source?: string }[];
  notifications?: { id: string; from: string; to: string[]; within: { hours?: number; minutes?: number }; when?: When; basis?: Bilingual; source?: string }[];
  sharing?: { id: string; item: string; from: string; to: string[]; when?: When; source?: string }[];
  measures?: { id: string; label: Bilingual; aspect: Aspect; agency?: string; when?: When; standDown?: string; source?: string }[];
  reportingChains?: { id: string; from: string; mustReach: string; source?: string }[];
}
export interface RulebookValidation { valid: boolean; diagnostics: TableDiagnostic[]; }
export interface EscalateOptions {
  /** Default: the built-in rulebook (defaultRulebook()). */
  rulebook?: Rulebook;
  /** ISO 8601 with its offset, e.g. "2026-11-25T09:00:00+08:00". */
  detectedAt: string;
  /** "Asia/Shanghai" (default, +08:00), "UTC" or a fixed offset "+HH:MM". */
  timeZone?: string;
  facts?: Record<string, boolean | number | string | null>;
  events?: Events;
}
export interface PlanTrace { table: string | null; rule: string; path: string; inputs: RuleTrace["inputs"]; }
export interface PlanAgency { id: string; name: Bilingual; aspect: Aspect; jurisdiction: string; contact: Bilingual | null; role: "lead" | "support"; tasks: Bilingual[]; trace: PlanTrace[]; }
export interface AgencyRef { id: string; name: Bilingual; }
export interface PlanNotification {
  id: string; from: AgencyRef; to: AgencyRef[];
  startsAt: string; startsAfter: string | null; withinMinutes: number;
  /** Absolute deadline in the plan's time zone (ISO 8601 with offset), its date and clock time. */
  deadline: string; date: string; clock: string;
  basis: Bilingual; source: string | null; text: Bilingual; trace: PlanTrace[];
}
export interface Plan {
  rulebook: { id: string; title: Bilingual; schemaVersion: number; hash: string; default: boolean };
  detectedAt: string;
  timeZone: { name: string; offset: string };
  level: { level: "I" | "II" | "III" | "IV" | null; verdictLevel: "I" | "II" | "III" | "IV" | null; decidedBy: "table" | "verdict"; lead: AgencyRef[]; trace: PlanTrace[] };
  agencies: Record<Aspect, PlanAgency[]>;
  timeline: PlanNotification[];
  sharing: { agency: AgencyRef; shares: { item: string; label: Bilingual; with: string[]; trace: PlanTrace[] }[]; receives: { item: string; label: Bilingual; with: string[]; trace: PlanTrace[] }[] }[];
  measures: { id: string; label: Bilingual; aspect: Aspect; agency: string | null; standDown: { rule: string; holds: boolean; holdsOn: string | null; text: string } | null; trace: PlanTrace[] }[];
  standDown: { rule: string; holds: boolean; earliestDate: string | null; daysSinceLastLocalCase: number | null; conditions: StandDownCondition[] };
  tables: { id: string; result: FeelValue; trace: RuleTrace[] }[];
  notes: string[];
}
export interface RulebookDiff {
  from: string; to: string; identical: boolean; added: number; removed: number; changed: number;
  changes: { kind: "added" | "removed" | "changed"; section: string; id: string; table?: string; path: string;
             fields: { field: string; before: FeelValue; after: FeelValue }[]; deadline: boolean }[];
}

/** assessSeries: the levels as of every day (no look-ahead), and when each was entered and left. */
export interface SeriesAssessment {
  dates: string[];
  verdict: { level: ("I" | "II" | "III" | "IV" | null)[]; severity: number[]; precautionary: boolean[] };
  frameworks: Partial<Record<FrameworkKey, { level: (string | number | null)[]; severity: (number | null)[] }>>;
  composite?: { level: ("I" | "II" | "III" | "IV" | null)[]; severity: (number | null)[] };
  transitions: { date: string; source: FrameworkKey | "verdict" | "composite"; from: string | number | null; to: string | number | null;
                 fromSeverity: number | null; toSeverity: number | null }[];
  notes: Note[];
}
/** assessManyColumns: regions on one calendar, each column a Float64Array of regions × days
 *  (region r's day d at r·days + d; NaN = a day not reported). */
export interface RegionBatch {
  start: string;
  days: number;
  asOf?: string;
  regions: Omit<Situation, "series" | "asOf">[] & { asOf?: string }[];
  columns: Partial<Record<"localCases" | "importedCases" | "asymptomatic" | "deaths" | "admissions" | "testsPerformed"
    | "testsPositive" | "bedsOccupied" | "icuOccupied", Float64Array>> & { localCases: Float64Array };
}
/** assessMany: one result per region, in input order; a bad region carries its own error. */
export type RegionResult =
  | { ok: true; summary: {
      name: string; population: number; asOf: string;
      verdict: { level: "I" | "II" | "III" | "IV" | null; severity: number; colour: "red" | "orange" | "yellow" | "blue" | null; precautionary: boolean };
      frameworks: Partial<Record<FrameworkKey, { level: string | number | null; severity: number | null }>>;
      composite?: { score: number | null; level: "I" | "II" | "III" | "IV" | null; severity: number | null };
      incidence7dPer100k: number | null;
      rt: { mean: number; lower: number; upper: number } | null;
      bedsOverCapacityDate: string | null } }
  | { ok: false; error: { code: string; path: string; message: string; problems: Problem[] } };

export interface GrowthWindow { days: number; reportedDays: number; fit: GrowthFit | null; notes: Note[]; }
export interface GrowthSignals { last7Days: GrowthWindow; last14Days: GrowthWindow; }

export interface Note { code: string; message: string; }

export interface WeeklySignals {
  cumulativeLocalCases: number;
  localCasesLast7Days: number | null;
  localCasesPrevious7Days: number | null;
  incidence7dPer100k: number | null;
  /** Fraction: 0.25 means +25 %. */
  weekOnWeekChange: number | null;
  missingDaysLast7: number;
  missingDaysPrevious7: number;
  notes: Note[];
}

export interface Assessment {
  version: string;
  region: { name: string; population: number; kind: Region["kind"]; parent: string | null };
  asOf: string;
  series: { firstDate: string; lastDate: string; days: number; columns: string[]; daysBehindAsOf: number };
  /** Daily values for charts; the average is over reported days, null with fewer than 4 of 7. */
  daily: { dates: string[]; localCases: DailyCount[]; localCases7dAverage: (number | null)[] };
  signals: WeeklySignals;
  rt: RtSummary;
  growth: GrowthSignals;
  projection: Projection;
  dataQuality: DataQuality;
  frameworks: Frameworks;
  composite: Composite;
  verdict: Verdict;
}

/** One problem with an input: a stable kebab-case code and the JSON path of the field. */
export interface Problem { code: string; path: string; message: string; }

/** What every function throws for bad input; `code` and `path` are those of the first problem. */
export interface CrisisDeskError extends Error { code: string; path: string; problems: Problem[]; }
"#;

/// Installs the panic hook so a bug logs its message to the console.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The crisis-desk version (the crate's).
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_owned()
}

/// Validates and assesses a situation; `options` (frameworks, precautionary rule, composite
/// index) may be left out. Throws a `CrisisDeskError` listing every problem in both.
#[wasm_bindgen(unchecked_return_type = "Assessment")]
pub fn assess(
    #[wasm_bindgen(unchecked_param_type = "Situation")] situation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AssessOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = from_js(situation)?;
    let options = options_json(options)?;
    let out = crate::assess_with(&input, &options).map_err(input_error)?;
    to_js(&out)
}

/// The instantaneous reproduction number as EpiEstim's `estimate_R` computes it (Cori et
/// al. 2013). Throws a `CrisisDeskError` listing every problem.
#[wasm_bindgen(js_name = estimateRt, unchecked_return_type = "RtEstimate")]
pub fn estimate_rt(#[wasm_bindgen(unchecked_param_type = "RtRequest")] input: JsValue) -> Result<JsValue, JsValue> {
    let input = from_js(input)?;
    let out = crate::signals::rt::estimate_rt(&input).map_err(input_error)?;
    to_js(&out)
}

/// [`estimate_rt`] with the windows as columns (`Float64Array`s, one copy each): for charts,
/// and for the package's `estimateRt`, which builds its window objects from these in JS.
/// Setting 14 fields of thousands of objects one boundary call at a time cost several times
/// the estimate itself (issue 8).
#[wasm_bindgen(js_name = estimateRtColumns, unchecked_return_type = "RtColumns")]
pub fn estimate_rt_columns(
    #[wasm_bindgen(unchecked_param_type = "RtRequest")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input = from_js(input)?;
    let out = crate::signals::rt::estimate_rt(&input).map_err(input_error)?;
    let w = &out.windows;
    type Field = fn(&crate::signals::rt::RtWindow) -> f64;
    let columns: [(&str, Field); 14] = [
        ("tStart", |w| w.t_start as f64),
        ("tEnd", |w| w.t_end as f64),
        ("mean", |w| w.mean),
        ("std", |w| w.std),
        ("cv", |w| w.cv),
        ("q025", |w| w.q025),
        ("q05", |w| w.q05),
        ("q25", |w| w.q25),
        ("median", |w| w.median),
        ("q75", |w| w.q75),
        ("q95", |w| w.q95),
        ("q975", |w| w.q975),
        ("shape", |w| w.shape),
        ("scale", |w| w.scale),
    ];
    let object = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), value).map(|_| ());
    let mut column = Vec::with_capacity(w.len());
    for (key, field) in columns {
        column.clear();
        column.extend(w.iter().map(field));
        set(key, &js_sys::Float64Array::from(&column[..]))?;
    }
    set("si", &js_sys::Float64Array::from(&out.si[..]))?;
    set("siMean", &JsValue::from_f64(out.si_mean))?;
    set("siStd", &JsValue::from_f64(out.si_std))?;
    set("warnings", &to_js(&out.warnings)?)?;
    Ok(object.into())
}

/// An SEIR scenario and its no-action baseline, integrated by RK4: "what if we act on day
/// N?". Throws a `CrisisDeskError` listing every problem.
#[wasm_bindgen(js_name = simulateSeir, unchecked_return_type = "SeirResult")]
pub fn simulate_seir(#[wasm_bindgen(unchecked_param_type = "SeirInput")] input: JsValue) -> Result<JsValue, JsValue> {
    let input = from_js(input)?;
    let seir = crate::signals::seir::SeirInput::from_json(&input).map_err(input_error)?;
    to_js(&crate::signals::seir::simulate(&seir))
}

macro_rules! analysis_export {
    ($(#[$doc:meta])* $rust:ident, $js:literal, $input:literal, $output:literal, $core:path) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js, unchecked_return_type = $output)]
        pub fn $rust(#[wasm_bindgen(unchecked_param_type = $input)] input: JsValue) -> Result<JsValue, JsValue> {
            let input = from_js(input)?;
            to_js(&$core(&input).map_err(input_error)?)
        }
    };
}

analysis_export!(
    /// AHP weights by the principal eigenvector, CI, CR and the judgements to reconsider.
    ahp, "ahp", "AhpInput", "AhpResult", crate::analysis::ahp
);
analysis_export!(
    /// AHP over a hierarchy (criteria, then sub-criteria): global weights and the hierarchy's CR.
    ahp_hierarchy, "ahpHierarchy", "AhpHierarchyInput", "AhpHierarchyResult", crate::analysis::ahp_hierarchy
);
analysis_export!(
    /// Several experts' AHP matrices aggregated by element-wise geometric mean.
    ahp_group, "ahpGroup", "AhpGroupInput", "AhpGroupResult", crate::analysis::ahp_group
);
analysis_export!(
    /// Entropy weights of criteria from data (rows alternatives, columns criteria).
    entropy_weights, "entropyWeights", "EntropyInput", "EntropyResult", crate::analysis::entropy_weights
);
analysis_export!(
    /// Subjective (AHP) and objective (entropy) weights combined, linearly or multiplicatively.
    combine_weights, "combineWeights", "CombineWeightsInput", "CombineWeightsResult", crate::analysis::combine_weights
);
analysis_export!(
    /// TOPSIS closeness and ranking (vector normalisation by default, as Hwang & Yoon).
    topsis, "topsis", "TopsisInput", "TopsisResult", crate::analysis::topsis
);
analysis_export!(
    /// Fuzzy comprehensive evaluation (one or two levels).
    fuzzy_evaluate, "fuzzyEvaluate", "FuzzyInput", "FuzzyResult", crate::analysis::fuzzy_evaluate
);
analysis_export!(
    /// The composite-system synergy degree of the response's subsystems between two periods.
    synergy_degree, "synergyDegree", "SynergyInput", "SynergyResult", crate::analysis::synergy_degree
);
analysis_export!(
    /// A fair split of a scarce resource in whole units (water-filling, largest remainder).
    allocate, "allocate", "AllocateInput", "AllocateResult", crate::analysis::allocate
);

/// The bundled synergy example: base and current values for the four default subsystems
/// (government, medical care, network/information, publicity); illustrative figures.
#[wasm_bindgen(js_name = exampleSynergy, unchecked_return_type = "SynergyInput")]
pub fn example_synergy() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(crate::analysis::synergy::EXAMPLE_SYNERGY)
}

/// Evaluates one decision table against a facts object, with the trace of which rules
/// matched on which values. Throws a `CrisisDeskError` for a bad table or facts.
#[wasm_bindgen(js_name = evaluateTable, unchecked_return_type = "TableEvaluation")]
pub fn evaluate_table(
    #[wasm_bindgen(unchecked_param_type = "DecisionTable")] table: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object")] facts: JsValue,
) -> Result<JsValue, JsValue> {
    let table = crate::escalation::Table::parse(&*from_js(table)?).map_err(input_error)?;
    let out = crate::escalation::evaluate_table(&table, &*from_js(facts)?).map_err(input_error)?;
    Ok(TableOut::new().evaluation(&out))
}

/// Evaluates one decision table against many fact sets, the table parsed once: for each fact
/// set, in input order, `{ ok: true, result }` (the result `evaluateTable` gives) or
/// `{ ok: false, error }` (the error it would throw, which does not stop the others); with
/// `{ trace: true }` also `traces`, each as `evaluateTable`'s. Throws a `CrisisDeskError` for a
/// bad table or options, a `factsList` that is not an array or holds more than 100 000 fact sets.
#[wasm_bindgen(js_name = evaluateTableMany, unchecked_return_type = "TableBatch")]
pub fn evaluate_table_many(
    #[wasm_bindgen(unchecked_param_type = "DecisionTable")] table: JsValue,
    #[wasm_bindgen(js_name = factsList, unchecked_param_type = "object[]")] facts_list: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TableBatchOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let table = crate::escalation::Table::parse(&*from_js(table)?).map_err(input_error)?;
    let facts = from_js(facts_list)?;
    let options = options_json(options)?;
    let batch = crate::escalation::evaluate_table_many_json(&table, &facts, &options).map_err(input_error)?;
    Ok(TableOut::new().batch(&batch))
}

/// Every diagnostic of a decision table (parse errors with positions, overlaps, unreachable
/// rules, gaps, unknown fields when `knownFields` is given); never throws for a bad table.
#[wasm_bindgen(js_name = validateTable, unchecked_return_type = "TableDiagnostic[]")]
pub fn validate_table(
    #[wasm_bindgen(unchecked_param_type = "unknown")] table: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string[]")] known_fields: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let table = from_js(table)?;
    let schema = match known_fields {
        Some(v) if !v.is_undefined() && !v.is_null() => {
            let fields: Vec<String> = serde_wasm_bindgen::from_value(v)
                .map_err(|_| input_error(InputError { problems: vec![unreadable()] }))?;
            Some(crate::escalation::FactSchema::new(fields))
        }
        _ => None,
    };
    to_js(&crate::escalation::validate_table(&table, &crate::error::Path::root(), schema.as_ref()))
}

/// The cells of a table that GoRules ZEN would read otherwise than FEEL (for an export).
#[wasm_bindgen(js_name = zenDifferences, unchecked_return_type = "ZenDifference[]")]
pub fn zen_differences(
    #[wasm_bindgen(unchecked_param_type = "DecisionTable")] table: JsValue,
) -> Result<JsValue, JsValue> {
    let table = crate::escalation::Table::parse(&*from_js(table)?).map_err(input_error)?;
    to_js(&crate::escalation::zen_differences(&table))
}

/// The table as a GoRules ZEN decision graph (input → table → output), with the cells ZEN
/// would read otherwise. Throws a `CrisisDeskError` for a table that does not parse.
#[wasm_bindgen(js_name = exportZenGraph, unchecked_return_type = "ZenGraphExport")]
pub fn export_zen_graph(
    #[wasm_bindgen(unchecked_param_type = "DecisionTable")] table: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&crate::escalation::export_zen_graph(&*from_js(table)?).map_err(input_error)?)
}

/// The decision tables of a GoRules ZEN decision graph, and the nodes that are not tables.
/// Throws a `CrisisDeskError` listing every problem at its path in the graph.
#[wasm_bindgen(js_name = importZenGraph, unchecked_return_type = "ZenGraphImport")]
pub fn import_zen_graph(#[wasm_bindgen(unchecked_param_type = "ZenGraph")] graph: JsValue) -> Result<JsValue, JsValue> {
    to_js(&crate::escalation::import_zen_graph(&*from_js(graph)?).map_err(input_error)?)
}

/// The escalation plan for an assessment: response level, agencies by aspect, the
/// notification timeline with absolute deadlines, sharing, measures and stand-down, each line
/// with its trace. Throws a `CrisisDeskError` listing every problem.
#[wasm_bindgen(unchecked_return_type = "Plan")]
pub fn escalate(
    #[wasm_bindgen(unchecked_param_type = "Assessment")] assessment: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EscalateOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let plan = crate::escalation::escalate(&*from_js(assessment)?, &*from_js(options)?).map_err(input_error)?;
    to_js(&plan)
}

/// Every diagnostic of a rulebook; never throws for a bad rulebook.
#[wasm_bindgen(js_name = validateRulebook, unchecked_return_type = "RulebookValidation")]
pub fn validate_rulebook(
    #[wasm_bindgen(unchecked_param_type = "unknown")] rulebook: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&crate::escalation::validate_rulebook(&*from_js(rulebook)?))
}

/// The built-in rulebook (Zhangjiagang under Suzhou, Jiangsu; entries marked as cited or illustrative).
#[wasm_bindgen(js_name = defaultRulebook, unchecked_return_type = "Rulebook")]
pub fn default_rulebook() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(crate::escalation::DEFAULT_RULEBOOK)
}

/// A stable content hash of a rulebook (`sha256:` + hex over its canonical JSON).
#[wasm_bindgen(js_name = rulebookHash)]
pub fn rulebook_hash(#[wasm_bindgen(unchecked_param_type = "Rulebook")] rulebook: JsValue) -> Result<String, JsValue> {
    Ok(crate::escalation::rulebook_hash(&*from_js(rulebook)?))
}

/// Added, removed and changed rows, agencies and deadlines between two rulebooks.
#[wasm_bindgen(js_name = diffRulebooks, unchecked_return_type = "RulebookDiff")]
pub fn diff_rulebooks(
    #[wasm_bindgen(unchecked_param_type = "Rulebook")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Rulebook")] b: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&crate::escalation::diff_rulebooks(&*from_js(a)?, &*from_js(b)?))
}

/// The frameworks and the verdict as of every day of the series (no look-ahead), with the
/// transitions between levels. Throws a `CrisisDeskError` listing every problem.
#[wasm_bindgen(js_name = assessSeries, unchecked_return_type = "SeriesAssessment")]
pub fn assess_series(
    #[wasm_bindgen(unchecked_param_type = "Situation")] situation: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AssessOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = from_js(situation)?;
    let options = options_json(options)?;
    to_js(&crate::timeline::assess_series(&input, &options).map_err(input_error)?)
}

/// Many regions in one call, in input order, each with its summary or its own error. Throws
/// only for bad options or an input that is not an array.
#[wasm_bindgen(js_name = assessMany, unchecked_return_type = "RegionResult[]")]
pub fn assess_many(
    #[wasm_bindgen(unchecked_param_type = "Situation[]")] situations: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AssessOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let input = from_js(situations)?;
    let options = options_json(options)?;
    to_js(&crate::timeline::assess_many(&input, &options).map_err(input_error)?)
}

/// [`assess_many`] for regions on one calendar with their daily counts in `Float64Array`s:
/// each column crosses the boundary in one copy instead of value by value. Throws only for a
/// bad batch or options; a bad region carries its own error, paths into the batch.
#[wasm_bindgen(js_name = assessManyColumns, unchecked_return_type = "RegionResult[]")]
pub fn assess_many_columns(
    #[wasm_bindgen(unchecked_param_type = "RegionBatch")] batch: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AssessOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let batch = region_batch(&batch)?;
    let options = options_json(options)?;
    to_js(&crate::batch::assess_batch(&batch, &options).map_err(input_error)?)
}

/// Splits a JS batch: `columns` as numbers copied out of their typed arrays, the rest as JSON.
fn region_batch(batch: &JsValue) -> Result<crate::batch::RegionBatch, JsValue> {
    use crate::batch::{ColumnValues, RegionBatch};
    // An array, or a Float64Array (the package's form of a long array of numbers), is read
    // whole: the batch reader names it at the root.
    if !batch.is_object() || js_sys::Array::is_array(batch) || js_sys::ArrayBuffer::is_view(batch) {
        return Ok(RegionBatch { meta: from_js(batch.clone())?.take(), columns: Err("undefined") });
    }
    let mut meta = Vec::new();
    let mut given = None;
    for key in js_sys::Object::keys(batch.unchecked_ref::<js_sys::Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = js_sys::Reflect::get(batch, &key)?;
        if name == "columns" {
            given = Some(value);
        } else {
            meta.push((name, from_js(value)?.take()));
        }
    }
    let meta = Json::Object(meta);
    // regions × days when the batch states both: a Float64Array of another length is reported
    // by its length alone, without copying it into the module first.
    let expected = match (meta.get("regions"), meta.get("days")) {
        (Some(Json::Array(regions)), Some(Json::Number(days))) if days.fract() == 0.0 && *days >= 0.0 => {
            regions.len().checked_mul(*days as usize)
        }
        _ => None,
    };
    let columns = match given {
        None => Err("undefined"),
        Some(value)
            if value.is_object()
                && !js_sys::Array::is_array(&value)
                && !value.is_instance_of::<js_sys::Float64Array>() =>
        {
            let mut list = Vec::new();
            for column in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
                let data = js_sys::Reflect::get(&value, &column)?;
                let values = match data.dyn_ref::<js_sys::Float64Array>() {
                    Some(array) if expected.is_some_and(|n| n != array.length() as usize) => {
                        ColumnValues::WrongLength(array.length() as usize)
                    }
                    Some(array) => ColumnValues::Numbers(array.to_vec()),
                    // A plain array also works (null = not reported), value by value.
                    None if js_sys::Array::is_array(&data) => ColumnValues::from_json(&*from_js(data)?),
                    None => ColumnValues::Other(js_kind(&data)),
                };
                list.push((column.as_string().unwrap_or_default(), values));
            }
            Ok(list)
        }
        Some(value) if value.is_undefined() || value.is_null() => Err("undefined"),
        Some(value) => Err(js_kind(&value)),
    };
    Ok(RegionBatch { meta, columns })
}

/// A JS value's kind in the words of `Json::kind`, for messages.
fn js_kind(v: &JsValue) -> &'static str {
    if v.is_null() || v.is_undefined() {
        "null"
    } else if js_sys::Array::is_array(v) || v.is_instance_of::<js_sys::Float64Array>() {
        // The package hands long arrays of numbers over as Float64Arrays: the same word for both.
        "an array"
    } else if js_sys::ArrayBuffer::is_view(v) {
        "a typed array of another type"
    } else if v.is_string() {
        "a string"
    } else if v.as_f64().is_some() {
        "a number"
    } else if v.as_bool().is_some() {
        "a boolean"
    } else {
        "an object"
    }
}

fn options_json(options: Option<JsValue>) -> Result<Input, JsValue> {
    match options {
        Some(o) if !o.is_undefined() && !o.is_null() => from_js(o),
        _ => Ok(Input(Json::Null)),
    }
}

/// Every problem in a situation (empty when valid); never throws for a bad situation.
#[wasm_bindgen(js_name = validateSituation, unchecked_return_type = "Problem[]")]
pub fn validate_situation(
    #[wasm_bindgen(unchecked_param_type = "unknown")] situation: JsValue,
) -> Result<JsValue, JsValue> {
    let problems = match from_js(situation) {
        Ok(input) => crate::validate(&input),
        Err(_) => vec![unreadable()],
    };
    to_js(&problems)
}

/// The bundled illustrative example (a county-level city of about 1.4 million).
#[wasm_bindgen(js_name = exampleSituation, unchecked_return_type = "Situation")]
pub fn example_situation() -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(crate::EXAMPLE_SITUATION)
}

/// Panics on purpose, to test that a bug surfaces as `code: "internal"` and that the
/// next call still works. Not for use in an application.
#[wasm_bindgen(js_name = debugPanic)]
pub fn debug_panic() {
    panic!("debugPanic called: this is a deliberate test of crisis-desk's panic recovery");
}

fn unreadable() -> Problem {
    Problem {
        code: Code::InvalidType,
        path: String::new(),
        message: "the input is not plain JSON data (objects, arrays, strings, numbers, booleans, null)".into(),
    }
}

/// An input read from JS: the [`Json`], freed by [`Json::dispose`] when dropped (a matrix's
/// rows are freed whole, not number by number).
struct Input(Json);

impl Input {
    /// The value itself, for a reader that keeps it.
    fn take(mut self) -> Json {
        std::mem::replace(&mut self.0, Json::Null)
    }
}

impl std::ops::Deref for Input {
    type Target = Json;

    fn deref(&self) -> &Json {
        &self.0
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        std::mem::replace(&mut self.0, Json::Null).dispose();
    }
}

/// Reads an input into the core's [`Json`] (see [`JsReader`]); a value that is not plain data is
/// the [`unreadable`] problem, one nested too deep `too-large` at its path.
fn from_js(value: JsValue) -> Result<Input, JsValue> {
    JsReader::new().read(&value, 0).map(Input).map_err(|fail| {
        let problem = match fail {
            Unread::Unreadable => unreadable(),
            Unread::TooDeep(mut segments) => {
                // Collected while unwinding: innermost first.
                segments.reverse();
                let mut path = crate::error::Path::root();
                for segment in &segments {
                    path = match segment {
                        Segment::Index(i) => path.index(*i as usize),
                        Segment::Key(k) => path.key(k),
                    };
                }
                crate::json::too_deep_at(path.to_string())
            }
        };
        input_error(InputError { problems: vec![problem] })
    })
}

/// Why a value could not be read: not plain data, or nested deeper than
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) (with the path to it, innermost segment first).
enum Unread {
    Unreadable,
    TooDeep(Vec<Segment>),
}

enum Segment {
    Index(u32),
    Key(String),
}

impl Unread {
    fn at(self, segment: impl FnOnce() -> Segment) -> Unread {
        match self {
            Unread::TooDeep(mut path) => {
                path.push(segment());
                Unread::TooDeep(path)
            }
            other => other,
        }
    }
}

/// Reads a JS value into [`Json`] walking it directly (replacing serde-wasm-bindgen's
/// `from_value`, whose reading it keeps, value for value):
///
/// - a number as it is, `-0` as `0` (NaN and ±Infinity stay, for the readers to reject at their
///   path); a BigInt as the number it holds (beyond the 64-bit range: unreadable);
/// - a string, a boolean; `null` and `undefined` as null (an array's holes too);
/// - an array item by item; **a `Float64Array` as an array of its numbers, in one copy** (so a
///   matrix's rows, a series' column … may be typed arrays wherever plain arrays of numbers
///   are read);
/// - a plain object by its own enumerable string keys, in order (as `Object.entries`); a `Map`
///   with string keys as an object;
/// - anything else (a function, a symbol, a `Set`, another iterable or typed array, an
///   `ArrayBuffer`, a key of a `Map` that is not a string, a getter that throws) is unreadable.
///
/// Arrays and objects nested more than [`MAX_DEPTH`](crate::limits::MAX_DEPTH) deep are
/// `too-large` at the path where they pass it; a cycle is caught the same way.
///
/// Numbers are tested first and cost two calls into JS (the item and its value), where
/// serde-wasm-bindgen made six; a plain object is told from the rest by one test (it has no
/// iterator), and a run of typed rows costs four calls a row and one copy for them all.
struct JsReader {
    iterator: JsValue,
    /// Whether the value just read was a `Float64Array`: an array's next items are then read as
    /// a run of typed rows ([`JsReader::typed_rows`]: one type test per row, not five).
    typed: std::cell::Cell<bool>,
    /// Where a typed array is copied before its numbers become [`Json`] (one buffer for all).
    scratch: std::cell::RefCell<Vec<f64>>,
}

impl JsReader {
    fn new() -> Self {
        JsReader {
            iterator: js_sys::Symbol::iterator().into(),
            typed: std::cell::Cell::new(false),
            scratch: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// The run of `Float64Array` items of `array` from `from` on, each an array of its numbers
    /// in `out`, all copied into one buffer through one view of it (no view made per row);
    /// returns where the run stopped.
    fn typed_rows(&self, array: &js_sys::Array, from: u32, depth: usize, out: &mut Vec<Json>) -> Result<u32, Unread> {
        let mut rows = Vec::new();
        let mut total = 0usize;
        let (mut i, n) = (from, array.length());
        while i < n {
            let Ok(row) = array.get(i).dyn_into::<js_sys::Float64Array>() else { break };
            let len = row.length() as usize;
            total += len;
            rows.push((row, len));
            i += 1;
        }
        if rows.is_empty() {
            return Ok(from);
        }
        Self::open(depth).map_err(|e| e.at(|| Segment::Index(from)))?;
        let mut numbers = vec![0.0f64; total];
        {
            // SAFETY: the view lives only in this block, where nothing allocates (the calls
            // below copy between JS typed arrays), so wasm memory cannot grow under it.
            let view = unsafe { js_sys::Float64Array::view_mut_raw(numbers.as_mut_ptr(), total) };
            let mut offset = 0u32;
            for (row, len) in &rows {
                view.set(row, offset);
                offset += *len as u32;
            }
        }
        let mut start = 0;
        for (_, len) in &rows {
            out.push(Json::Array(numbers[start..start + len].iter().map(|&x| Json::Number(x + 0.0)).collect()));
            start += len;
        }
        Ok(i)
    }

    /// A `Float64Array`'s numbers, copied out in one call; `-0` as `0`, NaN kept.
    fn typed_array(&self, typed: &js_sys::Float64Array, depth: usize) -> Result<Json, Unread> {
        Self::open(depth)?;
        self.typed.set(true);
        let mut scratch = self.scratch.borrow_mut();
        scratch.clear();
        scratch.resize(typed.length() as usize, 0.0);
        typed.copy_to(&mut scratch);
        Ok(Json::Array(scratch.iter().map(|&x| Json::Number(x + 0.0)).collect()))
    }

    /// The depth check of an array or object at `depth` (the root is at 0).
    fn open(depth: usize) -> Result<(), Unread> {
        if depth >= crate::limits::MAX_DEPTH {
            Err(Unread::TooDeep(Vec::new()))
        } else {
            Ok(())
        }
    }

    fn read(&self, v: &JsValue, depth: usize) -> Result<Json, Unread> {
        if let Some(x) = v.as_f64() {
            // `+ 0.0` turns -0 into 0 and leaves every other value (NaN included) as it is.
            return Ok(Json::Number(x + 0.0));
        }
        if let Some(s) = v.as_string() {
            return Ok(Json::String(s));
        }
        if v.is_object() {
            return self.object(v, depth);
        }
        if let Some(b) = v.as_bool() {
            return Ok(Json::Bool(b));
        }
        if v.is_null() || v.is_undefined() {
            return Ok(Json::Null);
        }
        if v.is_bigint() {
            return match i64::try_from(v.clone()) {
                Ok(x) => Ok(Json::Number(x as f64)),
                Err(v) => u64::try_from(v).map(|x| Json::Number(x as f64)).map_err(|_| Unread::Unreadable),
            };
        }
        Err(Unread::Unreadable)
    }

    fn object(&self, v: &JsValue, depth: usize) -> Result<Json, Unread> {
        if js_sys::Array::is_array(v) {
            Self::open(depth)?;
            let array: &js_sys::Array = v.unchecked_ref();
            let n = array.length();
            let mut out = Vec::with_capacity((n as usize).min(1 << 16));
            let mut i = 0;
            while i < n {
                let item = array.get(i);
                self.typed.set(false);
                out.push(self.read(&item, depth + 1).map_err(|e| e.at(|| Segment::Index(i)))?);
                i += 1;
                if self.typed.get() && i < n {
                    // A typed row: the rows after it are likely typed too (a matrix).
                    i = self.typed_rows(array, i, depth + 1, &mut out)?;
                }
            }
            return Ok(Json::Array(out));
        }
        // A plain object is not iterable: one test tells it from a typed array, a Map or a Set.
        if self.iterator.js_in(v) {
            if let Some(typed) = v.dyn_ref::<js_sys::Float64Array>() {
                return self.typed_array(typed, depth);
            }
            let Some(map) = v.dyn_ref::<js_sys::Map>() else { return Err(Unread::Unreadable) };
            Self::open(depth)?;
            let mut out = Vec::with_capacity(map.size() as usize);
            let entries = js_sys::try_iter(&map.entries()).ok().flatten().ok_or(Unread::Unreadable)?;
            for entry in entries {
                let entry: js_sys::Array = entry.map_err(|_| Unread::Unreadable)?.unchecked_into();
                let key = entry.get(0).as_string().ok_or(Unread::Unreadable)?;
                let value = self.read(&entry.get(1), depth + 1).map_err(|e| e.at(|| Segment::Key(key.clone())))?;
                out.push((key, value));
            }
            return Ok(Json::Object(out));
        }
        Self::open(depth)?;
        let keys = js_sys::Object::keys(v.unchecked_ref::<js_sys::Object>());
        let n = keys.length();
        // An ArrayBuffer has no keys and no iterator; serde-wasm-bindgen read it as bytes, which
        // no input takes: unreadable, as it was.
        if n == 0 && v.is_instance_of::<js_sys::ArrayBuffer>() {
            return Err(Unread::Unreadable);
        }
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            let key = keys.get(i);
            let value = js_sys::Reflect::get(v, &key).map_err(|_| Unread::Unreadable)?;
            let name = key.as_string().ok_or(Unread::Unreadable)?;
            let value = self.read(&value, depth + 1).map_err(|e| e.at(|| Segment::Key(name.clone())))?;
            out.push((name, value));
        }
        Ok(Json::Object(out))
    }
}

#[wasm_bindgen]
extern "C" {
    /// A plain object being filled: `object[key] = value`, the way serde-wasm-bindgen sets
    /// fields (no `Reflect.set` and its exception wrapper).
    #[wasm_bindgen(extends = js_sys::Object)]
    type PlainObject;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &PlainObject, key: &JsValue, value: &JsValue);
}

/// The JS results of `evaluateTable` and `evaluateTableMany`, built directly: the same plain
/// objects, keys in the same order, as their `Serialize` impls give through serde-wasm-bindgen
/// (`tests/api.rs` compares them), but every key and every string of the table (rule and
/// column ids, fields, cell texts, output strings) is made a JS string once per call and
/// shared, where serde-wasm-bindgen decoded each occurrence again. A batch with its traces is
/// hundreds of thousands of small objects, so that is most of its time. Objects and arrays are
/// never shared: each result and each trace is its own.
struct TableOut<'a> {
    strings: std::collections::HashMap<&'a str, JsValue, std::hash::BuildHasherDefault<FxHasher>>,
}

/// The multiply-rotate hash of rustc's `FxHasher`: the string cache is keyed by short ids and
/// texts of the caller's own table, where SipHash's resistance to chosen keys buys nothing and
/// costs a tenth of a batch's time.
#[derive(Default)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'a> TableOut<'a> {
    fn new() -> Self {
        TableOut { strings: Default::default() }
    }

    /// `s` as a JS string, made once per call.
    fn str(&mut self, s: &'a str) -> JsValue {
        self.strings.entry(s).or_insert_with(|| JsValue::from_str(s)).clone()
    }

    fn object(&mut self, fields: &[(&'a str, &JsValue)]) -> JsValue {
        let o: PlainObject = js_sys::Object::new().unchecked_into();
        for (key, value) in fields {
            let key = self.str(key);
            o.set(&key, value);
        }
        o.into()
    }

    /// A FEEL value as serde-wasm-bindgen writes it (whole numbers as numbers, −0 as 0).
    fn value(&mut self, v: &'a Value) -> JsValue {
        match v {
            Value::Null => JsValue::NULL,
            Value::Bool(b) => JsValue::from_bool(*b),
            Value::Number(x) => JsValue::from_f64(*x + 0.0),
            Value::String(s) => self.str(s),
            Value::Array(items) => {
                let a = js_sys::Array::new_with_length(items.len() as u32);
                for (i, item) in items.iter().enumerate() {
                    a.set(i as u32, self.value(item));
                }
                a.into()
            }
            Value::Object(pairs) => {
                let o: PlainObject = js_sys::Object::new().unchecked_into();
                for (k, item) in pairs {
                    let (key, item) = (self.str(k), self.value(item));
                    o.set(&key, &item);
                }
                o.into()
            }
        }
    }

    fn trace(&mut self, trace: &'a [RuleTrace]) -> JsValue {
        let rules = js_sys::Array::new_with_length(trace.len() as u32);
        for (i, t) in trace.iter().enumerate() {
            let cells = js_sys::Array::new_with_length(t.inputs.len() as u32);
            for (j, c) in t.inputs.iter().enumerate() {
                let (input, field, value, test) =
                    (self.str(&c.input), self.str(&c.field), self.value(&c.value), self.str(&c.test));
                let cell = self.object(&[
                    ("input", &input),
                    ("field", &field),
                    ("value", &value),
                    ("test", &test),
                    ("passed", &JsValue::from_bool(c.passed)),
                ]);
                cells.set(j as u32, cell);
            }
            let rule = self.str(&t.rule);
            let mut fields: Vec<(&'a str, &JsValue)> = Vec::with_capacity(6);
            let (index, matched, selected) =
                (JsValue::from_f64(t.index as f64), JsValue::from_bool(t.matched), JsValue::from_bool(t.selected));
            fields.extend([("rule", &rule), ("index", &index), ("matched", &matched), ("selected", &selected)]);
            let cells = JsValue::from(cells);
            fields.push(("inputs", &cells));
            let output = t.output.as_ref().map(|o| self.value(o));
            if let Some(o) = &output {
                fields.push(("output", o));
            }
            let entry = self.object(&fields);
            rules.set(i as u32, entry);
        }
        rules.into()
    }

    /// `{ result, trace }`.
    fn evaluation(&mut self, e: &'a Evaluation) -> JsValue {
        let (result, trace) = (self.value(&e.result), self.trace(&e.trace));
        self.object(&[("result", &result), ("trace", &trace)])
    }

    /// `{ results: [{ ok, result } | { ok, error }], traces? }`.
    fn batch(&mut self, b: &'a TableBatch) -> JsValue {
        let results = js_sys::Array::new_with_length(b.results.len() as u32);
        for (i, r) in b.results.iter().enumerate() {
            let slot = match r {
                Ok(v) => {
                    let v = self.value(v);
                    self.object(&[("ok", &JsValue::TRUE), ("result", &v)])
                }
                Err(e) => {
                    let error = to_js(&crate::escalation::FactSetError::from(e)).unwrap_or(JsValue::NULL);
                    self.object(&[("ok", &JsValue::FALSE), ("error", &error)])
                }
            };
            results.set(i as u32, slot);
        }
        let results = JsValue::from(results);
        match &b.traces {
            None => self.object(&[("results", &results)]),
            Some(traces) => {
                let list = js_sys::Array::new_with_length(traces.len() as u32);
                for (i, t) in traces.iter().enumerate() {
                    list.set(i as u32, t.as_ref().map_or(JsValue::NULL, |t| self.trace(t)));
                }
                self.object(&[("results", &results), ("traces", &list.into())])
            }
        }
    }
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from(js_sys::Error::new(&format!("internal: could not return the result: {e}"))))
}

/// A JS `Error` with `code`, `path` (of the first problem) and `problems` (all of them).
fn input_error(e: InputError) -> JsValue {
    let err = js_sys::Error::new(&e.summary());
    let first = e.first();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str(key), value);
    };
    set("code", &JsValue::from_str(first.code.as_str()));
    set("path", &JsValue::from_str(&first.path));
    set("problems", &to_js(&e.problems).unwrap_or(JsValue::NULL));
    err.into()
}
