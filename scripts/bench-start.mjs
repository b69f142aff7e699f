// `node scripts/bench-start.mjs [runs]`: page start, issue 7 item 8 / issue 8 item 5. Opens
// www/index.html from file:// in headless Chromium `runs` times (default 9), each in a fresh
// context (nothing cached, nothing saved), and prints the median time from navigation start
// to the first assessment on screen (the `crisis-desk:first-assessment` mark in app.js).
import { chromium } from "playwright-core";
import { pathToFileURL, fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.argv[2] || 9);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
const url = pathToFileURL(join(root, "www", "index.html")).href;
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("crisis-desk:first-assessment").length > 0, null, { timeout: 30000 });
  const ms = await page.evaluate(() => ({
    assessed: performance.getEntriesByName("crisis-desk:first-assessment")[0].startTime,
    domContentLoaded: performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd,
  }));
  samples.push(ms);
  await context.close();
}
await browser.close();
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${url}: median of ${runs} fresh loads, headless Chromium`);
console.log(`first assessment on screen  ${median(samples.map((s) => s.assessed)).toFixed(0)} ms after navigation start`);
console.log(`DOMContentLoaded            ${median(samples.map((s) => s.domContentLoaded)).toFixed(0)} ms`);
