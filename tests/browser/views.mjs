// The page's views as the accessibility, reflow and offline tests need them: everything rendered
// (each panel with its results, the import open with a preview and its problems, the share link,
// every <details> open), or with the input errors shown. Shared by a11y.test.mjs and
// requests.test.mjs; not a test file itself.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, ready as pageReady } from "./harness.mjs";

export const example = JSON.parse(readFileSync(join(ROOT, "src", "data", "example-situation.json"), "utf8"));
const fixtures = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "situation-validation.json"), "utf8"));
export const everyProblem = fixtures.invalid.find((c) => c.name === "every-problem-at-once").input;
export const gbkCsv = readFileSync(join(ROOT, "tests", "fixtures", "import", "zhangjiagang-gbk.csv"));
/** A CSV with a problem in most rows (a bad number, a gap, a negative and a fractional count) and a long file name. */
export const malformedCsv = Buffer.from(
  "日期,本土确诊,境外输入,死亡,备注\n2026-10-01,3,0,0,ok\n2026-10-02,x,1,,\n2026-10-04,-2,0,0,\n2026/10/5,1.5,0,0,\"quoted, comma\"\n2026年10月6日,4,0,0,\n",
);
export const MALFORMED_NAME = "每日疫情-daily-cases-exported-from-the-office-spreadsheet.csv";

/** Waits until the page has started (the module is ready, the example assessed and its plan drawn). */
export const ready = (page) => pageReady(page, { timeout: 30000, plan: true });

/** Waits until the import panel has finished reading and checking; returns its state. */
export async function imported(page) {
  await page.waitForFunction(() => ["ready", "problems", "error"].includes(document.getElementById("import").dataset.state), null, { timeout: 60000 });
  return page.getAttribute("#import", "data-state");
}

export async function openAllDetails(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
}

/**
 * Every panel rendered: the example assessed (verdict, frameworks, level timeline, plan, rulebook
 * editor, charts), the what-if scenario run, the analysis results, a malformed CSV in the import
 * (mapping, problems and the editable preview), a share link made (its box shown), every <details>
 * open. The context needs clipboard permissions for the share link.
 */
export async function showEverything(page) {
  await ready(page);
  await page.click("#whatif-run");
  await page.waitForSelector("#whatif-chart svg");
  await page.setInputFiles("#im-file", { name: MALFORMED_NAME, mimeType: "text/csv", buffer: malformedCsv });
  assert.equal(await imported(page), "problems");
  await page.click("#ws-link-make");
  await page.waitForSelector("#ws-link-box:not([hidden])");
  await openAllDetails(page);
}

/**
 * The page with its input errors shown: a scenario with every problem at once (the problems
 * table), an invalid rulebook cell (the cell's message and the rulebook's problem list), a workspace
 * file that is not one (its problem list) and an inconsistent AHP questionnaire.
 */
export async function showInputErrors(page) {
  await ready(page);
  await page.fill("#situation-json", JSON.stringify(everyProblem, null, 1));
  await page.click("#assess");
  await page.waitForSelector("#problems:not([hidden])");
  const cell = 'input.rb-cell[data-path="tables[0].rules[2].in_verdict"]';
  await page.fill(cell, "[1..");
  await page.waitForSelector(`${cell}[aria-invalid="true"]`);
  await page.waitForSelector("#rb-diagnostics:not([hidden])");
  await page.setInputFiles("#ws-file", { name: "not-a-workspace.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "x", lang: "fr" })) });
  await page.waitForSelector('#ws-status[data-state="error"]');
  await page.selectOption("#ahp-0-1", "9");
  await page.selectOption("#ahp-1-2", "9");
  await page.selectOption("#ahp-0-2", String(1 / 9));
  await page.waitForSelector('#ahp-cr[data-consistent="false"]');
  await openAllDetails(page);
}
