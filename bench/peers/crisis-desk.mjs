// crisis-desk's side of bench/peers (issue 8, item 3): times the same calls as the peers in
// peers.py, through the JS API (WebAssembly in Node), on the inputs peers.py wrote, and writes
// crisis-desk's results and timings for peers.py to compare.
//
//   node bench/peers/crisis-desk.mjs INPUTS.json OUTPUTS.json      (peers.py runs it)
//
// Timing: as peers.py's bench(): warm-up (one call, more while they fit in `warmupSeconds`),
// then enough repeats to fill `timing.target` seconds (between `minReps` and `maxReps`), each
// timed with performance.now(); the median.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import CrisisDesk, { ready } from "../../pkg/crisis_desk.js";

const [inputsPath, outputsPath] = process.argv.slice(2);
if (!inputsPath || !outputsPath) {
  console.error("usage: node bench/peers/crisis-desk.mjs INPUTS.json OUTPUTS.json");
  process.exit(2);
}
const inputs = JSON.parse(readFileSync(inputsPath, "utf8"));
const timing = inputs.timing;
await ready;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Warm-up, then repeats; returns { median, reps, min } in seconds and the last call's value. */
function bench(fn) {
  const warmStart = performance.now();
  let value = fn();
  let warm = 1;
  while (warm < timing.warmup && performance.now() - warmStart < timing.warmupSeconds * 1000) {
    value = fn();
    warm += 1;
  }
  const perCall = (performance.now() - warmStart) / 1000 / warm;
  const reps = Math.max(timing.minReps, Math.min(timing.maxReps, Math.ceil(timing.target / Math.max(perCall, 1e-9))));
  const times = new Array(reps);
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    value = fn();
    times[i] = (performance.now() - t0) / 1000;
  }
  return { stats: { median: median(times), min: Math.min(...times), reps }, value };
}

const out = { version: CrisisDesk.version(), node: process.version, tasks: {} };
const COLS = ["mean", "std", "q025", "q05", "q25", "median", "q75", "q95", "q975"];

function task(name, fn, keep) {
  const { stats, value } = bench(fn);
  out.tasks[name] = { ...stats, result: keep(value) };
  process.stderr.write(`  crisis-desk ${name}: median ${(stats.median * 1e3).toFixed(3)} ms over ${stats.reps}\n`);
}

// ---- Rt (Cori et al. 2013, EpiEstim's estimate_R): non-parametric SI, weekly windows from day 2.
for (const [key, rt] of Object.entries(inputs.rt)) {
  const request = { incidence: rt.incidence, si: { distribution: rt.si }, window: rt.window };
  task(`rt-${key}`, () => CrisisDesk.estimateRt(request), (r) => ({
    tStart: r.windows.map((w) => w.tStart),
    tEnd: r.windows.map((w) => w.tEnd),
    ...Object.fromEntries(COLS.map((c) => [c, r.windows.map((w) => w[c])])),
  }));
}

// ---- AHP, n = 15: once with each peer's random-index table.
for (const table of inputs.ahp.randomIndex) {
  const request = { matrix: inputs.ahp.matrix, randomIndex: table };
  task(`ahp-${table}`, () => CrisisDesk.ahp(request), (r) => ({
    weights: r.weights, cr: r.cr, ci: r.ci, lambdaMax: r.lambdaMax, ri: r.ri,
  }));
}

// ---- TOPSIS and entropy weights, 1 000 x 20: the rows as plain arrays, and as Float64Arrays
// (made before timing, as the peer's numpy array is).
const { matrix, weights, types } = inputs.mcda;
const typedMatrix = matrix.map((row) => Float64Array.from(row));
for (const [suffix, m] of [["", matrix], ["-typed", typedMatrix]]) {
  for (const normalization of ["vector", "minmax"]) {
    const request = { matrix: m, weights, types, normalization };
    task(`topsis-${normalization}${suffix}`, () => CrisisDesk.topsis(request), (r) => ({ closeness: r.closeness, ranking: r.ranking }));
  }
  const request = { matrix: m, normalization: "sum" };
  task(`entropy-sum${suffix}`, () => CrisisDesk.entropyWeights(request), (r) => ({ weights: r.weights }));
}

// ---- Decision tables.
// `zen-<policy>`: evaluateTable(table, facts) for every fact set: the table is parsed again on
// every call and the trace of the rules evaluated comes back with each result.
// `zen-<policy>-many`: evaluateTableMany(table, facts): parsed once, results only; the rules
// that made each result (for the agreement check) come from one untimed call with the trace,
// whose results must be the same.
// `zen-<policy>-many-trace`: evaluateTableMany(table, facts, { trace: true }).
const selected = (trace) => trace.filter((t) => t.selected).map((t) => t.rule);
for (const [policy, zen] of Object.entries(inputs.zen)) {
  const { table, facts } = zen;
  task(`zen-${policy}`, () => facts.map((f) => CrisisDesk.evaluateTable(table, f)), (rs) => rs.map((r) => ({
    result: r.result,
    matched: selected(r.trace),
  })));
  const traced = CrisisDesk.evaluateTableMany(table, facts, { trace: true });
  task(`zen-${policy}-many`, () => CrisisDesk.evaluateTableMany(table, facts), (b) => b.results.map((r, i) => {
    const t = traced.results[i];
    const same = r.ok && t.ok && JSON.stringify(r.result) === JSON.stringify(t.result);
    return { result: r.ok ? r.result : { error: r.error.code }, matched: same ? selected(traced.traces[i]) : ["(differs from the traced call)"] };
  }));
  task(`zen-${policy}-many-trace`, () => CrisisDesk.evaluateTableMany(table, facts, { trace: true }), (b) =>
    b.results.map((r, i) => ({ result: r.ok ? r.result : { error: r.error.code }, matched: r.ok ? selected(b.traces[i]) : [] })));
}

writeFileSync(outputsPath, JSON.stringify(out));
