// `node scripts/check-sizes.mjs`: the gzip -9 size of each shipped file against its budget in
// sizes.json; exits 1 when one is over (CI and `npm test` run it). `--write` sets each budget
// to the current size rounded up to the next KiB (after a deliberate, explained change).
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync, constants } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const budgetPath = join(root, "sizes.json");
const budget = JSON.parse(readFileSync(budgetPath, "utf8"));
let over = 0;
for (const [file, entry] of Object.entries(budget.files)) {
  const bytes = readFileSync(join(root, file));
  const gz = gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length;
  const ok = gz <= entry.gzipBudget;
  if (!ok) over++;
  console.log(`${ok ? "ok  " : "OVER"} ${file.padEnd(34)} ${String(bytes.length).padStart(9)} B raw ${String(gz).padStart(8)} B gzip (budget ${entry.gzipBudget})`);
  if (process.argv.includes("--write")) entry.gzipBudget = Math.ceil(gz / 1024) * 1024;
}
if (process.argv.includes("--write")) writeFileSync(budgetPath, JSON.stringify(budget, null, 2) + "\n");
else if (over) {
  console.error(`check-sizes: ${over} file(s) over budget. Shrink them, or raise the budget in sizes.json with a reason in the commit.`);
  process.exit(1);
}
