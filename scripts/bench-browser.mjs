// `node scripts/bench-browser.mjs`: opens www/bench.html from file:// in headless Chromium
// and prints the WebAssembly timings (the figures in README, "Performance").
import { chromium } from "playwright-core";
import { pathToFileURL, fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const page = await browser.newPage();
await page.goto(pathToFileURL(join(root, "www", "bench.html")).href);
await page.waitForSelector("body[data-results]", { state: "attached", timeout: 120000 });
const results = JSON.parse(await page.getAttribute("body", "data-results"));
console.log(await page.evaluate(() => navigator.userAgent));
for (const r of results) console.log(`${r.name.padEnd(28)} ${r.medianMs.toFixed(3).padStart(10)} ms (median of ${r.runs})`);
await browser.close();
