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

/** The one input of an assessment. Unknown keys are errors. */
export interface Situation {
    region: Region;
    /** ISO date YYYY-MM-DD of the assessment. */
    asOf: string;
    series: Series;
    capacity?: Capacity | null;
    events?: Events | null;
}

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
    signals: WeeklySignals;
}

/** One problem with an input: a stable kebab-case code and the JSON path of the field. */
export interface Problem { code: string; path: string; message: string; }

/** What every function throws for bad input; `code` and `path` are those of the first problem. */
export interface CrisisDeskError extends Error { code: string; path: string; problems: Problem[]; }



/**
 * Validates and assesses a situation. Throws a `CrisisDeskError` listing every problem.
 */
export function assess(situation: Situation): Assessment;

/**
 * Panics on purpose, to test that a bug surfaces as `code: "internal"` and that the
 * next call still works. Not for use in an application.
 */
export function debugPanic(): void;

/**
 * The bundled illustrative example (a county-level city of about 1.4 million).
 */
export function exampleSituation(): Situation;

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
  exampleSituation: typeof exampleSituation;
  validateSituation: typeof validateSituation;
  version: typeof version;
};
export default CrisisDesk;
