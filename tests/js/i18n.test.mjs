// Every page string exists in both languages, and every key the page uses is defined.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const sandbox = {};
vm.runInNewContext(readFileSync(join(ROOT, "www", "i18n.js"), "utf8"), { globalThis: sandbox, self: sandbox });
const { STRINGS, pickLanguage, translate } = sandbox.CrisisDeskI18n;

test("zh and en have the same keys", () => {
  const zh = Object.keys(STRINGS.zh).sort();
  const en = Object.keys(STRINGS.en).sort();
  assert.deepEqual(zh.filter((k) => !en.includes(k)), [], "missing in en");
  assert.deepEqual(en.filter((k) => !zh.includes(k)), [], "missing in zh");
  for (const k of zh) {
    const params = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(params(STRINGS.zh[k]), params(STRINGS.en[k]), `parameters of ${k}`);
  }
});

test("every data-i18n key, error code and note code used has a string", () => {
  const html = readFileSync(join(ROOT, "www", "index.html"), "utf8");
  // Every page script that looks strings up with t("key").
  const app = ["app.js", "analysis.js", "plan.js", "timeline.js", "rulebook.js", "import.js", "workspace.js", "report.js"].map((f) => readFileSync(join(ROOT, "www", f), "utf8")).join("\n");
  const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
  keys.push(...[...app.matchAll(/\bt\("([^"]+)"/g)].map((m) => m[1]).filter((k) => !k.endsWith(".")));
  // Codes the core can emit (src/error.rs) and the runtime adds.
  const errorRs = readFileSync(join(ROOT, "src", "error.rs"), "utf8");
  keys.push(...[...errorRs.matchAll(/Code::\w+ => "([a-z-]+)"/g)].map((m) => "code." + m[1]));
  keys.push("code.not-ready", "code.csp-blocks-wasm", "code.startup-failed");
  // Note codes of every signal module (they reach the page as notes).
  for (const f of readdirSync(join(ROOT, "src", "signals")).filter((f) => f.endsWith(".rs"))) {
    const text = readFileSync(join(ROOT, "src", "signals", f), "utf8");
    keys.push(...[...text.matchAll(/(?:code: |note\()"([a-z0-9-]+)"/g)].map((m) => "note." + m[1]));
  }
  assert.ok(keys.length > 40);
  for (const lang of ["zh", "en"]) {
    assert.deepEqual(keys.filter((k) => !(k in STRINGS[lang])), [], lang);
  }
});

test("language follows the browser unless the user chose", () => {
  assert.equal(pickLanguage(null, ["en-US", "zh-CN"]), "en");
  assert.equal(pickLanguage(null, ["zh-TW"]), "zh");
  assert.equal(pickLanguage("en", ["zh-CN"]), "en");
  assert.equal(pickLanguage(null, ["fr-FR"]), "zh");
  assert.equal(translate("en", "period", { first: "a", last: "b", days: 3, asOf: "c" }), "Data from a to b, 3 days; assessed as of c");
});
