// `node scripts/bench-report.mjs`: the WebAssembly/native table of BENCHMARKS.md. Reads the
// native medians that `cargo bench` left in target/criterion, times the same calls in Node and
// in headless Chromium (www/bench-cases.js), and prints one Markdown table with the ratios.
// `npm run bench` runs `cargo bench` first.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { cpus, arch } from "node:os";
import { timings as nodeTimings } from "./bench-node.mjs";
import { timings as browserTimings } from "./bench-browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const criterionDir = join(process.env.CARGO_TARGET_DIR || join(root, "target"), "criterion");

/** full_id → median ms, from every `new/benchmark.json` + `new/estimates.json` criterion wrote. */
function nativeMedians() {
  const out = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (!statSync(path).isDirectory()) continue;
      const bench = join(path, "new", "benchmark.json");
      if (name !== "new" && existsSync(bench)) {
        const id = JSON.parse(readFileSync(bench, "utf8")).full_id;
        const est = JSON.parse(readFileSync(join(path, "new", "estimates.json"), "utf8"));
        out.set(id, est.median.point_estimate / 1e6);
      }
      if (name !== "new" && name !== "base" && name !== "change" && name !== "report") walk(path);
    }
  };
  if (existsSync(criterionDir)) walk(criterionDir);
  return out;
}

const fmt = (ms) => (ms === undefined ? "–" : ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const ratio = (a, b) => (a === undefined || b === undefined ? "–" : (a / b).toFixed(2));

const native = nativeMedians();
const node = await nodeTimings();
const { agent, results: browser } = await browserTimings();
const inBrowser = new Map(browser.map((r) => [r.name, r.medianMs]));
const chromium = (agent.match(/Chrome\/([\d.]+)/) || [])[1];

console.log(`Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()} (${arch()}); ` +
  `Node ${process.version}; Chromium ${chromium}. Median milliseconds per call.\n`);
console.log("| call | native (criterion) | Node (wasm) | Chromium (wasm) | Node / native | Chromium / native |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of node) {
  const n = native.get(r.name);
  const b = inBrowser.get(r.name);
  console.log(`| \`${r.name}\` | ${fmt(n)} | ${fmt(r.medianMs)} | ${fmt(b)} | ${ratio(r.medianMs, n)} | ${ratio(b, n)} |`);
}
