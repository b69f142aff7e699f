// Accessible and responsive (issue 7, WCAG 2.1 AA), in headless Chromium:
// - axe-core reports no violation of WCAG 2.0/2.1 A and AA (nor of its best practices) on every
//   view, in both languages: the page with everything rendered, with its input errors shown, its
//   print view, the <crisis-desk> element in www/embed-example.html, www/bench.html and the
//   single-file pkg/crisis-desk.html; from file:// (and the main page once from http);
// - the response levels' colours meet contrast with the text on and beside them (axe cannot
//   judge text over SVG and the coloured level strips, so they are measured here);
// - reflow and zoom (1.4.10, 1.4.4): at 360 px and at 640 CSS px (1280 px at 200 %) nothing needs
//   the page to scroll sideways; only data tables scroll, inside their own focusable, named region;
// - keyboard: Tab from the top reaches the language switch, the main inputs, the plan form, the
//   rulebook editor and the import in document order, each with a visible focus indicator.
//
// How axe gets in: the page's CSP (script-src 'self') blocks an inline <script>, so axe.min.js is
// added with context.addInitScript({ path }). Playwright installs init scripts through the
// DevTools protocol (Page.addScriptToEvaluateOnNewDocument), which the page's CSP does not govern;
// the policy itself is untouched (no bypassCSP): each run also checks that an inline script is
// still refused, so the pages are tested under the CSP they ship with. axe runs with preload off:
// preloading only fetches the stylesheets for the experimental css-orientation-lock rule (not among
// the WCAG tags run here), and that fetch is exactly what the page's CSP refuses (connect-src).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { ROOT, FILE_URL, SHOTS, suite } from "./harness.mjs";
import { ready, showEverything, showInputErrors, openAllDetails } from "./views.mjs";

const AXE = join(ROOT, "node_modules", "axe-core", "axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// Held too: axe's best practices, which is where heading order, one h1, landmarks and their unique
// names, and content outside any landmark are checked.
const ALSO = ["best-practice"];
const EMBED_URL = pathToFileURL(join(ROOT, "www", "embed-example.html")).href;
const BENCH_URL = pathToFileURL(join(ROOT, "www", "bench.html")).href + "?quick";
const SINGLE_URL = pathToFileURL(join(ROOT, "pkg", "crisis-desk.html")).href;
const LANGS = [["zh", "zh-CN"], ["en", "en-GB"]];
// The inline script each run tries (and the page's CSP must refuse); its refusal is expected, not an error.
const PROBE = "window.__inlineRan = true;";
const PROBE_HASH = "sha256-" + createHash("sha256").update(PROBE).digest("base64");

const env = suite();

/** A context with axe-core injected before any page script (see the top of this file), recording page errors and CSP violations. */
async function openWithAxe(url, { locale = "zh-CN", viewport = { width: 1200, height: 900 } } = {}) {
  const context = await env.browser.newContext({ locale, viewport });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await context.addInitScript({ path: AXE });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      // The inline script this test tries on purpose (assertNoViolations): its refusal is expected.
      if (e.target && e.target.nodeType === 1 && e.target.hasAttribute("data-a11y-probe")) return;
      window.__csp.push(e.violatedDirective + " " + e.blockedURI);
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push("pageerror: " + e.message));
  page.on("console", (m) => { if (m.type() === "error" && !m.text().includes(PROBE_HASH)) errors.push(m.text()); });
  await page.goto(url);
  return { context, page, errors };
}

/** One line per violation: id, impact, help, then each node's target selectors and what to fix. */
function describe(violations) {
  return violations.map((v) => `- ${v.id} [${v.impact}] ${v.help} (${v.tags.filter((t) => TAGS.includes(t) || ALSO.includes(t)).join(", ")}; ${v.helpUrl})\n` +
    v.nodes.map((n) => `    at ${n.target.map((t) => (Array.isArray(t) ? t.join(" >> ") : t)).join(" ")}\n      ${n.failureSummary.replace(/\n/g, "\n      ")}`).join("\n")).join("\n");
}

/** Runs axe on the whole document (shadow roots included) and asserts no violation of the WCAG 2.0/2.1 A/AA rules (nor of axe's best practices). */
async function assertNoViolations(page, view) {
  const r = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, preload: false, resultTypes: ["violations"] }), [...TAGS, ...ALSO]);
  // axe really ran its rules here (an injection that silently failed would report nothing).
  assert.ok(r.passes.length + r.violations.length >= 10, `${view}: axe ran ${r.passes.length} passing rules`);
  assert.equal(r.violations.length, 0, `${view}: ${r.violations.length} axe violation(s) of ${[...TAGS, ...ALSO].join(", ")}:\n${describe(r.violations)}`);
  // The page kept its own policy: injecting axe did not open it to inline script.
  const inline = await page.evaluate((probe) => {
    const s = document.createElement("script");
    s.setAttribute("data-a11y-probe", "");
    s.textContent = probe;
    document.head.appendChild(s);
    return window.__inlineRan === true;
  }, PROBE);
  assert.equal(inline, false, `${view}: the page's CSP still refuses inline script`);
  return r;
}

// ---- axe on every view ----

for (const [lang, locale] of LANGS) {
  test(`axe: the main page with every panel rendered, no violations (${lang}, file://${lang === "zh" ? " and http" : ""})`, async () => {
    const urls = env.origins().filter(([origin]) => origin === "file" || lang === "zh");
    for (const [origin, url] of urls) {
      const { page, context, errors } = await openWithAxe(url, { locale });
      await showEverything(page);
      assert.equal(await page.getAttribute("html", "lang"), lang === "zh" ? "zh-CN" : "en");
      // What the view holds: frameworks, level timeline, plan, rulebook editor, charts with their tables, what-if, analysis, import preview, share link.
      for (const sel of ["#framework-rows tr", "#level-timeline .tl-track", "#level-periods table", "#plan-timeline li", "#plan-agencies .aspect",
        "input.rb-cell", "#rb-notifications table", "#rt-chart svg", "#rt-table table", "#whatif-chart svg", "#whatif-table table",
        "#ahp-result table", "#synergy-result table", "#mcda-result table", "#allocate-result table",
        "#im-mapping select", "#im-errors table", "#im-preview input", "#ws-link"]) {
        assert.ok(await page.locator(sel).first().isVisible(), `${origin} ${lang}: ${sel} is shown`);
      }
      await assertNoViolations(page, `main page, everything rendered (${lang}, ${origin})`);
      assert.deepEqual(errors, [], `${origin} ${lang}: console errors`);
      assert.deepEqual(await page.evaluate(() => window.__csp), [], `${origin} ${lang}: CSP violations`);
      await context.close();
    }
  });

  test(`axe: the main page with its input errors shown, no violations (${lang}, file://)`, async () => {
    const { page, context, errors } = await openWithAxe(FILE_URL, { locale });
    await showInputErrors(page);
    for (const sel of ["#problem-rows tr", "#rb-diagnostic-list li", ".rb-cell[aria-invalid=true]", "#ws-problems li", "#ahp-suggestions li"]) {
      assert.ok(await page.locator(sel).first().isVisible(), `${lang}: ${sel} is shown`);
    }
    await assertNoViolations(page, `main page, input errors shown (${lang})`);
    // A broken share link: its notice, with the buttons to restore or keep.
    await page.goto(FILE_URL + "#s=bm90LWpzb24");
    await page.waitForSelector("body[data-link=error]");
    await assertNoViolations(page, `main page, a broken share link (${lang})`);
    assert.deepEqual(errors, [], lang);
    await context.close();
  });

  test(`axe: the print view, no violations (${lang}, file://)`, async () => {
    const { page, context, errors } = await openWithAxe(FILE_URL, { locale, viewport: { width: 794, height: 1123 } });
    await ready(page);
    await page.emulateMedia({ media: "print" });
    assert.ok(await page.isVisible("#report-header"), "the report header shows in print");
    await assertNoViolations(page, `print view (${lang})`);
    assert.deepEqual(errors, [], lang);
    await context.close();
  });

  test(`axe: the single-file pkg/crisis-desk.html with every panel rendered, no violations (${lang}, file://)`, async () => {
    const { page, context, errors } = await openWithAxe(SINGLE_URL, { locale });
    await showEverything(page);
    await assertNoViolations(page, `pkg/crisis-desk.html (${lang})`);
    assert.deepEqual(errors, [], lang);
    await context.close();
  });
}

test("axe: the <crisis-desk> element in www/embed-example.html, no violations (zh and en, file://)", async () => {
  const { page, context, errors } = await openWithAxe(EMBED_URL);
  const settled = () => page.waitForFunction(() => {
    const panel = document.querySelector("crisis-desk")?.shadowRoot?.querySelector(".cd");
    return panel && panel.dataset.state === "ok";
  }, null, { timeout: 30000 });
  await settled();
  assert.ok(await page.locator("crisis-desk table.frameworks").isVisible());
  await assertNoViolations(page, "embed example (zh)");
  await page.evaluate(() => document.querySelector("crisis-desk").setAttribute("lang", "en"));
  await page.waitForFunction(() => document.querySelector("crisis-desk").shadowRoot.querySelector(".cd").getAttribute("lang") === "en");
  await settled();
  await assertNoViolations(page, "embed example (en)");
  // A portal in a narrow column: the frameworks become cards.
  await page.setViewportSize({ width: 360, height: 800 });
  await assertNoViolations(page, "embed example (en, 360 px)");
  assert.deepEqual(errors, []);
  await context.close();
});

test("axe: www/bench.html with its results, no violations (file://)", async () => {
  const { page, context, errors } = await openWithAxe(BENCH_URL, { locale: "en-GB" });
  await page.waitForSelector("body[data-results]", { state: "attached", timeout: 120000 });
  await assertNoViolations(page, "bench.html");
  assert.deepEqual(errors, []);
  await context.close();
});

// ---- Colour contrast axe cannot judge: the levels' colours, text over the level strips and in charts ----
// (and the focus ring, checked in the keyboard test)

/** WCAG contrast of two CSS colours (rgb()/rgba() over white, as getComputedStyle gives them). */
function contrast(a, b) {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    assert.ok(m, "a computed colour: " + c);
    const [r, g, bl, al = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [r, g, bl].map((v) => v * al + 255 * (1 - al)); // over white
  };
  const lum = (c) => {
    const [r, g, bl] = parse(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test("the response levels' colours meet contrast with the text on and beside them: verdict badge, level strips, the element's badge, charts", async () => {
  const { page, context } = await openWithAxe(FILE_URL, { locale: "en-GB" });
  await ready(page);
  const found = [];
  const check = (what, fg, bg, min) => {
    const r = contrast(fg, bg);
    if (r < min) found.push(`${what}: ${fg} on ${bg} is ${r.toFixed(2)}:1 (needs ${min}:1)`);
  };
  // The verdict badge at each level: the word (text, 4.5:1), the swatch's ring and the frame (graphics, 3:1) against the panel.
  for (const level of ["I", "II", "III", "IV"]) {
    const c = await page.evaluate((level) => {
      const box = document.getElementById("verdict");
      box.dataset.level = level;
      const cs = (e) => getComputedStyle(e);
      return {
        panel: cs(box.closest(".panel")).backgroundColor, word: cs(document.getElementById("verdict-word")).color,
        ring: cs(box.querySelector(".verdict-swatch")).borderTopColor, frame: cs(box).borderTopColor, fill: cs(box.querySelector(".verdict-swatch")).backgroundColor,
      };
    }, level);
    check(`verdict ${level}: the level in words`, c.word, c.panel, 4.5);
    check(`verdict ${level}: the swatch's ring`, c.ring, c.panel, 3);
    check(`verdict ${level}: the swatch's ring around its colour`, c.ring, c.fill, 3);
    check(`verdict ${level}: the frame`, c.frame, c.panel, 3);
  }
  // The level strips: the level written on each colour.
  const strips = await page.evaluate(() => {
    const label = getComputedStyle(document.querySelector("#level-timeline .tl-label")).color;
    return ["sev-0", "sev-1", "sev-2", "sev-3", "sev-4", "sev-unknown"].map((k) => {
      const probe = document.createElement("span");
      probe.className = k;
      document.body.appendChild(probe);
      const bg = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return [k, label, bg];
    });
  });
  for (const [k, fg, bg] of strips) check(`level strip ${k}: its label`, fg, bg, 4.5);
  // Chart text and marks on the white plot.
  const chart = await page.evaluate(() => {
    const q = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
    return {
      bg: q("#rt-chart", "backgroundColor") === "rgba(0, 0, 0, 0)" ? "rgb(255, 255, 255)" : q("#rt-chart", "backgroundColor"),
      tick: q("#rt-chart text.tick", "fill"), ref: q("#rt-chart text.ref", "fill"), line: q("#rt-chart polyline.line", "stroke"),
      bars: q("#cases-chart rect.bars", "fill"), avg: q("#cases-chart polyline.line", "stroke"), proj: q("#projection-chart .line-proj", "stroke"),
    };
  });
  check("chart: axis labels", chart.tick, chart.bg, 4.5);
  check("chart: the reference line's label", chart.ref, chart.bg, 4.5);
  check("chart: the Rt line", chart.line, chart.bg, 3);
  check("chart: the daily bars", chart.bars, chart.bg, 3);
  check("chart: the 7-day average over the bars", chart.avg, chart.bars, 3);
  check("chart: the projection line", chart.proj, chart.bg, 3);
  await context.close();

  // The element's verdict badge at each level, inside its shadow root.
  const embed = await openWithAxe(EMBED_URL);
  await embed.page.waitForFunction(() => document.querySelector("crisis-desk")?.shadowRoot?.querySelector(".cd")?.dataset.state === "ok", null, { timeout: 30000 });
  for (const level of ["I", "II", "III", "IV"]) {
    const c = await embed.page.evaluate((level) => {
      const root = document.querySelector("crisis-desk").shadowRoot;
      const v = root.querySelector(".verdict");
      v.dataset.level = level;
      const cs = (e) => getComputedStyle(e);
      return { bg: cs(root.querySelector(".cd")).backgroundColor, word: cs(v.querySelector(".word")).color, colour: cs(v.querySelector(".colour")).color,
        ring: cs(v.querySelector(".swatch")).borderTopColor, fill: cs(v.querySelector(".swatch")).backgroundColor, frame: cs(v).borderTopColor };
    }, level);
    check(`element verdict ${level}: the level in words`, c.word, c.bg, 4.5);
    check(`element verdict ${level}: the colour's name`, c.colour, c.bg, 4.5);
    check(`element verdict ${level}: the swatch's ring`, c.ring, c.bg, 3);
    check(`element verdict ${level}: the swatch's ring around its colour`, c.ring, c.fill, 3);
    check(`element verdict ${level}: the frame`, c.frame, c.bg, 3);
  }
  await embed.context.close();
  assert.deepEqual(found, []);
});

// ---- Reflow and zoom ----

/**
 * What would make the page scroll sideways: the page's own scroll width, every element past the
 * right edge that is not inside a region scrolling on its own, and every region that does scroll
 * sideways but is not a data table in a focusable, named region.
 */
function overflowReport() {
  const W = document.documentElement.clientWidth;
  const scrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const outside = [];
  for (const e of document.querySelectorAll("body *")) {
    if (!e.getClientRects().length || e.getBoundingClientRect().right <= W + 1) continue;
    let p = e.parentElement, inside = false;
    for (; p && p !== document.body; p = p.parentElement) if (scrolls(p)) { inside = true; break; }
    // Report the outermost element only.
    if (!inside && !(e.parentElement && e.parentElement !== document.body && e.parentElement.getBoundingClientRect().right > W + 1)) {
      outside.push(`${name(e)} reaches ${Math.round(e.getBoundingClientRect().right)} px`);
    }
  }
  const regions = [];
  for (const e of document.querySelectorAll("body *")) {
    if (["INPUT", "TEXTAREA", "SELECT"].includes(e.tagName) || !scrolls(e) || e.scrollWidth <= e.clientWidth + 1 || !e.getClientRects().length) continue;
    const labelled = (e.getAttribute("aria-label") || "").trim() || (e.getAttribute("aria-labelledby") || "").split(/\s+/).map((id) => document.getElementById(id)?.textContent || "").join("").trim();
    const problems = [];
    if (!e.querySelector("table")) problems.push("is not a data table");
    if (e.tabIndex < 0) problems.push("is not focusable");
    if (e.getAttribute("role") !== "region") problems.push("has no role=region");
    if (!labelled) problems.push("has no name");
    if (problems.length) regions.push(`${name(e)} scrolls sideways and ${problems.join(", ")}`);
  }
  return { innerWidth, scrollWidth: document.documentElement.scrollWidth, outside, regions };
}

for (const [width, why] of [[360, "a phone, 360 px"], [640, "1280 px at 200 % zoom = 640 CSS px"]]) {
  test(`reflow: at ${why}, nothing needs the page to scroll sideways; data tables scroll in their own focusable, named region (zh and en, screenshots)`, async () => {
    for (const [lang, locale] of LANGS) {
      const { page, context, errors } = await openWithAxe(FILE_URL, { locale, viewport: { width, height: 800 } });
      await showEverything(page);
      const r = await page.evaluate(overflowReport);
      assert.ok(r.scrollWidth <= r.innerWidth + 1, `${lang} ${width}: the page is ${r.scrollWidth} px wide in a ${r.innerWidth} px window:\n${r.outside.join("\n")}`);
      assert.deepEqual(r.outside, [], `${lang} ${width}: past the right edge`);
      assert.deepEqual(r.regions, [], `${lang} ${width}: sideways-scrolling regions`);
      // The frameworks table stacks as cards here; each value says its column.
      if (width <= 640) {
        assert.equal(await page.locator("#framework-rows tr").first().evaluate((e) => getComputedStyle(e).display), "block");
        assert.ok(await page.locator("#framework-rows td[data-label]").count() > 0);
      }
      // The charts are drawn at the screen's width, so their labels stay legible (not a 720-unit drawing shrunk to half).
      const small = await page.$$eval("svg.chart text.tick", (ts) => ts.filter((t) => t.getClientRects().length && t.getBoundingClientRect().height < 10)
        .map((t) => t.closest(".chart-host").id + ": " + t.textContent + " " + t.getBoundingClientRect().height.toFixed(1) + " px"));
      assert.deepEqual(small, [], `${lang} ${width}: chart labels under 10 px`);
      await page.screenshot({ path: join(SHOTS, `reflow-${width}-${lang}.png`), fullPage: true });
      // The same with the input errors shown.
      await showInputErrors(page);
      const e = await page.evaluate(overflowReport);
      assert.ok(e.scrollWidth <= e.innerWidth + 1, `${lang} ${width}, input errors: ${e.scrollWidth} px:\n${e.outside.join("\n")}`);
      assert.deepEqual(e.regions, [], `${lang} ${width}, input errors`);
      await page.screenshot({ path: join(SHOTS, `reflow-${width}-${lang}-errors.png`), fullPage: true });
      assert.deepEqual(errors, [], `${lang} ${width}`);
      await context.close();
    }
    // The embed example and the single file at the same width.
    for (const [what, url] of [["embed-example", EMBED_URL], ["single-file", SINGLE_URL]]) {
      const { page, context } = await openWithAxe(url, { viewport: { width, height: 800 } });
      if (what === "single-file") await showEverything(page);
      else await page.waitForFunction(() => document.querySelector("crisis-desk")?.shadowRoot?.querySelector(".cd")?.dataset.state === "ok", null, { timeout: 30000 });
      const r = await page.evaluate(overflowReport);
      assert.ok(r.scrollWidth <= r.innerWidth + 1, `${what} ${width}: ${r.scrollWidth} px:\n${r.outside.join("\n")}`);
      assert.deepEqual(r.regions, [], `${what} ${width}`);
      await context.close();
    }
  });
}

// ---- Keyboard ----

test("keyboard: Tab from the top reaches the language switch, the main inputs, the plan form, the rulebook's first cell and the import, in document order, each with a visible focus indicator (zh and en)", async () => {
  for (const [lang, locale] of LANGS) {
    const { page, context } = await openWithAxe(FILE_URL, { locale });
    await ready(page);
    assert.equal(await page.evaluate(() => [...document.querySelectorAll("[tabindex]")].filter((e) => e.tabIndex > 0).length), 0, "no positive tabindex");
    const want = { "lang-toggle": "#lang-toggle", "plan-detected": "#plan-detected", "plan-cross-border": "#plan-cross-border", "plan-major-event": "#plan-major-event",
      "plan-submit": "#plan-form button[type=submit]", "rulebook first cell": "input.rb-cell", "import a CSV file": "#im-file", "situation JSON": "#situation-json",
      "assess": "#assess", "what-if": "#whatif-reduction", "export workspace": "#ws-export" };
    const order = [];
    const noIndicator = [];
    let previous = null;
    const outOfOrder = [];
    for (let i = 0; i < 2500; i++) {
      await page.keyboard.press("Tab");
      const f = await page.evaluate((want) => {
        const e = document.activeElement;
        if (!e || e === document.body) return null;
        const cs = getComputedStyle(e);
        const hit = Object.entries(want).find(([, sel]) => document.querySelector(sel) === e);
        window.__tabbed = window.__tabbed || [];
        const prev = window.__tabbed[window.__tabbed.length - 1];
        const before = prev ? !!(prev.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING) : false;
        window.__tabbed.push(e);
        const rect = e.getBoundingClientRect();
        return {
          id: e.id || e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "") + (e.dataset.path ? `[${e.dataset.path}]` : ""),
          hit: hit ? hit[0] : null, skip: e.classList.contains("skip"),
          outline: cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2, shadow: cs.boxShadow !== "none", before,
          outlineColor: cs.outlineColor, shadowColor: (cs.boxShadow.match(/rgba?\([^)]+\)/) || [null])[0], bg: (() => {
            // What the ring is drawn on: the first ancestor with a background.
            for (let p = e.parentElement; p; p = p.parentElement) {
              const b = getComputedStyle(p).backgroundColor;
              if (b !== "rgba(0, 0, 0, 0)" && b !== "transparent") return b;
            }
            return "rgb(255, 255, 255)";
          })(),
          inView: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth,
        };
      }, want);
      if (!f) continue;
      if (order.length && f.skip) break; // round again to the top
      if (!f.outline && !f.shadow) noIndicator.push(f.id);
      // The indicator stands out from what it is drawn on (1.4.11): one of its rings at 3:1 or more.
      else if (Math.max(f.outline ? contrast(f.outlineColor, f.bg) : 0, f.shadowColor ? contrast(f.shadowColor, f.bg) : 0) < 3) noIndicator.push(`${f.id} (indicator ${f.outlineColor} / ${f.shadowColor} on ${f.bg} is under 3:1)`);
      if (f.before) outOfOrder.push(`${f.id} after ${previous}`);
      if (!f.inView) noIndicator.push(f.id + " (not scrolled into view)");
      order.push(f.hit || f.id);
      previous = f.id;
      if (f.id === "ws-link-make") break; // the last control of the page
    }
    assert.equal(order[0], "a.skip", `${lang}: the first Tab reaches the skip link`);
    assert.deepEqual(Object.keys(want).filter((k) => !order.includes(k)), [], `${lang}: not reached by Tab in ${order.length} stops: ${order.join(" ")}`);
    // Document order, which is the visual order.
    const pos = (k) => order.indexOf(k);
    assert.ok(pos("lang-toggle") < pos("plan-detected") && pos("plan-detected") < pos("plan-submit") && pos("plan-submit") < pos("rulebook first cell") &&
      pos("rulebook first cell") < pos("what-if") && pos("what-if") < pos("import a CSV file") && pos("import a CSV file") < pos("situation JSON") &&
      pos("situation JSON") < pos("assess") && pos("assess") < pos("export workspace"), `${lang}: order ${order.filter((x) => Object.keys(want).includes(x)).join(" → ")}`);
    assert.deepEqual(outOfOrder, [], `${lang}: Tab went backwards`);
    assert.deepEqual(noIndicator, [], `${lang}: focused without a visible indicator`);
    // The skip link takes the next Tab into the main content, past the masthead.
    await page.reload();
    await ready(page);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.className), "skip");
    assert.ok(await page.evaluate(() => document.activeElement.getBoundingClientRect().left >= 0), "the skip link shows when focused");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement.closest("main")), true, `${lang}: after the skip link, focus is in <main>`);
    await context.close();
  }
});
