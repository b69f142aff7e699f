// Issue 7: crisis-desk inside someone else's page (the <crisis-desk> element and
// CrisisDesk.mount, in www/embed-example.html under a strict CSP), the printed report, and the
// single-file build pkg/crisis-desk.html opened alone from disk. Headless Chromium, from file://
// and from http://127.0.0.1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { pathToFileURL } from "node:url";
import vm from "node:vm";
import { ROOT, SHOTS, suite, ready } from "./harness.mjs";
import { buildSingleFile } from "../../scripts/pkg/single-file.mjs";

const EMBED_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'none'; img-src 'self' data:";
const NUMERAL = { I: "Ⅰ", II: "Ⅱ", III: "Ⅲ", IV: "Ⅳ" };

const env = suite();

/**
 * Opens `url` recording console errors, page errors, CSP violations (the securitypolicyviolation
 * event, registered before any script of the page runs), failed requests and requests off this machine.
 */
async function openWatched(url, { locale = "zh-CN", viewport = { width: 1200, height: 900 } } = {}) {
  const context = await env.browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const log = { errors: [], external: [], failed: [], requests: [] };
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__csp.push(e.violatedDirective + " " + e.blockedURI);
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
  });
  page.on("pageerror", (e) => log.errors.push("pageerror: " + e.message));
  page.on("request", (r) => {
    const u = r.url();
    log.requests.push(u);
    if (!u.startsWith("file://") && !u.startsWith("http://127.0.0.1") && !u.startsWith("data:")) log.external.push(u);
  });
  page.on("requestfailed", (r) => log.failed.push(r.url() + " " + (r.failure() && r.failure().errorText)));
  page.on("response", (r) => {
    if (r.status() >= 400) log.failed.push(r.url() + " HTTP " + r.status());
  });
  await page.goto(url);
  const clean = async (what) => {
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `${what}: CSP violations`);
    assert.deepEqual(log.errors, [], `${what}: console errors`);
    assert.deepEqual(log.failed, [], `${what}: failed requests`);
    assert.deepEqual(log.external, [], `${what}: requests off this machine`);
  };
  return { page, context, log, clean };
}

/** Waits until the first <crisis-desk> (or the one matching `host`) shows a result or an error. */
async function settled(page, host = "crisis-desk") {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    const panel = el && el.shadowRoot && el.shadowRoot.querySelector(".cd");
    return panel && (panel.dataset.state === "ok" || panel.dataset.state === "error");
  }, host, { timeout: 20000 });
}

// Reads inside the open shadow root (Playwright's CSS locators pierce it).
const shadowText = (page, sel) => page.locator(sel).first().textContent();

/** The mock portal, www/embed-example.html, from file:// and from the server. */
const origins = () => env.origins("embed-example.html");

// ---- The element's strings: its own table, worded as the page's ----

test("the element's zh and en strings have the same keys, and the words it shares with the page are the page's", () => {
  const page = {};
  vm.runInNewContext(readFileSync(join(ROOT, "www", "i18n.js"), "utf8"), { globalThis: page, self: page });
  const defined = {};
  class HTMLElement {}
  const stub = { document: {}, HTMLElement, customElements: { get: () => undefined, define: (n, c) => { defined[n] = c; } }, CrisisDesk: {} };
  stub.globalThis = stub;
  vm.runInNewContext(readFileSync(join(ROOT, "www", "element.js"), "utf8"), stub);
  const E = defined["crisis-desk"].STRINGS;
  assert.deepEqual(Object.keys(E.zh).sort(), Object.keys(E.en).sort());
  const P = page.CrisisDeskI18n.STRINGS;
  const shared = Object.keys(E.zh).filter((k) => k in P.zh);
  assert.ok(shared.length > 30, "response levels, colours, frameworks and levels are shared");
  for (const lang of ["zh", "en"]) for (const k of shared) assert.equal(E[lang][k], P[lang][k], `${lang} ${k}`);
  assert.equal(typeof stub.CrisisDesk.mount, "function", "CrisisDesk.mount is added");
  // The report script's keys exist in both languages of the page.
  const report = readFileSync(join(ROOT, "www", "report.js"), "utf8");
  const keys = [...report.matchAll(/\bt\("([^"]+)"/g)].map((m) => m[1]).filter((k) => !k.endsWith("."));
  const html = readFileSync(join(ROOT, "www", "index.html"), "utf8");
  keys.push(...[...html.matchAll(/data-i18n="(report\.[^"]+)"/g)].map((m) => m[1]));
  assert.ok(keys.length >= 8);
  for (const lang of ["zh", "en"]) assert.deepEqual(keys.filter((k) => !(k in P[lang])), [], lang);
});

// ---- The element in the mock portal ----

test("<crisis-desk> in the mock portal under a strict CSP: the verdict in words, frameworks and deadlines; hostile host CSS changes nothing (file:// and http)", async () => {
  const html = readFileSync(join(ROOT, "www", "embed-example.html"), "utf8");
  assert.ok(html.includes(`content="${EMBED_CSP}"`), "the example carries the documented CSP");
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i, "no inline script");
  assert.doesNotMatch(html, /<style|\sstyle="/i, "no inline style");
  for (const [origin, url] of origins()) {
    const { page, context, clean } = await openWatched(url);
    await settled(page);
    const expected = await page.evaluate(() => {
      const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
      const plan = window.CrisisDesk.escalate(a, { detectedAt: a.asOf + "T09:00:00+08:00" });
      return { a, plan, version: window.CrisisDesk.version(), strings: customElements.get("crisis-desk").STRINGS };
    });
    const { a, plan } = expected;
    assert.equal(a.verdict.level, "III", "the example's verdict is level III");
    // The verdict: its colour and its level in words.
    const word = await shadowText(page, "crisis-desk .verdict .word");
    assert.equal(word, expected.strings.zh["response." + a.verdict.level], origin);
    assert.ok(word.includes(NUMERAL[a.verdict.level] + "级响应"), word);
    assert.equal(await page.locator("crisis-desk .verdict").getAttribute("data-level"), a.verdict.level);
    assert.match(await shadowText(page, "crisis-desk .verdict .colour"), /黄色/);
    assert.equal(await page.locator("crisis-desk .swatch").evaluate((e) => getComputedStyle(e).backgroundColor), "rgb(245, 197, 24)");
    // The drivers in plain words, the frameworks side by side, the deadlines of the plan.
    assert.deepEqual(await page.locator("crisis-desk .drivers li").evaluateAll((li) => li.map((x) => x.dataset.source)), a.verdict.drivers.map((d) => d.source));
    const drivers = await page.locator("crisis-desk .drivers li").allTextContents();
    assert.ok(drivers[0].startsWith(expected.strings.zh["fw." + a.verdict.drivers[0].source] + "："), drivers[0]);
    const rows = await page.locator("crisis-desk table.frameworks tbody tr").evaluateAll((tr) => tr.map((x) => [x.dataset.source, x.children.length, x.children[0].textContent]));
    assert.deepEqual(rows.map((r) => r[0]), a.verdict.considered.map((c) => c.source));
    assert.ok(rows.every((r) => r[1] === 3), "framework, level, deciding criterion");
    assert.deepEqual(rows.map((r) => r[2]), a.verdict.considered.map((c) => expected.strings.zh["fw." + c.source]));
    const deadlines = await page.locator("crisis-desk .deadlines li").evaluateAll((li) => li.map((x) => [x.dataset.deadline, x.textContent]));
    assert.deepEqual(deadlines.map((d) => d[0]), plan.timeline.map((d) => d.deadline));
    assert.ok(deadlines.length >= 2);
    plan.timeline.forEach((d, i) => assert.ok(deadlines[i][1].startsWith(d.date + " " + d.clock) && deadlines[i][1].includes(d.text.zh), deadlines[i][1]));
    assert.match(await shadowText(page, "crisis-desk .plan-level"), /Ⅲ级响应（较大）；由 苏州市人民政府 领导/);
    const footer = await shadowText(page, "crisis-desk .footer");
    assert.ok(footer.includes(expected.version) && footer.includes(plan.rulebook.hash.slice(0, 19)), footer);
    assert.equal(await page.locator("crisis-desk .illustrative").isVisible(), true, "the example is labelled illustrative");
    // The host heard crisis-desk:assessed and wrote the level into its own status line.
    assert.equal(await page.getAttribute("#host-status", "data-level"), "III");
    assert.match(await page.textContent("#host-status"), /已收到评估.*Ⅲ级响应/);

    // The host's hostile rules are live on the host's own elements …
    const host = await page.evaluate(() => {
      const cs = (sel) => getComputedStyle(document.querySelector(sel));
      return {
        sampleSize: cs(".stress-sample").fontSize, sampleColour: cs(".stress-sample").color, sampleMargin: cs(".stress-sample").marginTop,
        tableDisplay: cs(".host-table").display, hostSize: cs("crisis-desk").fontSize,
        styleElements: document.querySelectorAll("style").length, adopted: document.adoptedStyleSheets.length,
      };
    });
    assert.deepEqual(host, { sampleSize: "30px", sampleColour: "rgb(255, 0, 0)", sampleMargin: "30px", tableDisplay: "none", hostSize: "30px", styleElements: 0, adopted: 0 },
      "the hostile rules apply to the host, and the element adds no style to the document (nothing leaks out)");
    // … and change nothing inside the element.
    const inside = await page.locator("crisis-desk").evaluate((el) => {
      const root = el.shadowRoot;
      const cs = (sel) => getComputedStyle(root.querySelector(sel));
      return {
        panelSize: cs(".cd").fontSize, panelColour: cs(".cd").color, lineHeight: cs(".cd").lineHeight, transform: cs(".cd").textTransform,
        wordSize: cs(".verdict .word").fontSize, wordDisplay: cs(".verdict .word").display, verdictDisplay: cs(".verdict").display,
        tableDisplay: cs("table.frameworks").display, headingDisplay: cs("h3").display, liDisplay: cs(".deadlines li").display,
        cellSize: cs("table.frameworks td").fontSize, spacing: cs(".cd p").letterSpacing,
        sheets: root.adoptedStyleSheets.length, styleElements: root.querySelectorAll("style").length,
      };
    });
    assert.deepEqual(inside, {
      panelSize: "16px", panelColour: "rgb(27, 31, 36)", lineHeight: "24px", transform: "none",
      wordSize: "21.6px", wordDisplay: "inline", verdictDisplay: "flex",
      tableDisplay: "table", headingDisplay: "block", liDisplay: "list-item",
      cellSize: "14.4px", spacing: "normal", sheets: 1, styleElements: 0,
    }, origin);
    assert.equal(await page.locator("crisis-desk .verdict .word").isVisible(), true);
    assert.equal(await page.locator("crisis-desk table.frameworks").isVisible(), true);
    assert.equal(await page.locator("crisis-desk .deadlines").isVisible(), true);
    await page.screenshot({ path: join(SHOTS, `embed-example-${origin}.png`), fullPage: true });
    // At 360 px the frameworks become cards and nothing is wider than the screen.
    await page.setViewportSize({ width: 360, height: 800 });
    assert.equal(await page.locator("crisis-desk table.frameworks tbody tr").first().evaluate((e) => getComputedStyle(e).display), "block");
    const overflow = await page.locator("crisis-desk").evaluate((el) =>
      [...el.shadowRoot.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName + "." + e.className));
    assert.deepEqual(overflow, [], origin);
    if (origin === "file") await page.screenshot({ path: join(SHOTS, "embed-example-360.png"), fullPage: true });
    await clean(origin);
    await context.close();
  }
});

test("CrisisDesk.mount on a div: English, then setLang('zh'); update, options, errors and destroy (file:// and http)", async () => {
  for (const [origin, url] of origins()) {
    const { page, context, clean } = await openWatched(url, { locale: "en-GB", viewport: { width: 800, height: 900 } });
    await settled(page);
    await page.evaluate(async () => {
      const div = document.createElement("div");
      div.id = "mounted";
      document.querySelector("main").appendChild(div);
      const heard = [];
      div.addEventListener("crisis-desk:assessed", (e) => heard.push(["div", e.type, e.detail.verdict.level, e.composed]));
      div.addEventListener("crisis-desk:error", (e) => heard.push(["div", e.type, e.detail.code, e.detail.path]));
      const example = window.CrisisDesk.exampleSituation();
      const handle = window.CrisisDesk.mount(div, { lang: "en", situation: example });
      window.__mounted = { div, heard, example, handle, first: await handle.update(example) };
    });
    await (await page.$("#mounted")).screenshot({ path: join(SHOTS, `embed-mount-en-${origin}.png`) });
    const r = await page.evaluate(async () => {
      const { div, heard, example, handle, first } = window.__mounted;
      const strings = customElements.get("crisis-desk").STRINGS;
      const root = handle.element.shadowRoot;
      const q = (s) => root.querySelector(s).textContent;
      const en = { word: q(".verdict .word"), th: q("thead th"), lang: root.querySelector(".cd").getAttribute("lang"), heading: q("h3") };
      handle.setLang("zh");
      const zh = { word: q(".verdict .word"), th: q("thead th"), lang: root.querySelector(".cd").getAttribute("lang"), heading: q("h3"), deadline: q(".deadlines li") };
      // Options reach assess and escalate: no composite index, another detection time.
      const options = window.CrisisDesk.mount(document.createElement("div"), {
        lang: "en", situation: example, assessOptions: { composite: { enabled: false } }, detectedAt: example.asOf + "T22:30:00+08:00",
      });
      const withOptions = await options.update(example);
      const rows = [...options.element.shadowRoot.querySelectorAll("tbody tr")].map((tr) => tr.dataset.source);
      const firstDeadline = options.element.plan.timeline[0];
      // Bad input: crisis-desk:error with the core's code and path, shown in the panel.
      const bad = structuredClone(example);
      bad.series.localCases[3] = -1;
      const failed = await handle.update(bad);
      const errorShown = { state: root.querySelector(".cd").dataset.state, text: root.querySelector(".error").textContent, paths: [...root.querySelectorAll(".error li")].map((li) => li.dataset.path) };
      const again = await handle.update(example);
      handle.destroy();
      return {
        strings, first: first && first.verdict.level, en, zh, rows, withOptions: withOptions && withOptions.composite,
        firstDeadline, failed, errorShown, again: again && again.verdict.level, heard, left: div.children.length,
      };
    });
    assert.equal(r.first, "III");
    assert.deepEqual(r.en, { word: r.strings.en["response.III"], th: "Framework", lang: "en", heading: "What drives it" }, origin);
    assert.equal(r.en.word, "Level III response (relatively serious)");
    assert.equal(r.zh.word, "Ⅲ级响应（较大）");
    assert.equal(r.zh.th, "框架");
    assert.equal(r.zh.lang, "zh-CN");
    assert.equal(r.zh.heading, "判断依据");
    assert.match(r.zh.deadline, /须于/);
    assert.ok(!r.rows.includes("composite") && r.rows.length > 0, "assessOptions reached assess: " + r.rows);
    assert.equal(r.firstDeadline.startsAt, "2026-11-25T22:30:00+08:00", "detectedAt reached escalate");
    assert.equal(r.failed, null);
    assert.equal(r.errorShown.state, "error");
    assert.ok(r.errorShown.paths.includes("series.localCases[3]"), JSON.stringify(r.errorShown));
    assert.equal(r.again, "III", "the element recovers after an error");
    // Bubbling, composed events reach the host container: one per assessment, one for the error.
    assert.deepEqual(r.heard.filter((h) => h[1] === "crisis-desk:error"), [["div", "crisis-desk:error", "negative-count", "series.localCases[3]"]]);
    assert.ok(r.heard.filter((h) => h[1] === "crisis-desk:assessed").every((h) => h[2] === "III" && h[3] === true));
    assert.equal(r.left, 0, "destroy removes what mount added");
    await clean(origin);
    await context.close();
  }
});

test("under a portal CSP without 'wasm-unsafe-eval' the element says why, as crisis-desk:error", async () => {
  const { page, context } = await openWatched(pathToFileURL(join(ROOT, "tests", "browser", "pages", "embed-no-wasm.html")).href, { locale: "en-GB" });
  await page.waitForSelector("body[data-error]", { state: "attached", timeout: 20000 });
  const detail = JSON.parse(await page.getAttribute("body", "data-error"));
  assert.equal(detail.code, "csp-blocks-wasm");
  assert.match(detail.message, /'wasm-unsafe-eval'/);
  assert.match(await shadowText(page, "crisis-desk .error"), /Content-Security-Policy does not allow WebAssembly/);
  await context.close();
});

// ---- The printed report ----

for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-GB"]]) {
  test(`the print view is an A4 report: no controls; level, frameworks, charts, plan, version, rulebook hash and time (${lang}, file:// and http)`, async () => {
    for (const [origin, url] of env.origins()) {
      const { page, context, clean } = await openWatched(url, { locale, viewport: { width: 794, height: 1123 } });
      await page.waitForSelector("body[data-ready]", { state: "attached", timeout: 20000 });
      await page.waitForSelector("#plan-timeline li");
      const tr = (key) => page.evaluate(([l, k]) => window.CrisisDeskI18n.translate(l, k), [lang, key]);
      // On screen: a print button, and no report header.
      assert.equal(await page.isVisible("#print-report"), true);
      assert.equal(await page.textContent("#print-report"), await tr("report.print"));
      assert.equal(await page.isVisible("#report-header"), false);
      await page.evaluate(() => { window.print = () => { window.__printed = (window.__printed || 0) + 1; }; });
      await page.click("#print-report");
      assert.equal(await page.evaluate(() => window.__printed), 1, "the button calls window.print()");

      const expected = await page.evaluate(() => {
        const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
        return { level: a.verdict.level, version: window.CrisisDesk.version(), hash: window.CrisisDesk.rulebookHash(window.CrisisDesk.defaultRulebook()) };
      });
      const before = Date.now();
      await page.emulateMedia({ media: "print" });
      await page.screenshot({ path: join(SHOTS, `print-${origin}-${lang}.png`), fullPage: true });
      // Controls, editors and the tools that are not part of a report are hidden.
      for (const sel of ["#lang-toggle", "#print-report", "#status", "#situation-json", "#assess", "#plan-form", "#rulebook", "#whatif", "#analysis", "#plan-timeline button", ".masthead"]) {
        assert.equal(await page.locator(sel).first().isVisible(), false, `${origin}: ${sel} is hidden in print`);
      }
      // Nothing one can click or type into is left on paper.
      assert.deepEqual(await page.$$eval("button, input, select, textarea, summary", (els) => els.filter((e) => e.getClientRects().length).map((e) => e.id || e.outerHTML.slice(0, 60))), []);
      // The report: header, the level and drivers, frameworks, level timeline, plan, charts, footer.
      for (const sel of ["#report-header", "#verdict-word", "#drivers li", "#framework-rows tr", "#level-timeline .tl-track", "#plan-timeline li", "#plan-agencies .aspect", "#plan-hash", "#rt-chart svg", "#cases-chart svg", "#beds-chart svg", "#report-footer"]) {
        assert.equal(await page.locator(sel).first().isVisible(), true, `${origin}: ${sel} is shown in print`);
      }
      assert.equal(await page.textContent(".report-title [data-i18n]"), await tr("report.title"));
      assert.equal(await page.textContent("#report-version"), expected.version);
      assert.equal(await page.textContent("#report-rulebook"), expected.hash, "the full hash of the rulebook the plan used");
      assert.equal(await page.getAttribute("#plan-hash", "data-hash"), expected.hash);
      assert.equal(await page.textContent("#report-level"), (await tr("response." + expected.level)) + " · " + (await tr("colour.yellow")));
      const time = await page.textContent("#report-time");
      assert.match(time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC[+−]\d\d:\d\d\)$/);
      const stamped = Date.parse(await page.getAttribute("#report-time", "data-time"));
      assert.ok(stamped <= before && before - stamped < 120000, "the time of the assessment on this page");
      const footer = await page.textContent("#report-footer");
      assert.ok(footer.includes(expected.version) && footer.includes(expected.hash.slice(0, 19)) && footer.includes(time), footer);
      // Rows of the frameworks table do not break across pages.
      assert.equal(await page.locator("#framework-rows tr").first().evaluate((e) => getComputedStyle(e).breakInside), "avoid");
      // Headless Chromium prints it: an A4 PDF of several pages.
      const pdf = await page.pdf({ format: "A4" });
      assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
      const pages = Number((pdf.toString("latin1").match(/\/Type\s*\/Pages[^]*?\/Count\s+(\d+)/) || [])[1]);
      assert.ok(pages >= 3 && pages <= 12, `pages: ${pages}`);
      assert.ok(pdf.length > 50000, `PDF size ${pdf.length}`);
      const mediabox = pdf.toString("latin1").match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/);
      assert.ok(mediabox && Math.abs(Number(mediabox[1]) - 595.92) < 2 && Math.abs(Number(mediabox[2]) - 842.88) < 2, "A4: " + (mediabox && mediabox[0]));
      writeFileSync(join(mkdtempSync(join(tmpdir(), "crisis-desk-report-")), `report-${lang}.pdf`), pdf);
      // Back on screen, the report header is hidden again.
      await page.emulateMedia({ media: "screen" });
      assert.equal(await page.isVisible("#report-header"), false);
      await clean(origin);
      await context.close();
    }
  });
}

// ---- The single-file build ----

test("pkg/crisis-desk.html is what www/ builds, byte for byte, every time", () => {
  const a = buildSingleFile(ROOT).html;
  const b = buildSingleFile(ROOT).html;
  assert.equal(a, b, "deterministic");
  const committed = readFileSync(join(ROOT, "pkg", "crisis-desk.html"), "utf8");
  assert.ok(committed === a, "pkg/crisis-desk.html is stale: run 'node scripts/pkg/single-file.mjs' (build-pkg.sh runs it too)");
  // One hash per inline script and style, no 'self', wasm allowed; nothing left to fetch.
  const csp = a.match(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/)[1];
  const scripts = (a.match(/<script\b/g) || []).length;
  const styles = (a.match(/<style\b/g) || []).length;
  const directive = (name) => csp.split("; ").find((d) => d.startsWith(name + " "));
  assert.equal((directive("script-src").match(/'sha256-/g) || []).length, scripts);
  assert.equal((directive("style-src").match(/'sha256-/g) || []).length, styles);
  assert.match(directive("script-src"), /'wasm-unsafe-eval'$/);
  assert.doesNotMatch(csp, /'self'|unsafe-inline|unsafe-eval'(?<!wasm-unsafe-eval')/);
  assert.ok(scripts >= 9 && styles >= 2, `${scripts} scripts, ${styles} styles`);
  assert.doesNotMatch(a, /\s(?:src|href)="(?!data:|#)[^"]*"/, "no reference to another file");
  assert.match(a, /<style media="print">/, "the print stylesheet keeps its media");
});

test("the single-file build, copied alone into an empty folder, opens from file:// (and from the server) with the example's verdict", async () => {
  const dir = mkdtempSync(join(tmpdir(), "crisis-desk-single-"));
  copyFileSync(join(ROOT, "pkg", "crisis-desk.html"), join(dir, "crisis-desk.html"));
  const fileUrl = pathToFileURL(join(dir, "crisis-desk.html")).href;
  for (const [origin, url] of [["file", fileUrl], ["http", env.server.url.replace(/\/www\/$/, "/pkg/crisis-desk.html")]]) {
    for (const [lang, locale] of [["zh", "zh-CN"], ["en", "en-GB"]]) {
      const { page, context, log, clean } = await openWatched(url, { locale });
      await ready(page);
      const want = await page.evaluate((l) => {
        const a = window.CrisisDesk.assess(window.CrisisDesk.exampleSituation());
        return window.CrisisDeskI18n.translate(l, "response." + a.verdict.level) + " · " + window.CrisisDeskI18n.translate(l, "colour." + a.verdict.colour);
      }, lang);
      assert.equal(await page.textContent("#verdict-word"), want, `${origin} ${lang}`);
      assert.equal(await page.isVisible("#illustrative"), true);
      await page.waitForSelector("#plan-timeline li");
      assert.ok((await page.$$eval("#framework-rows tr", (r) => r.length)) > 5);
      assert.deepEqual(log.requests.filter((u) => !u.startsWith("data:")), [url], `${origin}: the one file is the only request`);
      if (lang === "zh") await page.screenshot({ path: join(SHOTS, `single-file-${origin}.png`) });
      await clean(`${origin} ${lang}`);
      await context.close();
    }
  }
});

test("the single-file builder escapes </script in inlined code and allows exactly what it inlined", async () => {
  const root = mkdtempSync(join(tmpdir(), "crisis-desk-inline-"));
  mkdirSync(join(root, "www"));
  mkdirSync(join(root, "lib"));
  writeFileSync(join(root, "www", "index.html"), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy"
        content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:">
  <link rel="stylesheet" href="a.css">
  <script defer src="../lib/a.js"></script>
  <script defer src="b.js"></script>
</head>
<body><p id="p">before</p></body>
</html>
`);
  writeFileSync(join(root, "www", "a.css"), "p { color: rgb(1, 2, 3); }\np::after { content: \"</style>\"; }\n");
  writeFileSync(join(root, "lib", "a.js"), 'window.__tag = "</script><b id=\\"inj\\">x</b>"; // </SCRIPT> in a comment\n');
  writeFileSync(join(root, "www", "b.js"), 'document.getElementById("p").textContent = window.__tag;\n');
  const { html, scripts } = buildSingleFile(root);
  assert.deepEqual(scripts, ["../lib/a.js", "b.js"]);
  assert.doesNotMatch(html, /<\/script>(?!\n)|<\/script><b/i);
  const out = join(root, "out.html");
  writeFileSync(out, html);
  const { page, context, clean } = await openWatched(pathToFileURL(out).href);
  await page.waitForFunction(() => document.getElementById("p").textContent !== "before");
  assert.equal(await page.textContent("#p"), '</script><b id="inj">x</b>', "the string survives, scripts run in order after the body is parsed");
  assert.equal(await page.$("#inj"), null, "nothing injected");
  assert.equal(await page.$eval("#p", (e) => getComputedStyle(e).color), "rgb(1, 2, 3)", "the inlined style applies under its hash");
  await clean("inline");
  await context.close();
});
