// `node scripts/bench-node.mjs [--quick]`: times the calls of www/bench-cases.js through the
// npm package (pkg/crisis_desk.js: WebAssembly in Node) and prints them; `timings()` is also
// used by scripts/bench-report.mjs.
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function timings({ quick = false } = {}) {
  const B = createRequire(import.meta.url)(join(root, "www", "bench-cases.js"));
  const CD = (await import(pathToFileURL(join(root, "pkg", "crisis_desk.js")).href)).default;
  await CD.ready;
  return B.cases(CD, { quick }).map((c) => B.time(c, () => performance.now()));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(`Node ${process.version}`);
  for (const r of await timings({ quick: process.argv.includes("--quick") })) {
    console.log(`${r.name.padEnd(28)} ${r.medianMs.toFixed(3).padStart(10)} ms (median of ${r.runs})`);
  }
}
