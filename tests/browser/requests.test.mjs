// The page makes no request to any origin but its own (issue 7): the main page (from file:// and
// from http://127.0.0.1), the <crisis-desk> element in www/embed-example.html and the single-file
// pkg/crisis-desk.html, with every feature used: assess, the plan, saving the rulebook, a CSV
// import, the workspace export, the share link (opened in a new page), the print view (and a PDF),
// the language switch. Every request of every page in the context goes through context.route and
// is recorded by context.on("request"); every attempt the CSP refused is recorded too (the
// securitypolicyviolation event). Allowed: file:// under this repository, http://127.0.0.1:<port>/
// of the test server, blob: and data:. Anything else fails the test, listed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, FILE_URL, suite } from "./harness.mjs";
import { ready, imported, example, gbkCsv } from "./views.mjs";

const REPO = pathToFileURL(ROOT).href + "/";
const SINGLE_URL = pathToFileURL(join(ROOT, "pkg", "crisis-desk.html")).href;

const env = suite();
/** The test server's origin, allowed alongside this repository's files (known once the server runs). */
const origin = () => new URL(env.server.url).origin + "/";

const allowed = (u) => u.startsWith(REPO) || u.startsWith(origin()) || u.startsWith("blob:") || u.startsWith("data:");

/** A context whose every request is routed and recorded; anything not allowed is aborted and listed. */
async function watched({ locale = "zh-CN" } = {}) {
  const context = await env.browser.newContext({ locale, viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const seen = { routed: [], requests: [], refused: [], errors: [] };
  await context.route("**/*", (route) => {
    const u = route.request().url();
    seen.routed.push(u);
    return allowed(u) ? route.continue() : route.abort("blockedbyclient");
  });
  context.on("request", (r) => seen.requests.push(r.url()));
  context.on("page", (p) => p.on("pageerror", (e) => seen.errors.push(e.message)));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window.__refused = window.__refused || []).push(e.violatedDirective + " " + e.blockedURI);
    });
  });
  /** Everything off this machine, or refused by the page's CSP, so far. */
  const offenders = async (pages) => {
    const refused = [];
    for (const p of pages) if (!p.isClosed()) refused.push(...(await p.evaluate(() => window.__refused || [])));
    return {
      requests: [...new Set(seen.requests.concat(seen.routed).filter((u) => !allowed(u)))],
      refused: refused.filter((r) => !/ (inline|eval|wasm-eval)$/.test(r) && !allowed(r.split(" ").slice(1).join(" "))),
    };
  };
  return { context, seen, offenders };
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(click)]);
  return d.suggestedFilename();
}

/** Uses every feature of the main page (or of the single file, which is the same page). */
async function exercise(page, context) {
  await ready(page);
  // Assess an edited scenario.
  const s = structuredClone(example);
  s.capacity.beds = 150;
  await page.fill("#situation-json", JSON.stringify(s, null, 2));
  await page.click("#assess");
  await page.waitForSelector('#status[data-state="ok"]');
  // The plan, with a cross-border link.
  await page.check("#plan-cross-border");
  await page.click("#plan-form button[type=submit]");
  await page.waitForSelector("#plan-timeline li");
  // Copy a notice.
  await page.click("#plan-timeline button.copy");
  // The rulebook: edit a cell, save it as a file, export a table as a ZEN graph.
  await page.fill('input.rb-cell[data-path="tables[0].rules[1]._description"]', "drill");
  assert.match(await download(page, "#rb-save"), /\.json$/);
  assert.match(await download(page, 'button[data-zen="export"]'), /\.zen\.json$/);
  // A CSV import, applied.
  await page.setInputFiles("#im-file", { name: "张家港每日疫情.csv", mimeType: "text/csv", buffer: gbkCsv });
  assert.equal(await imported(page), "ready");
  await page.click("#im-apply");
  await page.waitForSelector('#im-status[data-state="applied"]');
  // The what-if scenario and the analysis.
  await page.click("#whatif-run");
  await page.waitForSelector("#whatif-chart svg");
  await page.click("#mcda-form button[type=submit]");
  // The workspace: export it, import it back.
  assert.match(await download(page, "#ws-export"), /^crisis-desk-workspace-.*\.json$/);
  // The share link, opened in a new page of the same browser.
  await page.click("#ws-link-make");
  await page.waitForSelector("#ws-link-box:not([hidden])");
  const link = await page.inputValue("#ws-link");
  const opened = await context.newPage();
  await opened.goto(link);
  await opened.waitForSelector("body[data-link=loaded]", { state: "attached", timeout: 30000 });
  // The language switch, both ways.
  await page.click("#lang-toggle");
  await page.click("#lang-toggle");
  // The print view: the button (window.print is a no-op in headless Chromium), print media, a PDF.
  await page.click("#print-report");
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  await page.emulateMedia({ media: "screen" });
  return [opened];
}

for (const [what, url] of [["file://", () => FILE_URL], ["http://127.0.0.1", () => env.server.url]]) {
  test(`no request leaves this machine: the main page from ${what} with every feature used`, async () => {
    const { context, seen, offenders } = await watched();
    const page = await context.newPage();
    await page.goto(url());
    const others = await exercise(page, context);
    const off = await offenders([page, ...others]);
    assert.deepEqual(off.requests, [], `requests to another origin:\n${off.requests.join("\n")}`);
    assert.deepEqual(off.refused, [], `attempts the page's CSP refused:\n${off.refused.join("\n")}`);
    // The recording works: the page's own files were seen, from where they should be.
    const own = what === "file://" ? REPO + "pkg/crisis_desk_standalone.js" : origin() + "pkg/crisis_desk_standalone.js";
    assert.ok(seen.requests.includes(own) && seen.routed.includes(own), `${own} among ${seen.requests.length} requests`);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
}

test("no request leaves this machine: the single file pkg/crisis-desk.html from file:// with every feature used", async () => {
  const { context, seen, offenders } = await watched({ locale: "en-GB" });
  const page = await context.newPage();
  await page.goto(SINGLE_URL);
  const others = await exercise(page, context);
  const off = await offenders([page, ...others]);
  assert.deepEqual(off.requests, [], `requests to another origin:\n${off.requests.join("\n")}`);
  assert.deepEqual(off.refused, [], `attempts the page's CSP refused:\n${off.refused.join("\n")}`);
  // The one file, opened twice (the page and its share link), is all it loads.
  assert.deepEqual([...new Set(seen.requests.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:")).map((u) => u.split("#")[0]))], [SINGLE_URL]);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test("no request leaves this machine: the <crisis-desk> element in www/embed-example.html (file:// and http), assessed, switched to English, updated, printed", async () => {
  for (const [, url] of env.origins("embed-example.html")) {
    const { context, seen, offenders } = await watched();
    const page = await context.newPage();
    await page.goto(url);
    const settled = () => page.waitForFunction(() => document.querySelector("crisis-desk")?.shadowRoot?.querySelector(".cd")?.dataset.state === "ok", null, { timeout: 30000 });
    await settled();
    await page.evaluate(() => document.querySelector("crisis-desk").setAttribute("lang", "en"));
    await page.evaluate(() => {
      const s = window.CrisisDesk.exampleSituation();
      s.capacity.beds = 150;
      document.querySelector("crisis-desk").situation = s;
    });
    await settled();
    await page.emulateMedia({ media: "print" });
    await page.pdf({ format: "A4" });
    const off = await offenders([page]);
    assert.deepEqual(off.requests, [], `${url}: requests to another origin:\n${off.requests.join("\n")}`);
    assert.deepEqual(off.refused, [], `${url}: attempts the page's CSP refused:\n${off.refused.join("\n")}`);
    assert.ok(seen.requests.some((u) => u.endsWith("/www/element.js")), "the recording works");
    assert.deepEqual(seen.errors, []);
    await context.close();
  }
});
