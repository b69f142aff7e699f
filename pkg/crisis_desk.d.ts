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



        /**
         * r" AHP weights by the principal eigenvector, CI, CR and the judgements to reconsider.
         */
        export function ahp(input: AhpInput): AhpResult;

        /**
         * r" Several experts' AHP matrices aggregated by element-wise geometric mean.
         */
        export function ahpGroup(input: AhpGroupInput): AhpGroupResult;

        /**
         * r" AHP over a hierarchy (criteria, then sub-criteria): global weights and the hierarchy's CR.
         */
        export function ahpHierarchy(input: AhpHierarchyInput): AhpHierarchyResult;

        /**
         * r" A fair split of a scarce resource in whole units (water-filling, largest remainder).
         */
        export function allocate(input: AllocateInput): AllocateResult;

        /**
         * Validates and assesses a situation; `options` (frameworks, precautionary rule, composite
         * index) may be left out. Throws a `CrisisDeskError` listing every problem in both.
         */
        export function assess(situation: Situation, options?: AssessOptions): Assessment;

        /**
         * Many regions in one call, in input order, each with its summary or its own error. Throws
         * only for bad options or an input that is not an array.
         */
        export function assessMany(situations: Situation[], options?: AssessOptions): RegionResult[];

        /**
         * [`assess_many`] for regions on one calendar with their daily counts in `Float64Array`s:
         * each column crosses the boundary in one copy instead of value by value. Throws only for a
         * bad batch or options; a bad region carries its own error, paths into the batch.
         */
        export function assessManyColumns(batch: RegionBatch, options?: AssessOptions): RegionResult[];

        /**
         * The frameworks and the verdict as of every day of the series (no look-ahead), with the
         * transitions between levels. Throws a `CrisisDeskError` listing every problem.
         */
        export function assessSeries(situation: Situation, options?: AssessOptions): SeriesAssessment;

        /**
         * r" Subjective (AHP) and objective (entropy) weights combined, linearly or multiplicatively.
         */
        export function combineWeights(input: CombineWeightsInput): CombineWeightsResult;

        /**
         * Panics on purpose, to test that a bug surfaces as `code: "internal"` and that the
         * next call still works. Not for use in an application.
         */
        export function debugPanic(): void;

        /**
         * The built-in rulebook (Zhangjiagang under Suzhou, Jiangsu; entries marked as cited or illustrative).
         */
        export function defaultRulebook(): Rulebook;

        /**
         * Added, removed and changed rows, agencies and deadlines between two rulebooks.
         */
        export function diffRulebooks(a: Rulebook, b: Rulebook): RulebookDiff;

        /**
         * r" Entropy weights of criteria from data (rows alternatives, columns criteria).
         */
        export function entropyWeights(input: EntropyInput): EntropyResult;

        /**
         * The escalation plan for an assessment: response level, agencies by aspect, the
         * notification timeline with absolute deadlines, sharing, measures and stand-down, each line
         * with its trace. Throws a `CrisisDeskError` listing every problem.
         */
        export function escalate(assessment: Assessment, options: EscalateOptions): Plan;

        /**
         * The instantaneous reproduction number as EpiEstim's `estimate_R` computes it (Cori et
         * al. 2013). Throws a `CrisisDeskError` listing every problem.
         */
        export function estimateRt(input: RtRequest): RtEstimate;

        /**
         * [`estimate_rt`] with the windows as columns (`Float64Array`s, one copy each): for charts,
         * and for the package's `estimateRt`, which builds its window objects from these in JS.
         * Setting 14 fields of thousands of objects one boundary call at a time cost several times
         * the estimate itself (issue 8).
         */
        export function estimateRtColumns(input: RtRequest): RtColumns;

        /**
         * Evaluates one decision table against a facts object, with the trace of which rules
         * matched on which values. Throws a `CrisisDeskError` for a bad table or facts.
         */
        export function evaluateTable(table: DecisionTable, facts: object): TableEvaluation;

        /**
         * Evaluates one decision table against many fact sets, the table parsed once: for each fact
         * set, in input order, `{ ok: true, result }` (the result `evaluateTable` gives) or
         * `{ ok: false, error }` (the error it would throw, which does not stop the others); with
         * `{ trace: true }` also `traces`, each as `evaluateTable`'s. Throws a `CrisisDeskError` for a
         * bad table or options, a `factsList` that is not an array or holds more than 100 000 fact sets.
         */
        export function evaluateTableMany(table: DecisionTable, factsList: object[], options?: TableBatchOptions): TableBatch;

        /**
         * The bundled illustrative example (a county-level city of about 1.4 million).
         */
        export function exampleSituation(): Situation;

        /**
         * The bundled synergy example: base and current values for the four default subsystems
         * (government, medical care, network/information, publicity); illustrative figures.
         */
        export function exampleSynergy(): SynergyInput;

        /**
         * The table as a GoRules ZEN decision graph (input → table → output), with the cells ZEN
         * would read otherwise. Throws a `CrisisDeskError` for a table that does not parse.
         */
        export function exportZenGraph(table: DecisionTable): ZenGraphExport;

        /**
         * r" Fuzzy comprehensive evaluation (one or two levels).
         */
        export function fuzzyEvaluate(input: FuzzyInput): FuzzyResult;

        /**
         * The decision tables of a GoRules ZEN decision graph, and the nodes that are not tables.
         * Throws a `CrisisDeskError` listing every problem at its path in the graph.
         */
        export function importZenGraph(graph: ZenGraph): ZenGraphImport;

        /**
         * A stable content hash of a rulebook (`sha256:` + hex over its canonical JSON).
         */
        export function rulebookHash(rulebook: Rulebook): string;

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
         * r" The composite-system synergy degree of the response's subsystems between two periods.
         */
        export function synergyDegree(input: SynergyInput): SynergyResult;

        /**
         * r" TOPSIS closeness and ranking (vector normalisation by default, as Hwang & Yoon).
         */
        export function topsis(input: TopsisInput): TopsisResult;

        /**
         * Every diagnostic of a rulebook; never throws for a bad rulebook.
         */
        export function validateRulebook(rulebook: unknown): RulebookValidation;

        /**
         * Every problem in a situation (empty when valid); never throws for a bad situation.
         */
        export function validateSituation(situation: unknown): Problem[];

        /**
         * Every diagnostic of a decision table (parse errors with positions, overlaps, unreachable
         * rules, gaps, unknown fields when `knownFields` is given); never throws for a bad table.
         */
        export function validateTable(table: unknown, known_fields?: string[]): TableDiagnostic[];

        /**
         * The crisis-desk version (the crate's).
         */
        export function version(): string;

        /**
         * The cells of a table that GoRules ZEN would read otherwise than FEEL (for an export).
         */
        export function zenDifferences(table: DecisionTable): ZenDifference[];

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
  ahp: typeof ahp;
  ahpGroup: typeof ahpGroup;
  ahpHierarchy: typeof ahpHierarchy;
  allocate: typeof allocate;
  assess: typeof assess;
  assessMany: typeof assessMany;
  assessManyColumns: typeof assessManyColumns;
  assessSeries: typeof assessSeries;
  combineWeights: typeof combineWeights;
  debugPanic: typeof debugPanic;
  defaultRulebook: typeof defaultRulebook;
  diffRulebooks: typeof diffRulebooks;
  entropyWeights: typeof entropyWeights;
  escalate: typeof escalate;
  estimateRt: typeof estimateRt;
  estimateRtColumns: typeof estimateRtColumns;
  evaluateTable: typeof evaluateTable;
  evaluateTableMany: typeof evaluateTableMany;
  exampleSituation: typeof exampleSituation;
  exampleSynergy: typeof exampleSynergy;
  exportZenGraph: typeof exportZenGraph;
  fuzzyEvaluate: typeof fuzzyEvaluate;
  importZenGraph: typeof importZenGraph;
  rulebookHash: typeof rulebookHash;
  simulateSeir: typeof simulateSeir;
  synergyDegree: typeof synergyDegree;
  topsis: typeof topsis;
  validateRulebook: typeof validateRulebook;
  validateSituation: typeof validateSituation;
  validateTable: typeof validateTable;
  version: typeof version;
  zenDifferences: typeof zenDifferences;
};
export default CrisisDesk;
