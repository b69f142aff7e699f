// The page in real headless Chromium, from file:// and from the local server.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import { ROOT, FILE_URL, SHOTS, suite, ready, open } from "./harness.mjs";

const fixtures = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "situation-validation.json"), "utf8"));
const example = JSON.parse(readFileSync(join(ROOT, "src", "data", "example-situation.json"), "utf8"));

// Expected headline, computed here independently of the Rust core.
const local = example.series.localCases;
const last7 = local.slice(-7).reduce((a, b) => a + b, 0);
const incidence = (last7 / example.region.population) * 1e5;

const env = suite();

test("server command prints the URL and says the page also opens from disk", () => {
  assert.match(env.server.printed, /http:\/\/127\.0\.0\.1:\d+\/www\//);
  assert.match(env.server.printed, /www\/index\.html also opens straight from disk \(file:\/\/\)/);
});

for (const [lang, locale, decimal] of [
  ["zh", "zh-CN", new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })],
  ["en", "en-GB", new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })],
]) {
  test(`the example's 7-day incidence shows from file:// and http (${lang})`, async () => {
    for (const [origin, url] of env.origins()) {
      const { page, context, log } = await open(env.browser, url, { locale });
      await ready(page);
      const shown = await page.textContent('[data-field="incidence7dPer100k"]');
      assert.equal(shown, decimal.format(incidence), `${origin}: incidence`);
      assert.equal(await page.textContent('[data-field="localCasesLast7Days"]'), String(last7), origin);
      assert.equal(await page.getAttribute("html", "lang"), lang === "zh" ? "zh-CN" : "en");
      assert.equal(await page.isVisible("#illustrative"), true, "the example is labelled illustrative");
      await page.screenshot({ path: join(SHOTS, `page-${origin}-${lang}.png`), fullPage: true });
      assert.deepEqual(log.errors, [], `${origin}: console errors`);
      assert.deepEqual(log.external, [], `${origin}: requests off this machine`);
      await context.close();
    }
  });
}

test("Rt and doubling time show with their intervals, charts with tables (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    const a = await page.evaluate(() => window.CrisisDesk.assess(window.CrisisDesk.exampleSituation()));
    const two = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    assert.equal(await page.textContent('[data-field="rt"]'), two.format(a.rt.latest.mean), origin);
    const rtDetail = await page.textContent('[data-detail="rt"]');
    assert.ok(rtDetail.includes(two.format(a.rt.latest.lower)) && rtDetail.includes(two.format(a.rt.latest.upper)), rtDetail);
    const verdict = a.rt.latest.lower > 1 ? "rtAbove" : a.rt.latest.upper < 1 ? "rtBelow" : "rtUncertain";
    assert.equal(await page.getAttribute('[data-detail="rt"]', "data-verdict"), verdict);
    const time = a.growth.last14Days.fit.time;
    assert.match(await page.textContent('[data-field="doubling"]'), new RegExp(time.days.toFixed(1).replace(".", "\\.")));
    // Each chart is an SVG with a title, and its table has one row per point.
    assert.equal(await page.$$eval("#rt-chart svg[role=img] title", (t) => t.length), 1);
    assert.equal(await page.$$eval("#rt-chart polygon.band", (p) => p.length), 1);
    assert.equal(await page.$$eval("#rt-table tbody tr", (r) => r.length), a.rt.windows.length);
    assert.equal(await page.$$eval("#cases-table tbody tr", (r) => r.length), a.daily.dates.length);
    assert.equal(await page.$$eval("#cases-chart rect.bars", (r) => r.length), a.daily.localCases.filter((x) => x !== null).length);
    await page.click("#charts details summary");
    assert.equal(await page.isVisible("#rt-table table"), true);
    await (await page.$("#charts")).screenshot({ path: join(SHOTS, `charts-${origin}.png`) });
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("the day beds run out, the projection and data quality show (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    // Fewer beds than the example has, so the breach falls inside the projection.
    const sit = structuredClone(example);
    sit.capacity.beds = 150;
    await page.fill("#situation-json", JSON.stringify(sit));
    await page.click("#assess");
    const a = await page.evaluate((s) => window.CrisisDesk.assess(s), sit);
    assert.ok(a.projection.bedsOverCapacityDate, "150 beds run out within the horizon");
    assert.equal(await page.textContent('[data-field="beds"]'), a.projection.bedsOverCapacityDate, origin);
    assert.equal(await page.$$eval("#beds-chart line.capacity", (l) => l.length), 1);
    assert.equal(await page.$$eval("#beds-chart line.breach", (l) => l.length), 1);
    assert.equal(await page.$$eval("#projection-table tbody tr", (r) => r.length), a.projection.horizonDays);
    assert.equal(await page.$$eval("#projection-chart polygon.band-proj", (p) => p.length), 1);
    // Missing days are listed by column and date; the data are never changed.
    const quality = await page.$$eval("#quality li", (li) => li.map((x) => [x.dataset.kind, x.textContent]));
    const deaths = a.dataQuality.missingDays.find((m) => m.column === "deaths");
    assert.ok(quality.some(([k, text]) => k === "missing" && text.includes(deaths.dates[0])), JSON.stringify(quality));
    await page.screenshot({ path: join(SHOTS, `projection-${origin}.png`), fullPage: true });
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("what if we act: the SEIR scenario runs from the form and reports infections averted", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  await page.fill("#whatif-reduction", "40");
  const from = await page.getAttribute("#whatif-from", "min");
  await page.click("#whatif-run");
  await page.waitForSelector("#whatif-chart svg");
  const r = await page.evaluate((from) => {
    const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
    return window.CrisisDesk.simulateSeir({
      population: a.region.population, reproductionNumber: a.rt.latest.median,
      initial: { dailyCases: a.signals.localCasesLast7Days / 7 }, horizonDays: 90,
      intervention: { contactReduction: 0.4, fromDay: 1 },
    });
  }, from);
  const averted = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 }).format(r.comparison.infectionsAverted);
  assert.match(await page.textContent("#whatif-result"), new RegExp("averts about " + averted.replace(/,/g, ",") + " infections"));
  assert.equal(await page.$$eval("#whatif-chart polyline", (p) => p.length), 2);
  assert.equal(await page.$$eval("#whatif-table tbody tr", (r) => r.length), 90);
  // A start beyond the simulated days is reported by the core, by path.
  const late = new Date(Date.parse(from) + 200 * 86400000).toISOString().slice(0, 10);
  await page.fill("#whatif-from", late);
  await page.click("#whatif-run");
  assert.match(await page.textContent("#whatif-result"), /intervention\.fromDay/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the verdict shows its level in words and colour, its drivers, and every framework side by side", async () => {
  for (const [origin, url] of env.origins()) {
    for (const [locale, word] of [["zh-CN", "级响应"], ["en-GB", "response"]]) {
      const { page, context, log } = await open(env.browser, url, { locale });
      await ready(page);
      const a = await page.evaluate(() => window.CrisisDesk.assess(window.CrisisDesk.exampleSituation()));
      assert.equal(await page.getAttribute("#verdict", "data-level"), a.verdict.level || "", origin);
      const badge = await page.textContent("#verdict-word");
      const numeral = locale === "zh-CN" ? { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ" }[a.verdict.level] : "Level " + a.verdict.level + " ";
      assert.ok(badge.includes(word) && badge.includes(numeral), `the level in words, not colour alone: ${badge}`);
      assert.deepEqual(await page.$$eval("#drivers li", (li) => li.map((x) => x.dataset.source)), a.verdict.drivers.map((d) => d.source));
      assert.deepEqual(await page.$$eval("#framework-rows tr", (tr) => tr.map((x) => x.dataset.source)), a.verdict.considered.map((c) => c.source));
      assert.equal(await page.isVisible("#verdict-precautionary"), a.verdict.precautionary);
      assert.equal(await page.$$eval("#stand-down li", (li) => li.length), a.frameworks.standDown.conditions.length);
      if (locale === "zh-CN") await (await page.$("#frameworks")).screenshot({ path: join(SHOTS, `frameworks-${origin}.png`) });
      assert.deepEqual(log.errors, [], origin);
      await context.close();
    }
  }
});

test("decision analysis: AHP with live CR and fixes, synergy and allocation (file://)", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  assert.match(await page.textContent("#ahp-cr"), /CR = 0\.000/);
  // Contradictory judgements: G ≫ M, M ≫ N, yet N ≫ G.
  await page.selectOption("#ahp-0-1", "9");
  await page.selectOption("#ahp-1-2", "9");
  await page.selectOption("#ahp-0-2", String(1 / 9));
  const r = await page.evaluate(() =>
    window.CrisisDesk.ahp({ matrix: [[1, 9, 1 / 9, 1], [null, 1, 9, 1], [null, null, 1, 1], [null, null, null, 1]] }));
  assert.equal(r.consistent, false);
  assert.equal(await page.getAttribute("#ahp-cr", "data-consistent"), "false");
  assert.ok((await page.textContent("#ahp-cr")).includes(r.cr.toFixed(3)));
  assert.equal(await page.$$eval("#ahp-suggestions li", (li) => li.length), r.suggestions.length);
  assert.ok(r.suggestions.length > 0);
  const s = await page.evaluate(() => window.CrisisDesk.synergyDegree(window.CrisisDesk.exampleSynergy()));
  assert.ok((await page.textContent("#synergy-value")).includes(s.synergy.toFixed(3)));
  // Entropy weights and TOPSIS from the CSV in the box, then from a file with a bad cell.
  const csv = await page.inputValue("#mcda-csv");
  const lines = csv.trim().split("\n").map((l) => l.split(","));
  const types = lines[1].slice(1);
  const matrix = lines.slice(2).map((r) => r.slice(1).map(Number));
  const expected = await page.evaluate(([matrix, types]) => {
    const e = window.CrisisDesk.entropyWeights({ matrix, types });
    return window.CrisisDesk.topsis({ matrix, weights: e.weights, types });
  }, [matrix, types]);
  const ranked = await page.$$eval("#mcda-result > div:nth-child(2) tbody tr", (tr) => tr.map((r) => r.children[1].textContent));
  assert.deepEqual(ranked, expected.order.map((i) => lines[i + 2][0]));
  await page.setInputFiles("#mcda-file", { name: "towns.csv", mimeType: "text/csv", buffer: Buffer.from("town,a,b\nX,1,<b>2</b>\nY,3,4\n") });
  await page.waitForFunction(() => document.getElementById("mcda-result").textContent.includes("csv row 2"));
  assert.equal(await page.$("#mcda-result b"), null, "file text is never inserted as HTML");
  await page.fill("#allocate-supply", "7");
  await page.fill("#allocate-needs", "5, 5, 10");
  await page.click("#allocate-form button");
  const cells = await page.$$eval("#allocate-result tbody tr", (tr) => tr.map((r) => Number(r.children[2].textContent)));
  assert.equal(cells.reduce((a, b) => a + b, 0), 7);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the escalation plan: detected at 09:00, the county health administration is told by 11:00 (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "zh-CN" });
    await ready(page);
    await page.waitForSelector("#plan-timeline li");
    assert.equal(await page.inputValue("#plan-detected"), example.asOf + "T09:00");
    const plan = await page.evaluate((asOf) => {
      const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
      return window.CrisisDesk.escalate(a, { detectedAt: asOf + "T09:00:00+08:00", facts: { crossBorderLink: false, majorEvent: false } });
    }, example.asOf);
    const shown = await page.$$eval("#plan-timeline li", (li) => li.map((x) => [x.dataset.id, x.querySelector(".clock").textContent]));
    assert.deepEqual(shown, plan.timeline.map((d) => [d.id, d.date + " " + d.clock]));
    assert.equal(plan.timeline[0].clock, "11:00", "2 hours to the county health administration");
    assert.equal(plan.timeline[0].to[0].name.zh.includes("卫"), true, JSON.stringify(plan.timeline[0].to));
    // The chain goes upwards with later deadlines.
    const deadlines = plan.timeline.map((d) => d.deadline);
    assert.deepEqual([...deadlines].sort(), deadlines);
    assert.equal(await page.$$eval("#plan-agencies [data-role=lead]", (x) => x.length) > 0, true);
    const status = await page.textContent("#plan-status");
    assert.ok(plan.level.lead.every((l) => status.includes(l.name.zh)), status);
    // A cross-border link notifies the neighbours.
    await page.check("#plan-cross-border");
    await page.click("#plan-form button");
    const withBorder = await page.$$eval("#plan-timeline li", (li) => li.length);
    assert.ok(withBorder > plan.timeline.length, `${withBorder} > ${plan.timeline.length}`);
    await (await page.$("#plan")).screenshot({ path: join(SHOTS, `plan-${origin}.png`) });
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("each bad input shows every problem next to its path", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    for (const c of fixtures.invalid) {
      await page.fill("#situation-json", JSON.stringify(c.input, null, 1));
      await page.click("#assess");
      await page.waitForSelector("#problems:not([hidden])");
      const rows = await page.$$eval("#problem-rows tr", (trs) => trs.map((tr) => [tr.dataset.code, tr.dataset.path, tr.querySelector("code").textContent]));
      assert.deepEqual(rows.map((r) => [r[0], r[1]]), c.expect.map((e) => [e.code, e.path]), `${origin}: ${c.name}`);
      for (const r of rows) if (r[1]) assert.equal(r[2], r[1], "the path is shown as typed");
      assert.equal(await page.getAttribute("#status", "data-state"), "error");
      if (c.name === "every-problem-at-once") await page.screenshot({ path: join(SHOTS, `problems-${origin}.png`), fullPage: true });
    }
    await page.fill("#situation-json", "{ not json");
    await page.click("#assess");
    assert.equal(await page.getAttribute("#problem-rows tr", "data-code"), "invalid-json");
    assert.deepEqual(log.errors, [], `${origin}: console errors`);
    await context.close();
  }
});

test("text from the input is never inserted as HTML", async () => {
  const { page, context } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  const evil = structuredClone(example);
  evil.region.name = '<img src=x onerror="document.body.dataset.pwned=1">';
  evil.series['<b id="inj">x</b>'] = [];
  await page.fill("#situation-json", JSON.stringify(evil));
  await page.click("#assess");
  await page.waitForSelector("#problems:not([hidden])");
  assert.equal(await page.$("#inj"), null);
  assert.equal(await page.$("#problem-rows img"), null);
  evil.series = example.series;
  await page.fill("#situation-json", JSON.stringify(evil));
  await page.click("#assess");
  assert.equal(await page.textContent("#region-name"), "· " + evil.region.name);
  assert.equal(await page.getAttribute("body", "data-pwned"), null);
  await context.close();
});

test("the language switch changes every string and is remembered", async () => {
  const { page, context } = await open(env.browser, FILE_URL, { locale: "zh-CN" });
  await ready(page);
  assert.equal(await page.textContent("#situation-heading [data-i18n]"), "疫情态势");
  await page.click("#lang-toggle");
  assert.equal(await page.textContent("#situation-heading [data-i18n]"), "Situation");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.reload();
  await ready(page);
  assert.equal(await page.textContent("#situation-heading [data-i18n]"), "Situation");
  await context.close();
});

test("an edited scenario survives a reload; the reset button restores the example", async () => {
  const { page, context } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  const edited = structuredClone(example);
  edited.region.population = 2000000;
  const text = JSON.stringify(edited, null, 2);
  await page.fill("#situation-json", text);
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue("#situation-json"), text);
  assert.equal(await page.isVisible("#illustrative"), false);
  await page.click("#reset");
  assert.deepEqual(JSON.parse(await page.inputValue("#situation-json")), example);
  await context.close();
});

test("a panic surfaces as code 'internal' and the next call works", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context } = await open(env.browser, url);
    await ready(page);
    const r = await page.evaluate(() => {
      let code;
      try {
        window.CrisisDesk.debugPanic();
      } catch (e) {
        code = e.code;
      }
      const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
      return { code, incidence: a.signals.incidence7dPer100k, restarts: window.CrisisDesk.restartCount() };
    });
    assert.equal(r.code, "internal", origin);
    assert.ok(Math.abs(r.incidence - incidence) < 1e-9, origin);
    assert.equal(r.restarts, 1);
    await context.close();
  }
});

test("under a CSP without 'wasm-unsafe-eval', ready rejects and says so in plain words", async () => {
  // file:// page with its own meta CSP
  const { page, context } = await open(env.browser, pathToFileURL(join(ROOT, "tests", "browser", "pages", "csp-no-wasm.html")).href);
  await page.waitForSelector("body[data-result]", { state: "attached", timeout: 20000 });
  const result = JSON.parse(await page.getAttribute("body", "data-result"));
  assert.equal(result.code, "csp-blocks-wasm");
  assert.match(result.message, /Content-Security-Policy does not allow WebAssembly/);
  assert.match(result.message, /'wasm-unsafe-eval'/);
  await context.close();
  // http: the served page with its CSP header and meta narrowed to script-src 'self'
  const ctx = await env.browser.newContext();
  const p2 = await ctx.newPage();
  await p2.route("**/www/index.html", async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'");
    await route.fulfill({ response: res, body, headers: { ...res.headers(), "content-security-policy": "script-src 'self'" } });
  });
  await p2.goto(env.server.url + "index.html");
  await p2.waitForSelector("body[data-ready]", { state: "attached", timeout: 20000 });
  assert.equal(await p2.getAttribute("body", "data-ready"), "error");
  assert.match(await p2.textContent("#status"), /Content-Security-Policy does not allow WebAssembly/);
  await ctx.close();
});

test("the page and the package reference no external URL", () => {
  for (const f of ["www/index.html", "www/app.js", "www/i18n.js", "www/charts.js", "www/analysis.js", "www/plan.js", "www/timeline.js", "www/rulebook.js", "www/styles.css", "www/favicon.svg", "pkg/crisis_desk_standalone.js", "pkg/crisis_desk.js",
    "www/element.js", "www/report.js", "www/print.css", "www/embed-example.html", "www/embed-example.css", "www/embed-example.js", "pkg/crisis-desk.html"]) {
    const text = readFileSync(join(ROOT, f), "utf8");
    const urls = [...text.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map((m) => m[0]);
    // SVG's XML namespace is a name, not a location: it is never fetched.
    const fetched = urls.filter((u) => u !== "http://www.w3.org/2000/svg");
    assert.deepEqual(fetched, [], f);
  }
});

test("the browser benchmark page times every shared call (quick: without the province)", async () => {
  const { page, context, log } = await open(env.browser, pathToFileURL(join(ROOT, "www", "bench.html")).href + "?quick");
  await page.waitForSelector("body[data-results]", { state: "attached", timeout: 120000 });
  const results = JSON.parse(await page.getAttribute("body", "data-results"));
  assert.deepEqual(results.map((r) => r.name), [
    "estimateRt/365", "estimateRt/3650", "assess/example", "assessSeries/365", "ahp/15", "entropyWeights/1000x20",
    "topsis/1000x20", "entropyWeights/1000x20-typed", "topsis/1000x20-typed", "evaluateTable/200",
    "evaluateTableMany/200x1000", "escalate/default", "validateRulebook/2000",
  ]);
  for (const r of results) assert.ok(r.medianMs >= 0 && Number.isFinite(r.medianMs) && r.runs >= 5, JSON.stringify(r));
  // It timed real work: the estimate it computed is the one the same call gives here.
  const input = await page.evaluate(() => ({ incidence: Array.from({ length: 365 }, (_, t) => Math.max(0, Math.round(20 + 15 * Math.sin((2 * Math.PI * t) / 90) + 5 * Math.sin((2 * Math.PI * t) / 7) + t / 100))), si: { mean: 4.7, sd: 2.9 } }));
  const again = await page.evaluate((i) => window.CrisisDesk.estimateRt(i).windows.slice(-1)[0].mean, input);
  assert.equal(results[0].lastMean, again);
  assert.equal(await page.$$eval("#results tr", (r) => r.length), results.length);
  // The shared inputs are what the benchmarks say: the 2 000-row rulebook and the 200-row table.
  const sizes = await page.evaluate(() => {
    const B = window.CrisisDeskBenchCases;
    const book = B.rulebook(window.CrisisDesk.defaultRulebook(), 2000);
    const many = window.CrisisDesk.evaluateTableMany(B.table(200).table, B.tableFacts(200, 1000)).results;
    const typed = B.typedRows(B.decisionMatrix(1000, 20).matrix);
    return { rows: book.tables.reduce((n, t) => n + t.rules.length, 0), tooLarge: window.CrisisDesk.validateRulebook(book).diagnostics.filter((d) => d.code === "too-large").length, table: B.table(200).table.rules.length,
             last: window.CrisisDesk.evaluateTable(B.table(200).table, B.table(200).facts).result.row,
             factSets: many.length, allOk: many.every((r) => r.ok), matched: many.filter((r) => r.result !== null).length > 500,
             typedRows: typed.length, typedRow: typed[0] instanceof Float64Array && typed[0].length };
  });
  assert.deepEqual(sizes, { rows: 2000, tooLarge: 0, table: 200, last: 199, factSets: 1000, allOk: true, matched: true, typedRows: 1000, typedRow: 20 });
  assert.deepEqual(log.errors, []);
  await context.close();
});

// ---- The level timeline, the rulebook panel and the plan's copy buttons ----

const cell = (table, rule, column) => `input.rb-cell[data-path="tables[${table}].rules[${rule}].${column}"]`;
const planHash = (page) => page.getAttribute("#plan-hash", "data-hash");

test("the level timeline: a strip per framework and the verdict, transitions in words as assessSeries gives them (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-GB"]]) {
      const { page, context, log } = await open(env.browser, url, { locale });
      await ready(page);
      await page.waitForSelector("#level-transitions li", { state: "attached" });
      const s = await page.evaluate(() => window.CrisisDesk.assessSeries(window.CrisisDesk.exampleSituation()));
      assert.ok(s.transitions.length > 0, "the example changes level");
      // One strip per source, one cell per day, each cell with its date.
      const sources = ["verdict", ...Object.keys(s.frameworks), ...(s.composite ? ["composite"] : [])];
      assert.deepEqual(await page.$$eval("#level-timeline .tl-track", (x) => x.map((e) => e.dataset.source)).then((x) => [...x].sort()), [...sources].sort());
      for (const src of sources) {
        const dates = await page.$$eval(`.tl-track[data-source="${src}"] rect.tl-cell`, (r) => r.map((e) => e.dataset.date));
        assert.deepEqual(dates, s.dates, `${origin} ${src}: one cell per day`);
      }
      // Each strip is an image with a title and a description that says the levels in words.
      const tr = (key, params) => page.evaluate(([l, k, p]) => window.CrisisDeskI18n.translate(l, k, p), [lang, key, params]);
      const verdictDesc = await page.textContent('.tl-track[data-source="verdict"] svg[role=img] desc');
      const lastVerdict = s.verdict.level.at(-1);
      assert.ok(verdictDesc.includes(await tr("response." + lastVerdict)), verdictDesc);
      // The transitions, in the order and with the levels assessSeries gives, in plain words.
      const shown = await page.$$eval("#level-transitions li", (li) => li.map((x) => ({ date: x.dataset.date, source: x.dataset.source, from: x.dataset.from, to: x.dataset.to, text: x.textContent })));
      assert.deepEqual(shown.map((x) => [x.date, x.source, x.from, x.to]),
        s.transitions.map((x) => [x.date, x.source, x.from === null ? "" : String(x.from), x.to === null ? "" : String(x.to)]), origin);
      for (const [i, x] of s.transitions.entries()) {
        assert.ok(shown[i].text.startsWith(x.date), shown[i].text);
        if (x.source === "verdict") {
          const from = await tr(x.from ? "response." + x.from : "response.none");
          const to = await tr(x.to ? "response." + x.to : "response.none");
          assert.ok(shown[i].text.includes(from + " → " + to), shown[i].text);
          assert.ok(shown[i].text.includes(await tr(x.toSeverity > x.fromSeverity ? "tl.dirUp" : "tl.dirDown")), shown[i].text);
        } else if (x.to !== null && ["low", "medium", "high", "moderate", "critical", "green", "yellow"].includes(x.to)) {
          assert.ok(shown[i].text.includes("→ " + (await tr("lv." + x.to))), shown[i].text);
        }
      }
      // The table alternative: one row per run of days at one level (for the verdict, also split where the
      // precautionary rule starts or stops raising it), with the day it was entered and the day it was left.
      const verdictRows = await page.$$eval('#level-periods tbody tr[data-source="verdict"]', (r) => r.map((x) => [...x.children].map((c) => c.textContent)));
      const starts = s.dates.filter((d, i) => i === 0 || s.verdict.level[i] !== s.verdict.level[i - 1] || s.verdict.precautionary[i] !== s.verdict.precautionary[i - 1]);
      assert.deepEqual(verdictRows.map((r) => r[2]), starts);
      assert.deepEqual(verdictRows.slice(0, -1).map((r) => r[3]), starts.slice(1));
      for (const x of s.transitions.filter((x) => x.source === "verdict")) assert.ok(starts.includes(x.date), x.date);
      await (await page.$("#frameworks")).screenshot({ path: join(SHOTS, `timeline-${origin}-${lang}.png`) });
      assert.deepEqual(log.errors, [], origin);
      await context.close();
    }
  }
  // It follows the assessment: a shorter series gives the transitions of that series.
  const { page, context } = await open(env.browser, FILE_URL, { locale: "en-GB", viewport: { width: 360, height: 800 } });
  await ready(page);
  const short = structuredClone(example);
  const n = 30;
  for (const k of Object.keys(short.series)) short.series[k] = short.series[k].slice(0, n);
  short.asOf = short.series.date[n - 1];
  await page.fill("#situation-json", JSON.stringify(short));
  await page.click("#assess");
  const s = await page.evaluate((x) => window.CrisisDesk.assessSeries(x), short);
  await page.waitForFunction((d) => document.querySelectorAll('.tl-track[data-source="verdict"] rect').length === d, n);
  assert.equal(await page.$$eval("#level-transitions li", (li) => li.length), s.transitions.length || 1);
  assert.equal(await page.$$eval('.tl-track[data-source="verdict"] rect', (r) => r.length), n);
  await (await page.$("#level-timeline")).screenshot({ path: join(SHOTS, "timeline-360-en.png") });
  await context.close();
});

test("the rulebook: a cell edited on the page changes the plan and its hash; an invalid cell is shown at the cell and not used (file://)", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "zh-CN" });
  await ready(page);
  await page.waitForSelector("#plan-timeline li");
  const builtinHash = await page.evaluate(() => window.CrisisDesk.rulebookHash(window.CrisisDesk.defaultRulebook()));
  assert.equal(await planHash(page), builtinHash);
  assert.equal(await page.textContent("#rb-hash"), builtinHash);
  assert.equal(await page.getAttribute(".rb-state", "data-state"), "default");
  // The viewer: the title, the agencies by aspect, the notifications and the measures, in the page's language.
  const rb = await page.evaluate(() => window.CrisisDesk.defaultRulebook());
  assert.ok((await page.textContent("#rb-summary")).includes(rb.title.zh));
  assert.equal(await page.$$eval("#rb-agencies li[data-agency]", (x) => x.length), rb.agencies.length);
  assert.deepEqual(await page.$$eval("#rb-notifications tbody tr", (r) => r.map((x) => x.dataset.id)), rb.notifications.map((n) => n.id));
  assert.ok((await page.textContent("#rb-notifications")).includes(rb.notifications[0].basis.zh));
  assert.equal(await page.$$eval("#rb-measures tbody tr", (r) => r.length), rb.measures.length);
  // The decision table as an HTML table: one row per rule, every cell a labelled input.
  const rules = rb.tables[0].rules;
  assert.deepEqual(await page.$$eval('[data-table="response-level"] tbody tr', (r) => r.map((x) => x.dataset.rule)), rules.map((r) => r._id));
  const level3 = rules.findIndex((r) => r._id === "level-III");
  // Table and column names in the page's language, from their bilingual labels.
  const columns = [...rb.tables[0].inputs, ...rb.tables[0].outputs];
  assert.deepEqual(await page.$$eval('[data-table="response-level"] .rb-colname', (x) => x.map((e) => e.textContent)), columns.map((c) => c.label.zh));
  assert.ok((await page.textContent('[data-table="response-level"]')).includes(rb.tables[0].label.zh));
  assert.equal(await page.inputValue(cell(0, level3, "out_led_by")), '"suzhou"');
  assert.match(await page.getAttribute(cell(0, level3, "out_led_by"), "aria-label"), /level-III/);

  // A verdict of level III answered with a level II response led by the province: the plan
  // re-runs with the edited rulebook (the "led by" column decides who leads).
  await page.fill(cell(0, level3, "out_level"), '"II"');
  await page.fill(cell(0, level3, "out_led_by"), '"jiangsu"');
  const edited = structuredClone(rb);
  edited.tables[0].rules[level3].out_level = '"II"';
  edited.tables[0].rules[level3].out_led_by = '"jiangsu"';
  const expected = await page.evaluate((r) => {
    const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
    return { hash: window.CrisisDesk.rulebookHash(r), plan: window.CrisisDesk.escalate(a, { detectedAt: a.asOf + "T09:00:00+08:00", facts: { crossBorderLink: false, majorEvent: false }, rulebook: r }) };
  }, edited);
  assert.equal(expected.plan.level.verdictLevel, "III", "the example's verdict is level III");
  assert.equal(expected.plan.level.level, "II");
  await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, expected.hash);
  assert.notEqual(expected.hash, builtinHash);
  assert.match(await page.textContent("#plan-hash"), /已修改/);
  assert.ok((await page.textContent("#plan-status")).includes("Ⅱ级响应"), await page.textContent("#plan-status"));
  assert.ok(expected.plan.level.lead.every((l) => l.id === "jiangsu-gov"), JSON.stringify(expected.plan.level.lead));
  assert.ok((await page.textContent("#plan-status")).includes("江苏省人民政府"), await page.textContent("#plan-status"));
  assert.equal(await page.textContent("#rb-hash"), expected.hash);
  assert.equal(await page.getAttribute(".rb-state", "data-state"), "edited");

  // An unfinished range: the diagnostic shows at that cell and in the list, and the plan does not use the rulebook.
  const bad = cell(0, level3, "in_verdict");
  await page.fill(bad, "[1..");
  await page.waitForSelector(`${bad}[aria-invalid="true"]`);
  const describedBy = await page.getAttribute(bad, "aria-describedby");
  const atCell = await page.textContent("#" + describedBy);
  assert.match(atCell, /FEEL/);
  assert.match(atCell, /expected a number/);
  assert.equal(await page.isVisible("#" + describedBy), true);
  const listed = await page.$$eval("#rb-diagnostic-list li", (li) => li.map((x) => [x.dataset.path, x.dataset.code, x.dataset.severity]));
  assert.deepEqual(listed, [[`tables[0].rules[${level3}].in_verdict`, "feel-syntax", "error"]]);
  assert.equal(await page.getAttribute("#plan", "data-blocked"), "true");
  assert.equal(await page.$$eval("#plan-timeline li", (li) => li.length), 0);
  assert.equal(await planHash(page), "");
  assert.match(await page.textContent("#plan-status"), /1 处错误/);
  await page.screenshot({ path: join(SHOTS, "rulebook-invalid-cell-file.png"), fullPage: true });
  await (await page.$("#rulebook")).screenshot({ path: join(SHOTS, "rulebook-invalid-cell-panel.png") });
  // "Go to the cell" focuses it.
  await page.click("#rb-diagnostic-list li button");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), `tables[0].rules[${level3}].in_verdict`);

  // What was typed survives a reload, still invalid and still not used.
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue(bad), "[1..");
  assert.equal(await page.getAttribute(bad, "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#plan", "data-blocked"), "true");
  // Fixed: the plan comes back with the edited rulebook.
  await page.fill(bad, '"III"');
  await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, expected.hash);
  assert.equal(await page.getAttribute(bad, "aria-invalid"), null);
  assert.equal(await page.isHidden("#rb-diagnostics"), true);

  // Add a rule, then delete it; the rows follow.
  await page.click('[data-table="response-level"] .rb-table-actions button');
  assert.equal(await page.$$eval('[data-table="response-level"] tbody tr', (r) => r.length), rules.length + 1);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), `tables[0].rules[${rules.length}].in_verdict`);
  await page.click(`[data-table="response-level"] tbody tr:last-child .rb-actions-col button`);
  assert.equal(await page.$$eval('[data-table="response-level"] tbody tr', (r) => r.length), rules.length);
  await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, expected.hash);

  // Restore the built-in rulebook.
  await page.click("#rb-restore");
  await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, builtinHash);
  assert.equal(await page.inputValue(cell(0, level3, "out_level")), '"III"');
  assert.equal(await page.evaluate(() => localStorage.getItem("crisis-desk.rulebook-draft")), null);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the rulebook saves as a .json download and loads back from the file (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    await page.waitForSelector("#plan-timeline li");
    await page.fill(cell(0, 1, "_description"), "edited on the page");
    await page.fill(cell(0, 1, "out_led_by"), '"suzhou"');
    const editedHash = await page.textContent("#rb-hash");
    await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, editedHash);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#rb-save")]);
    assert.equal(download.suggestedFilename(), "cn-js-suzhou-zhangjiagang.json");
    const path = join(mkdtempSync(join(tmpdir(), "crisis-desk-")), download.suggestedFilename());
    await download.saveAs(path);
    const saved = JSON.parse(readFileSync(path, "utf8"));
    assert.equal(saved.tables[0].rules[1]._description, "edited on the page");
    assert.equal(await page.evaluate((r) => window.CrisisDesk.rulebookHash(r), saved), editedHash);
    // Back to the built-in one, then load the saved file: the edit is back, in the editor and in the plan.
    await page.click("#rb-restore");
    assert.notEqual(await page.textContent("#rb-hash"), editedHash);
    await page.setInputFiles("#rb-file", path);
    await page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, editedHash);
    assert.equal(await page.inputValue(cell(0, 1, "_description")), "edited on the page");
    assert.match(await page.textContent("#rb-status"), /Loaded cn-js-suzhou-zhangjiagang\.json/);
    // A file that is not JSON (cut off part-way) is reported and not used: the rulebook in use is
    // unchanged (issue 9; tests/browser/hostile.test.mjs has the rest).
    const jsonBefore = await page.inputValue("#rb-json");
    await page.setInputFiles("#rb-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{ "id": "x", ') });
    await page.waitForFunction(() => /broken\.json cannot be used/.test(document.getElementById("rb-status").textContent));
    assert.match(await page.textContent("#rb-status"), /not valid JSON.*The rulebook in use is unchanged/);
    assert.equal(await page.inputValue("#rb-json"), jsonBefore);
    assert.equal(await page.getAttribute("#plan", "data-blocked"), "false");
    assert.equal(await planHash(page), editedHash);
    assert.deepEqual(log.errors, [], origin);
    assert.deepEqual(log.external, [], origin);
    await context.close();
  }
});

test("a rulebook file with markup in its labels shows it as text and runs nothing (file://)", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  const evil = "<img src=x onerror=window.__pwned=1>";
  const rb = await page.evaluate(() => window.CrisisDesk.defaultRulebook());
  rb.title = { zh: evil, en: evil };
  rb.agencies[0].name = { zh: evil, en: evil };
  rb.tables[0].name = evil;
  rb.tables[0].label = { zh: evil, en: evil };
  rb.tables[0].inputs[0].label = { zh: evil, en: evil };
  rb.tables[0].rules[0]._description = evil;
  rb.notifications[0].basis = { zh: evil, en: evil };
  rb.measures[0].label = { zh: evil, en: evil };
  rb.tables[0].rules[1].in_verdict = '"<script>window.__pwned=2</script>"';
  await page.setInputFiles("#rb-file", { name: "evil.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(rb)) });
  await page.waitForFunction(() => /evil\.json/.test(document.getElementById("rb-status").textContent));
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.$$eval("#rulebook img, #plan img, #rulebook script, #plan script", (x) => x.length), 0);
  assert.ok((await page.textContent("#rb-summary")).includes(evil));
  assert.ok((await page.textContent("#rb-notifications")).includes(evil));
  assert.ok((await page.textContent('section[data-path="tables[0]"] h4')).includes(evil));
  assert.equal(await page.inputValue(cell(0, 0, "_description")), evil);
  // The plan runs with it (the label is only a label) and shows it as text too.
  await page.waitForSelector("#plan-timeline li");
  assert.ok((await page.textContent("#plan-hash")).includes(evil));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("copy buttons put each notice on the clipboard in Chinese and in English, and say so (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "zh-CN" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await ready(page);
    await page.waitForSelector("#plan-timeline li");
    const plan = await page.evaluate((asOf) => {
      const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
      return window.CrisisDesk.escalate(a, { detectedAt: asOf + "T09:00:00+08:00", facts: { crossBorderLink: false, majorEvent: false } });
    }, example.asOf);
    for (const [i, lang] of [[0, "zh"], [0, "en"], [plan.timeline.length - 1, "en"]]) {
      const d = plan.timeline[i];
      await page.click(`#plan-timeline li:nth-child(${i + 1}) button[data-copy="${lang}"]`);
      await page.waitForFunction((want) => document.getElementById("plan-copy-status").dataset.copied === want, lang + ":" + d.id);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), d.text[lang], `${origin} ${d.id} ${lang}`);
      assert.match(await page.textContent("#plan-copy-status"), new RegExp(d.clock));
    }
    assert.ok(plan.timeline[0].text.zh.includes("11:00") && plan.timeline[0].text.en.includes("11:00"));
    assert.equal(await page.getAttribute("#plan-copy-status", "aria-live"), "polite");
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
  // Without the async clipboard: the hidden textarea is selected and copied with execCommand.
  const { page, context } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await page.addInitScript(() => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    document.addEventListener("copy", () => { window.__copied = String(document.getSelection()) || document.activeElement.value; });
  });
  await page.reload();
  await ready(page);
  await page.waitForSelector("#plan-timeline li");
  const text = await page.evaluate(() => {
    const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
    return window.CrisisDesk.escalate(a, { detectedAt: a.asOf + "T09:00:00+08:00", facts: { crossBorderLink: false, majorEvent: false } }).timeline[1].text.zh;
  });
  await page.focus('#plan-timeline li:nth-child(2) button[data-copy="zh"]');
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.getElementById("plan-copy-status").dataset.copied);
  assert.equal(await page.evaluate(() => window.__copied), text);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.copy), "zh", "focus returns to the button");
  assert.equal(await page.$$eval("textarea.copy-buffer", (x) => x.length), 0);
  await context.close();
});

test("a decision table exports as a ZEN graph with its differences and imports back (file://)", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  await page.waitForSelector("#plan-timeline li");
  const builtinHash = await page.textContent("#rb-hash");
  const table = '[data-table="response-level"]';
  // Export: a download named after the table, a ZEN decision graph holding the table.
  let [download] = await Promise.all([page.waitForEvent("download"), page.click(`${table} button[data-zen="export"]`)]);
  assert.equal(download.suggestedFilename(), "response-level.zen.json");
  const dir = mkdtempSync(join(tmpdir(), "crisis-desk-zen-"));
  const path = join(dir, "response-level.zen.json");
  await download.saveAs(path);
  const graph = JSON.parse(readFileSync(path, "utf8"));
  const node = graph.nodes.find((n) => n.type === "decisionTableNode");
  assert.equal(node.id, "response-level");
  assert.deepEqual(node.content.rules, (await page.evaluate(() => window.CrisisDesk.defaultRulebook())).tables[0].rules);
  assert.match(await page.textContent(`${table} .rb-zen`), /ZEN reads every cell as this tool does/);
  // A cell ZEN reads otherwise is listed next to the export.
  await page.fill(cell(0, 3, "in_major"), "not(false)");
  [download] = await Promise.all([page.waitForEvent("download"), page.click(`${table} button[data-zen="export"]`)]);
  const diffs = await page.$$eval(`${table} .rb-zen-differences li`, (li) => li.map((x) => [x.dataset.path, x.dataset.kind]));
  assert.deepEqual(diffs, [["rules[3].in_major", "not"]]);
  await (await page.$(table)).screenshot({ path: join(SHOTS, "rulebook-zen-differences.png") });
  // Import the unchanged export: the table is replaced by the same table, so the rulebook is the built-in one again.
  await page.setInputFiles(`${table} input[data-zen="import"]`, path);
  await page.waitForFunction((h) => document.getElementById("rb-hash").textContent === h, builtinHash);
  assert.equal(await page.inputValue(cell(0, 3, "in_major")), "true");
  assert.match(await page.textContent("#rb-status"), /replaced response-level/);
  assert.equal(await planHash(page), builtinHash);
  // A graph edited elsewhere: a changed cell and a second table, then a broken graph.
  node.content.rules[2].out_led_by = '"jiangsu"';
  const second = structuredClone(node);
  second.id = "second-table";
  second.name = "Second table";
  graph.nodes.push(second);
  await page.setInputFiles(`${table} input[data-zen="import"]`, { name: "edited.zen.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(graph)) });
  await page.waitForSelector('[data-table="second-table"]');
  assert.equal(await page.inputValue(cell(0, 2, "out_led_by")), '"jiangsu"');
  assert.match(await page.textContent("#rb-status"), /replaced response-level, added second-table/);
  assert.notEqual(await planHash(page), builtinHash);
  const before = await page.textContent("#rb-hash");
  await page.setInputFiles(`${table} input[data-zen="import"]`, { name: "bad.zen.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ nodes: [{ id: "x" }] })) });
  await page.waitForFunction(() => /Could not import bad\.zen\.json/.test(document.getElementById("rb-status").textContent));
  assert.match(await page.textContent(`${table} .rb-zen`), /nodes\[0\]\.type/);
  assert.equal(await page.textContent("#rb-hash"), before, "a bad graph changes nothing");
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the new panels at 360 px in both languages (screenshots)", async () => {
  for (const locale of ["zh-CN", "en-GB"]) {
    const { page, context, log } = await open(env.browser, FILE_URL, { locale, viewport: { width: 360, height: 800 } });
    await ready(page);
    await page.waitForSelector("#plan-timeline li");
    await page.fill(cell(0, 2, "in_verdict"), "[1..");
    await page.waitForSelector(`${cell(0, 2, "in_verdict")}[aria-invalid="true"]`);
    for (const id of ["level-timeline", "plan", "rulebook"]) {
      await (await page.$("#" + id)).screenshot({ path: join(SHOTS, `narrow-${id}-${locale}.png`) });
    }
    // Nothing in the new parts is wider than the screen, except inside its own scrolling region.
    const wide = await page.evaluate(() => {
      const W = document.documentElement.clientWidth;
      const scrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
      const out = [];
      for (const e of document.querySelectorAll("#level-timeline *, #level-transitions *, #level-periods *, #plan *, #rulebook *")) {
        if (e.getBoundingClientRect().right <= W + 1 || !e.getClientRects().length) continue;
        let p = e.parentElement, inside = false;
        for (; p; p = p.parentElement) if (scrolls(p)) { inside = true; break; }
        if (!inside) out.push(e.tagName + "." + e.className);
      }
      return out;
    });
    assert.deepEqual(wide, [], locale);
    assert.deepEqual(log.errors, []);
    await context.close();
  }
});
