// Shared set-up for browser tests: Debian's Chromium driven by playwright-core, the page
// served by the README's own command (scripts/serve.mjs), and checks that every request
// stays on this machine.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join, dirname } from "node:path";
import { mkdirSync } from "node:fs";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FILE_URL = pathToFileURL(join(ROOT, "www", "index.html")).href;
export const SHOTS = join(ROOT, "tests", "browser", "screenshots");
mkdirSync(SHOTS, { recursive: true });

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Starts `node scripts/serve.mjs` on a free port; resolves to { url, stop }. */
export function serve() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "scripts", "serve.mjs")], {
      // Tests never rebuild pkg/: they test what is there (test-all.sh rebuilds a stale one first).
      env: { ...process.env, PORT: "0", CRISIS_DESK_NO_BUILD: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const timer = setTimeout(() => reject(new Error("serve.mjs printed no URL: " + out)), 120000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\/www\//);
      if (m && /opens straight from disk/.test(out)) {
        clearTimeout(timer);
        resolve({ url: m[0], printed: out, stop: () => child.kill() });
      }
    });
    child.on("exit", (code) => reject(new Error("serve.mjs exited with " + code + ": " + out)));
  });
}

/**
 * Registers node:test hooks that launch Chromium and start the server before the file's tests and
 * stop both after them. Returns the set-up: `browser` and `server` are filled in once the hooks
 * have run, so read them inside tests (or lazily), not at the top of a file. Under Node 20 a
 * top-level before() runs as soon as it is registered, so a second hook would not wait for these.
 */
export function suite() {
  const env = {
    browser: null,
    server: null,
    /**
     * The page as it is opened from disk and from the test server, as [name, url] pairs. `file` is
     * another page in www/; without it, www/index.html (the server serves it at www/ itself).
     */
    origins(file) {
      return [
        ["file", file ? pathToFileURL(join(ROOT, "www", file)).href : FILE_URL],
        ["http", env.server.url + (file || "")],
      ];
    },
  };
  before(async () => {
    env.browser = await launch();
    env.server = await serve();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

/**
 * Waits until the page has started (the module loaded and the example assessed) and asserts it
 * did not fail, naming the status if it did. `plan` also waits for the plan's deadlines.
 */
export async function ready(page, { timeout = 20000, plan = false } = {}) {
  await page.waitForSelector("body[data-ready]", { state: "attached", timeout });
  assert.equal(await page.getAttribute("body", "data-ready"), "true", await page.textContent("#status"));
  if (plan) await page.waitForSelector("#plan-timeline li", { state: "attached" });
}

/** Opens `url` and records console errors, page errors and any request off this machine. */
export async function open(browser, url, { locale = "zh-CN", viewport = { width: 1200, height: 900 } } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const log = { errors: [], external: [] };
  page.on("console", (m) => {
    if (m.type() === "error") log.errors.push(m.text());
  });
  page.on("pageerror", (e) => log.errors.push("pageerror: " + e.message));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith("file://") && !u.startsWith("http://127.0.0.1") && !u.startsWith("data:")) log.external.push(u);
  });
  await page.goto(url);
  return { page, context, log };
}
