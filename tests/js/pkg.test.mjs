// pkg/ as another project uses it: `npm install ./pkg` into an empty folder, then the ES
// module (and the standalone script) from Node.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const example = JSON.parse(readFileSync(join(ROOT, "src", "data", "example-situation.json"), "utf8"));
const fixtures = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "situation-validation.json"), "utf8"));

test("npm install ./pkg in an empty project, import the ES module, call assess", () => {
  const dir = mkdtempSync(join(tmpdir(), "crisis-desk-consumer-"));
  try {
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // --install-links copies the folder as a registry tarball would, instead of a symlink.
    execFileSync("npm", ["install", "--install-links", "--no-audit", "--no-fund", "--offline", join(ROOT, "pkg")], { cwd: dir, stdio: "pipe" });
    const bad = fixtures.invalid.find((c) => c.name === "every-problem-at-once");
    writeFileSync(
      join(dir, "main.mjs"),
      `import CrisisDesk, { ready, assess, version, VERSION } from "crisis-desk";
await ready;
const a = assess(${JSON.stringify(example)});
let err;
try { assess(${JSON.stringify(bad.input)}); } catch (e) { err = { code: e.code, path: e.path, n: e.problems.length, isError: e instanceof Error }; }
console.log(JSON.stringify({ version: version(), VERSION, same: CrisisDesk.assess === assess, a, err }));`
    );
    const out = JSON.parse(execFileSync(process.execPath, ["main.mjs"], { cwd: dir, encoding: "utf8" }));
    const cargoVersion = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "(.+)"/m)[1];
    assert.equal(out.version, cargoVersion);
    assert.equal(out.VERSION, cargoVersion);
    const last7 = example.series.localCases.slice(-7).reduce((x, y) => x + y, 0);
    assert.equal(out.a.signals.localCasesLast7Days, last7);
    assert.ok(Math.abs(out.a.signals.incidence7dPer100k - (last7 / example.region.population) * 1e5) < 1e-9);
    assert.deepEqual(out.err, { code: bad.expect[0].code, path: bad.expect[0].path, n: bad.expect.length, isError: true });
    // The installed package holds exactly the declared files.
    const installed = JSON.parse(readFileSync(join(dir, "node_modules", "crisis-desk", "package.json"), "utf8"));
    assert.equal(installed.types, "crisis_desk.d.ts");
    assert.equal(installed.module, "crisis_desk.js");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the standalone script defines CrisisDesk and works without fetch or modules", async () => {
  const code = readFileSync(join(ROOT, "pkg", "crisis_desk_standalone.js"), "utf8");
  assert.doesNotMatch(code, /^\s*(import|export)\s/m, "a classic script");
  // No fetch (Chromium refuses fetch from file://): make any call to it fail loudly.
  const sandbox = {};
  const fetchCalls = [];
  const noFetch = (u) => {
    fetchCalls.push(String(u));
    throw new Error("fetch called");
  };
  new Function("globalThis", "self", "fetch", code)(sandbox, sandbox, noFetch);
  await sandbox.CrisisDesk.ready;
  const a = sandbox.CrisisDesk.assess(example);
  assert.equal(a.region.name, example.region.name);
  assert.deepEqual(fetchCalls, []);
});

test("the .d.ts declares every export with exact input and output types", () => {
  const dts = readFileSync(join(ROOT, "pkg", "crisis_desk.d.ts"), "utf8");
  for (const line of [
    "export function assess(situation: Situation, options?: AssessOptions): Assessment;",
    "export function validateSituation(situation: unknown): Problem[];",
    "export function exampleSituation(): Situation;",
    "export function version(): string;",
    "export const ready: Promise<void>;",
    "export interface CrisisDeskError extends Error",
  ]) {
    assert.ok(dts.includes(line), line);
  }
  // No `any` type (the word may appear as a value, e.g. the "any" hit policy).
  const code = dts.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, ""); // types, not comments
  assert.doesNotMatch(code, /(:|<|\||,)\s*any\b(?!")|\bany\[\]/, "no `any` in the public types");
});

test("estimateRt through the package is bit for bit the native answer (window objects built in JS)", async () => {
  const CD = (await import(new URL("../../pkg/crisis_desk.js", import.meta.url).href)).default;
  await CD.ready;
  const calls = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "determinism", "calls.json"), "utf8")).calls;
  const expected = new Map(
    readFileSync(join(ROOT, "tests", "fixtures", "determinism", "expected.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .map((l) => [l.name, l.output])
  );
  const rtCalls = calls.filter((c) => c.function === "estimateRt");
  assert.ok(rtCalls.length >= 2, "calls.json has estimateRt cases");
  // Same keys (expected.jsonl is canonical: sorted keys) and the same doubles (Object.is: -0
  // and NaN would show).
  const same = (got, want, at) => {
    if (Array.isArray(want)) {
      assert.ok(Array.isArray(got), at + " is an array");
      assert.equal(got.length, want.length, at + ".length");
      want.forEach((w, i) => same(got[i], w, `${at}[${i}]`));
    } else if (want !== null && typeof want === "object") {
      assert.deepEqual(Object.keys(got).sort(), Object.keys(want), at + " keys");
      for (const k of Object.keys(want)) same(got[k], want[k], `${at}.${k}`);
    } else {
      assert.ok(Object.is(got, want), `${at}: ${got} vs ${want}`);
    }
  };
  for (const c of rtCalls) {
    const got = CD.estimateRt(...c.args);
    same(got, expected.get(c.name), c.name);
    // The order the Rust structs declare (serde's, as the module's own estimateRt returns).
    assert.deepEqual(Object.keys(got), ["windows", "si", "siMean", "siStd", "warnings"]);
    assert.deepEqual(Object.keys(got.windows[0]), ["tStart", "tEnd", "mean", "std", "cv", "q025", "q05", "q25", "median", "q75", "q95", "q975", "shape", "scale"]);
    const cols = CD.estimateRtColumns(...c.args);
    assert.ok(cols.median instanceof Float64Array && cols.si instanceof Float64Array, "columns are Float64Arrays");
    assert.deepEqual(Array.from(cols.median), expected.get(c.name).windows.map((w) => w.median));
  }
  // Errors still carry code and path.
  assert.throws(() => CD.estimateRt({ incidence: [1, 2, "x"], si: { mean: 4.7, sd: 2.9 } }), (e) => e.path === "incidence[2]" && !!e.code);
});

test("every call of the determinism fixture answers through the package as natively, bit for bit", async () => {
  // The package hands arrays of numbers to the module as Float64Arrays (scripts/pkg/runtime.js);
  // the answers must be the native ones all the same.
  const CD = (await import(new URL("../../pkg/crisis_desk.js", import.meta.url).href)).default;
  await CD.ready;
  const dir = join(ROOT, "tests", "fixtures", "determinism");
  const calls = JSON.parse(readFileSync(join(dir, "calls.json"), "utf8")).calls;
  const expected = readFileSync(join(dir, "expected.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const examples = { situation: CD.exampleSituation(), rulebook: CD.defaultRulebook(), synergy: CD.exampleSynergy() };
  const outputs = new Map();
  const resolve = (a) => {
    if (Array.isArray(a)) return a.map(resolve);
    if (a === null || typeof a !== "object") return a;
    if (a.$example) return examples[a.$example];
    if (a.$output) return a.pick ? outputs.get(a.$output)[a.pick] : outputs.get(a.$output);
    return a;
  };
  const canonical = (v) =>
    Array.isArray(v) ? v.map(canonical)
    : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]))
    : v;
  assert.equal(calls.length, expected.length);
  for (const [i, c] of calls.entries()) {
    const args = c.args.map(resolve);
    const inputs = JSON.stringify(args);
    const out = CD[c.function](...args);
    outputs.set(c.name, out);
    assert.deepStrictEqual(canonical(JSON.parse(JSON.stringify(out))), expected[i].output, c.name);
    assert.equal(JSON.stringify(args), inputs, c.name + ": the caller's input is unchanged");
  }
});

test("arrays handed over as Float64Arrays keep every error path, and odd keys stay keys", async () => {
  const CD = (await import(new URL("../../pkg/crisis_desk.js", import.meta.url).href)).default;
  await CD.ready;
  const B = (await import(new URL("../../www/bench-cases.js", import.meta.url).href)).default;
  // A year of days: every daily column is long enough to be handed over as a Float64Array.
  const s = B.county(3, 365);
  const bad = (column, at, value) => {
    const copy = structuredClone(s);
    copy.series[column][at] = value;
    return copy;
  };
  // -3 is a finite number: its column goes over as a Float64Array and the core still names the
  // day. The others keep their column a plain array.
  for (const [value, code] of [[-3, "negative-count"], [2.5, "fractional-count"], [NaN, "not-finite"], [Infinity, "not-finite"], ["7", "invalid-type"]]) {
    assert.throws(() => CD.assess(bad("localCases", 200, value)), (e) => e.code === code && e.path === "series.localCases[200]", String(value));
  }
  // An own "__proto__" key (JSON.parse makes one) is still an own key when the series object
  // around the converted columns is copied: the core names it as an unknown key.
  const text = JSON.stringify(s).replace('"series":{', '"series":{"__proto__":[1,2,3],');
  const withProto = JSON.parse(text);
  assert.ok(Object.prototype.hasOwnProperty.call(withProto.series, "__proto__"));
  assert.throws(() => CD.assess(withProto), (e) => e.problems.some((p) => p.path === "series.__proto__" && p.code === "unknown-key"));
  assert.equal(JSON.stringify(withProto), text, "the caller's value is unchanged");
  assert.equal({}.length, undefined);
  // What cannot be walked safely goes over as it was given, for the module to answer: a cycle
  // (nested past the module's depth limit), a getter that throws (unreadable).
  const cycle = [];
  for (let i = 0; i < 100; i++) cycle.push(cycle);
  assert.throws(() => CD.assess(cycle), (e) => e.code === "too-large");
  const trap = structuredClone(s);
  Object.defineProperty(trap.series, "deaths", { enumerable: true, get() { throw new Error("boom"); } });
  assert.throws(() => CD.assess(trap), (e) => typeof e.code === "string" && e.code !== "internal");
  // A batch given as one long array of numbers is named at the root, as before.
  assert.throws(() => CD.assessManyColumns(new Array(100).fill(1)), (e) => e.path === "" && e.code === "invalid-type");
});

test("a large plain matrix answers as the same rows given as Float64Arrays, errors at the same paths", async () => {
  const CD = (await import(new URL("../../pkg/crisis_desk.js", import.meta.url).href)).default;
  await CD.ready;
  const B = (await import(new URL("../../www/bench-cases.js", import.meta.url).href)).default;
  const dm = B.decisionMatrix(300, 12);
  const typed = dm.matrix.map((r) => Float64Array.from(r));
  const plain = JSON.stringify(dm.matrix);
  assert.deepStrictEqual(CD.topsis(dm), CD.topsis({ ...dm, matrix: typed }));
  assert.deepStrictEqual(
    CD.entropyWeights({ matrix: dm.matrix, types: dm.types }),
    CD.entropyWeights({ matrix: typed, types: dm.types })
  );
  assert.equal(JSON.stringify(dm.matrix), plain, "the caller's matrix is unchanged");
  for (const [value, code] of [[NaN, "not-finite"], ["7", "invalid-type"], [null, "invalid-type"]]) {
    const bad = dm.matrix.map((r) => r.slice());
    bad[123][7] = value;
    assert.throws(() => CD.topsis({ ...dm, matrix: bad }), (e) => e.code === code && e.path === "matrix[123][7]", String(value));
  }
});
