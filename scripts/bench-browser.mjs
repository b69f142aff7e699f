// `node scripts/bench-browser.mjs [--quick]`: opens www/bench.html from file:// in headless
// Chromium and prints the WebAssembly timings; `timings()` is also used by
// scripts/bench-report.mjs.
import { chromium } from "playwright-core";
import { pathToFileURL, fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

export async function timings({ quick = false } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(root, "www", "bench.html")).href + (quick ? "?quick" : ""));
    await page.waitForSelector("body[data-results]", { state: "attached", timeout: 300000 });
    return {
      agent: await page.evaluate(() => navigator.userAgent),
      results: JSON.parse(await page.getAttribute("body", "data-results")),
    };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { agent, results } = await timings({ quick: process.argv.includes("--quick") });
  console.log(agent);
  for (const r of results) console.log(`${r.name.padEnd(28)} ${r.medianMs.toFixed(3).padStart(10)} ms (median of ${r.runs})`);
}
