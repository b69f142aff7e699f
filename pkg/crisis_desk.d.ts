/* tslint:disable */
/* eslint-disable */

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



    /**
     * Validates and assesses a situation; `options` (frameworks, precautionary rule, composite
     * index) may be left out. Throws a `CrisisDeskError` listing every problem in both.
     */
    export function assess(situation: Situation, options?: AssessOptions): Assessment;

    /**
     * Panics on purpose, to test that a bug surfaces as `code: "internal"` and that the
     * next call still works. Not for use in an application.
     */
    export function debugPanic(): void;

    /**
     * The instantaneous reproduction number as EpiEstim's `estimate_R` computes it (Cori et
     * al. 2013). Throws a `CrisisDeskError` listing every problem.
     */
    export function estimateRt(input: RtRequest): RtEstimate;

    /**
     * The bundled illustrative example (a county-level city of about 1.4 million).
     */
    export function exampleSituation(): Situation;

    /**
     * An SEIR scenario and its no-action baseline, integrated by RK4: "what if we act on day
     * N?". Throws a `CrisisDeskError` listing every problem.
     */
    export function simulateSeir(input: SeirInput): SeirResult;

    /**
     * Installs the panic hook so a bug logs its message to the console.
     */
    export function start(): void;

    /**
     * Every problem in a situation (empty when valid); never throws for a bad situation.
     */
    export function validateSituation(situation: unknown): Problem[];

    /**
     * The crisis-desk version (the crate's).
     */
    export function version(): string;

/**
 * Resolves once the WebAssembly module is instantiated. Rejects with a CrisisDeskError whose
 * code is "csp-blocks-wasm" (the page's Content-Security-Policy forbids WebAssembly; add
 * 'wasm-unsafe-eval' to script-src) or "startup-failed". Calls made before it resolves throw
 * code "not-ready". A bug (a Rust panic) throws code "internal" and the module restarts.
 */
export const ready: Promise<void>;
/** The package version, available before `ready`. */
export const VERSION: string;
/** How many times a trapped instance was replaced after an internal error. */
export function restartCount(): number;

declare const CrisisDesk: {
  ready: Promise<void>;
  VERSION: string;
  restartCount(): number;
  assess: typeof assess;
  debugPanic: typeof debugPanic;
  estimateRt: typeof estimateRt;
  exampleSituation: typeof exampleSituation;
  simulateSeir: typeof simulateSeir;
  validateSituation: typeof validateSituation;
  version: typeof version;
};
export default CrisisDesk;
