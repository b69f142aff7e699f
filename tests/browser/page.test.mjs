// The page in real headless Chromium, from file:// and from the local server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, FILE_URL, SHOTS, launch, serve, open } from "./harness.mjs";

const fixtures = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "situation-validation.json"), "utf8"));
const example = JSON.parse(readFileSync(join(ROOT, "src", "data", "example-situation.json"), "utf8"));

// Expected headline, computed here independently of the Rust core.
const local = example.series.localCases;
const last7 = local.slice(-7).reduce((a, b) => a + b, 0);
const incidence = (last7 / example.region.population) * 1e5;

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

const origins = () => [
  ["file", FILE_URL],
  ["http", server.url],
];

async function ready(page) {
  await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 20000 });
  assert.equal(await page.getAttribute("body", "data-ready"), "true", await page.textContent("#status"));
}

test("server command prints the URL and says the page also opens from disk", () => {
  assert.match(server.printed, /http:\/\/127\.0\.0\.1:\d+\/www\//);
  assert.match(server.printed, /www\/index\.html also opens straight from disk \(file:\/\/\)/);
});

for (const [lang, locale, decimal] of [
  ["zh", "zh-CN", new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 1, maximumFractionDigits: 1 })],
  ["en", "en-GB", new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 })],
]) {
  test(`the example's 7-day incidence shows from file:// and http (${lang})`, async () => {
    for (const [origin, url] of origins()) {
      const { page, context, log } = await open(browser, url, { locale });
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
  for (const [origin, url] of origins()) {
    const { page, context, log } = await open(browser, url, { locale: "en-GB" });
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
  for (const [origin, url] of origins()) {
    const { page, context, log } = await open(browser, url, { locale: "en-GB" });
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
  const { page, context, log } = await open(browser, FILE_URL, { locale: "en-GB" });
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
  for (const [origin, url] of origins()) {
    for (const [locale, word] of [["zh-CN", "级响应"], ["en-GB", "response"]]) {
      const { page, context, log } = await open(browser, url, { locale });
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
  const { page, context, log } = await open(browser, FILE_URL, { locale: "en-GB" });
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
  for (const [origin, url] of origins()) {
    const { page, context, log } = await open(browser, url, { locale: "zh-CN" });
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
  for (const [origin, url] of origins()) {
    const { page, context, log } = await open(browser, url, { locale: "en-GB" });
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
  const { page, context } = await open(browser, FILE_URL, { locale: "en-GB" });
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
  const { page, context } = await open(browser, FILE_URL, { locale: "zh-CN" });
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
  const { page, context } = await open(browser, FILE_URL, { locale: "en-GB" });
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
  for (const [origin, url] of origins()) {
    const { page, context } = await open(browser, url);
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
  const { page, context } = await open(browser, pathToFileURL(join(ROOT, "tests", "browser", "pages", "csp-no-wasm.html")).href);
  await page.waitForSelector("body[data-result]", { state: "attached", timeout: 20000 });
  const result = JSON.parse(await page.getAttribute("body", "data-result"));
  assert.equal(result.code, "csp-blocks-wasm");
  assert.match(result.message, /Content-Security-Policy does not allow WebAssembly/);
  assert.match(result.message, /'wasm-unsafe-eval'/);
  await context.close();
  // http: the served page with its CSP header and meta narrowed to script-src 'self'
  const ctx = await browser.newContext();
  const p2 = await ctx.newPage();
  await p2.route("**/www/index.html", async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace("script-src 'self' 'wasm-unsafe-eval'", "script-src 'self'");
    await route.fulfill({ response: res, body, headers: { ...res.headers(), "content-security-policy": "script-src 'self'" } });
  });
  await p2.goto(server.url + "index.html");
  await p2.waitForSelector("body[data-ready]", { state: "attached", timeout: 20000 });
  assert.equal(await p2.getAttribute("body", "data-ready"), "error");
  assert.match(await p2.textContent("#status"), /Content-Security-Policy does not allow WebAssembly/);
  await ctx.close();
});

test("the page and the package reference no external URL", () => {
  for (const f of ["www/index.html", "www/app.js", "www/i18n.js", "www/charts.js", "www/styles.css", "www/favicon.svg", "pkg/crisis_desk_standalone.js", "pkg/crisis_desk.js"]) {
    const text = readFileSync(join(ROOT, f), "utf8");
    const urls = [...text.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map((m) => m[0]);
    // SVG's XML namespace is a name, not a location: it is never fetched.
    const fetched = urls.filter((u) => u !== "http://www.w3.org/2000/svg");
    assert.deepEqual(fetched, [], f);
  }
});

test("the browser benchmark page times estimateRt, assess, a year's timeline and a province", async () => {
  const { page, context, log } = await open(browser, pathToFileURL(join(ROOT, "www", "bench.html")).href);
  await page.waitForSelector("body[data-results]", { state: "attached", timeout: 120000 });
  const results = JSON.parse(await page.getAttribute("body", "data-results"));
  assert.deepEqual(results.map((r) => r.name), [
    "estimateRt/365", "estimateRt/3650", "assess/example", "assessSeries/365", "assessMany/3000x365", "assessManyColumns/3000x365",
  ]);
  for (const r of results) {
    const province = r.name.includes("3000");
    assert.ok(r.medianMs >= 0 && Number.isFinite(r.medianMs) && r.runs >= (province ? 3 : 5), JSON.stringify(r));
  }
  assert.equal(results[5].regionsOk, 3000, "every county of the batch was assessed");
  // It timed real work: the estimate it computed is the one the same call gives here.
  const input = await page.evaluate(() => ({ incidence: Array.from({ length: 365 }, (_, t) => Math.max(0, Math.round(20 + 15 * Math.sin((2 * Math.PI * t) / 90) + 5 * Math.sin((2 * Math.PI * t) / 7) + t / 100))), si: { mean: 4.7, sd: 2.9 } }));
  const again = await page.evaluate((i) => window.CrisisDesk.estimateRt(i).windows.slice(-1)[0].mean, input);
  assert.equal(results[0].lastMean, again);
  assert.equal(await page.$$eval("#results tr", (r) => r.length), 6);
  assert.deepEqual(log.errors, []);
  await context.close();
});
