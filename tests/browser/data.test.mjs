// Data in and nothing lost (issue 7), in headless Chromium from file:// and from the local server:
// CSV import (GBK, malformed, 100 000 rows, pasted, hostile), the workspace file round trip and
// the share link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import vm from "node:vm";
import { ROOT, FILE_URL, SHOTS, suite, ready, open } from "./harness.mjs";

const example = JSON.parse(readFileSync(join(ROOT, "src", "data", "example-situation.json"), "utf8"));
const IMPORT = join(ROOT, "tests", "fixtures", "import");
const gbk = readFileSync(join(IMPORT, "zhangjiagang-gbk.csv"));
const gbkExpected = JSON.parse(readFileSync(join(IMPORT, "zhangjiagang-gbk.expected.json"), "utf8"));

const env = suite();

/** Waits until the import panel has finished reading and checking; returns its state. */
async function imported(page) {
  await page.waitForFunction(() => ["ready", "problems", "error"].includes(document.getElementById("import").dataset.state), null, { timeout: 60000 });
  return page.getAttribute("#import", "data-state");
}

const scenario = async (page) => JSON.parse(await page.inputValue("#situation-json"));
const mapping = (page) => page.$$eval("#im-mapping select", (s) => Object.fromEntries(s.map((x) => [x.dataset.field, Number(x.value)])));
const problems = (page) => page.$$eval("#im-errors tbody tr", (tr) => tr.map((r) => [Number(r.dataset.row), r.dataset.column, r.dataset.code]));
const sum = (xs) => xs.reduce((a, b) => a + (b || 0), 0);

test("every string import.js and workspace.js look up exists in both languages", () => {
  const sandbox = {};
  vm.runInNewContext(readFileSync(join(ROOT, "www", "i18n.js"), "utf8"), { globalThis: sandbox, self: sandbox });
  const { STRINGS } = sandbox.CrisisDeskI18n;
  const keys = [];
  for (const f of ["import.js", "workspace.js"]) {
    const src = readFileSync(join(ROOT, "www", f), "utf8");
    keys.push(...[...src.matchAll(/\bt\("([^"]+)"/g), ...src.matchAll(/\[\["((?:im|ws)\.[^"]+)"/g), ...src.matchAll(/\["((?:im|ws)\.[^"]+)",/g)].map((m) => m[1]).filter((k) => !k.endsWith(".")));
  }
  // Keys made from codes: the fields, problems, encodings and delimiters.
  for (const f of ["date", "localCases", "importedCases", "asymptomatic", "deaths", "admissions", "testsPerformed", "testsPositive", "bedsOccupied", "icuOccupied"]) keys.push("im.field." + f);
  for (const c of ["date", "dateMissing", "dateRange", "gap", "repeat", "notAfter", "descending", "number", "negative", "fraction", "extraCells", "unclosedQuote", "afterQuote", "unmapped", "sameColumn", "noRows"]) keys.push("im.err." + c);
  for (const e of ["utf-8", "utf-8-bom", "gb18030", "utf-16"]) keys.push("im.enc." + e);
  for (const d of ["comma", "semicolon", "tab"]) keys.push("im.delim." + d);
  for (const c of ["notJson", "notObject", "format", "version", "unknown", "missing", "situation", "situationObject", "rulebook", "lang", "object", "boolean", "number", "percentRange", "date", "datetime"]) keys.push("ws.err." + c);
  assert.ok(keys.length > 100, String(keys.length));
  for (const lang of ["zh", "en"]) assert.deepEqual(keys.filter((k) => !(k in STRINGS[lang])), [], lang);
  // Both scripts load like the others (no inline script under the page's CSP).
  const html = readFileSync(join(ROOT, "www", "index.html"), "utf8");
  assert.match(html, /<script defer src="import\.js"><\/script>/);
  assert.match(html, /<script defer src="workspace\.js"><\/script>/);
  for (const f of ["import.js", "workspace.js"]) {
    const src = readFileSync(join(ROOT, "www", f), "utf8");
    assert.doesNotMatch(src, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, f);
    assert.deepEqual([...src.matchAll(/\b(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}[^\s"'`)]*/gi)].map((m) => m[0]), [], `${f}: no URL of any other origin`);
  }
});

test("a GBK CSV from Excel with Chinese column names imports, maps every column and is assessed (file:// and http)", async () => {
  const series = gbkExpected.series;
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "zh-CN" });
    await ready(page);
    await page.setInputFiles("#im-file", { name: "张家港每日疫情.csv", mimeType: "text/csv", buffer: gbk });
    assert.equal(await imported(page), "ready", await page.textContent("#im-status"));
    assert.equal(await page.getAttribute("#im-summary [data-encoding]", "data-encoding"), "gb18030", origin);
    assert.match(await page.textContent("#im-summary"), /GB18030/);
    assert.equal(await page.getAttribute("#im-summary [data-rows]", "data-rows"), "14");
    assert.deepEqual(await mapping(page), gbkExpected.mapping, `${origin}: columns guessed from the Chinese names`);
    // The option texts carry the Chinese column names, decoded.
    assert.equal(await page.$eval("#im-map-localCases", (s) => s.selectedOptions[0].textContent), "B · 新增本土确诊");
    assert.equal(await page.textContent("#im-unused"), "文件中未使用的列：" + gbkExpected.unused.join("、"));
    assert.equal(await page.textContent("#im-errors-heading"), "没有发现问题");
    // The preview shows the first rows as in the file; a blank cell stays blank (a day not reported).
    assert.equal(await page.inputValue('#im-preview input[data-row="2"][data-field="date"]'), "2026/10/1");
    assert.equal(await page.inputValue('#im-preview input[data-row="8"][data-field="deaths"]'), "");
    await page.click("#im-apply");
    await page.waitForSelector('#im-status[data-state="applied"]');
    const s = await scenario(page);
    assert.deepEqual(s.series, series, origin);
    assert.equal(s.asOf, "2026-10-14", "the assessment date is the last day imported");
    assert.deepEqual(s.region, example.region, "the region is kept");
    assert.deepEqual(s.capacity, example.capacity, "the capacity is kept");
    assert.deepEqual(s.events, example.events, "the events are kept");
    assert.match(await page.textContent("#im-status"), /已导入 14 天（2026-10-01 至 2026-10-14）/);
    // The page's assessment is of the imported series.
    assert.equal(await page.getAttribute("#status", "data-state"), "ok", await page.textContent("#status"));
    assert.equal(await page.$$eval("#cases-table tbody tr", (r) => r.length), 14);
    assert.equal(await page.textContent('[data-field="localCasesLast7Days"]'), String(sum(series.localCases.slice(-7))));
    const a = await page.evaluate(() => window.CrisisDesk.assess(JSON.parse(document.getElementById("situation-json").value)));
    assert.equal(a.series.days, 14);
    assert.deepEqual(a.daily.localCases, series.localCases);
    assert.equal(a.signals.cumulativeLocalCases, sum(series.localCases));
    assert.ok(a.dataQuality.missingDays.some((m) => m.column === "deaths" && m.dates.includes("2026-10-07")), "the blank cell is a missing day, not 0");
    // The draft is saved: a reload keeps the imported series.
    await page.reload();
    await ready(page);
    assert.deepEqual((await scenario(page)).series, series);
    assert.deepEqual(log.errors, [], origin);
    assert.deepEqual(log.external, [], origin);
    await context.close();
  }
});

test("a file dropped on the drop zone is read like a chosen one (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    const dt = await page.evaluateHandle((bytes) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(bytes)], "dropped.csv", { type: "text/csv" }));
      return d;
    }, [...gbk]);
    await page.dispatchEvent("#im-drop", "dragenter", { dataTransfer: dt });
    assert.equal(await page.getAttribute("#im-drop", "data-over"), "true");
    await page.dispatchEvent("#im-drop", "drop", { dataTransfer: dt });
    assert.equal(await imported(page), "ready", origin);
    assert.equal(await page.getAttribute("#im-drop", "data-over"), null);
    assert.match(await page.textContent("#im-summary"), /dropped\.csv/);
    assert.deepEqual(await mapping(page), gbkExpected.mapping);
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("the CSV reader: quotes, escaped quotes, CRLF, a line break inside quotes, ; and tab; UTF-8 with BOM, UTF-16 and GB18030", async () => {
  const { page, context } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  const r = await page.evaluate(() => {
    const I = window.CrisisDeskImport;
    const enc = (s) => new TextEncoder().encode(s);
    return {
      quoted: I.parseCsv('a,b,c\r\n"x, y","say ""hi""",3\r\n"line\r\nbreak",,"end"\r\n'),
      semicolon: [I.guessDelimiter("Datum;Fälle;Tote\n1;2;3"), I.parseCsv("d;n\n2026-10-01;\"1;2\"\n")],
      tab: [I.guessDelimiter("date\tcases\n2026-10-01\t3"), I.parseCsv("date\tcases\n2026-10-01\t3")],
      lf: I.parseCsv("a,b\n1,2\n\n3,4"),
      cr: I.parseCsv("a,b\r1,2\r"),
      trailing: I.parseCsv("a,b,\n1,2,\n"),
      bom: I.decode(new Uint8Array([0xef, 0xbb, 0xbf, ...enc("日期,本土确诊")])),
      utf8: I.decode(enc("日期")),
      gbk: I.decode(new Uint8Array([0xc8, 0xd5, 0xc6, 0xda])), // 日期 in GBK
      utf16: I.decode(new Uint8Array([0xff, 0xfe, 0xe5, 0x65, 0x1f, 0x67])),
      dates: ["2026-10-01", "2026/10/1", "2026年10月1日", "2026/2/30", "2026-1-5", "01/10/2026", "2026/10/1 0:00", "1899-12-31"].map(I.parseDate),
      counts: ["12", " 7 ", "", "1,234", "-3", "2.5", "abc", "１２", "0"].map(I.parseCount),
      letters: [0, 25, 26, 27, 51, 52].map(I.columnLetter),
      guess: [
        I.guessMapping(["日期", "新增本土确诊", "境外输入确诊", "本土无症状", "检测阳性数", "核酸检测人次", "ICU占用床位", "占用床位", "死亡", "新增入院"]),
        I.guessMapping(["Date", "Local cases", "Imported cases", "Asymptomatic", "Deaths", "Admissions", "Tests performed", "Positive tests", "Beds occupied", "ICU occupied"]),
        I.guessMapping(["date", "localCases", "importedCases", "asymptomatic", "deaths", "admissions", "testsPerformed", "testsPositive", "bedsOccupied", "icuOccupied"]),
        I.guessMapping(["日期", "累计确诊", "新增确诊"]),
      ],
    };
  });
  assert.deepEqual(r.quoted, [["a", "b", "c"], ["x, y", 'say "hi"', "3"], ["line\r\nbreak", "", "end"]]);
  assert.deepEqual(r.semicolon, [";", [["d", "n"], ["2026-10-01", "1;2"]]]);
  assert.deepEqual(r.tab, ["\t", [["date", "cases"], ["2026-10-01", "3"]]]);
  assert.deepEqual(r.lf, [["a", "b"], ["1", "2"], [""], ["3", "4"]]);
  assert.deepEqual(r.cr, [["a", "b"], ["1", "2"]]);
  assert.deepEqual(r.trailing, [["a", "b", ""], ["1", "2", ""]]);
  assert.deepEqual(r.bom, { text: "日期,本土确诊", encoding: "utf-8-bom" }, "the BOM is dropped, not read as part of the first name");
  assert.deepEqual(r.utf8, { text: "日期", encoding: "utf-8" });
  assert.deepEqual(r.gbk, { text: "日期", encoding: "gb18030" });
  assert.deepEqual(r.utf16, { text: "日期", encoding: "utf-16" });
  assert.deepEqual(r.dates.map((d) => d.iso || d.error), ["2026-10-01", "2026-10-01", "2026-10-01", "date", "2026-01-05", "date", "2026-10-01", "dateRange"]);
  assert.deepEqual(r.counts.map((c) => (c.error ? c.error : c.value)), [12, 7, null, 1234, "negative", "fraction", "number", 12, 0]);
  assert.deepEqual(r.letters, ["A", "Z", "AA", "AB", "AZ", "BA"]);
  const all = { date: 0, localCases: 1, importedCases: 2, asymptomatic: 3, testsPositive: 4, testsPerformed: 5, icuOccupied: 6, bedsOccupied: 7, deaths: 8, admissions: 9 };
  assert.deepEqual(r.guess[0], all, "the most telling name wins: 检测阳性数 is positives, ICU占用床位 is ICU");
  assert.deepEqual(r.guess[1], { date: 0, localCases: 1, importedCases: 2, asymptomatic: 3, deaths: 4, admissions: 5, testsPerformed: 6, testsPositive: 7, bedsOccupied: 8, icuOccupied: 9 });
  assert.deepEqual(r.guess[2], r.guess[1]);
  assert.equal(r.guess[3].localCases, 2, "a daily column is preferred to a cumulative one");
  await context.close();
});

test("a malformed CSV lists every problem by row and column, cannot be applied, and is fixed in the preview (file:// and http)", async () => {
  // Row numbers are the file's (Excel's): row 1 is the header; the quoted line break in row 2 keeps it one row.
  const csv = [
    "date,local,imported,deaths,remark",
    '2026-10-01,1,0,0,"two\nlines"',
    "2026-10-02,abc,0,0,",
    "2026-10-03,2,-1,0,",
    "2026-13-04,3,0,0,",
    "2026-10-05,4,0,1.5,",
    "2026-10-07,5,0,0,",
    "2026-10-08,6,0,0,,stray",
    "",
  ].join("\r\n");
  for (const [origin, url] of env.origins()) {
    for (const [locale, word] of [["en-GB", /Not a number/], ["zh-CN", /不是数字/]]) {
      const { page, context, log } = await open(env.browser, url, { locale });
      await ready(page);
      const before = await page.inputValue("#situation-json");
      await page.setInputFiles("#im-file", { name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      assert.equal(await imported(page), "problems", origin);
      assert.deepEqual(await problems(page), [
        [3, "B", "number"],
        [4, "C", "negative"],
        [5, "A", "date"],
        [6, "D", "fraction"],
        [7, "A", "gap"],
        [8, "F", "extraCells"],
      ], `${origin} ${locale}`);
      assert.match(await page.textContent('#im-errors tr[data-row="3"]'), word);
      assert.match(await page.textContent('#im-errors tr[data-row="7"]'), /2026-10-05.*2026-10-07/);
      assert.equal(await page.getAttribute('#im-errors tr[data-row="8"]', "data-severity"), "warning", "extra cells are listed but stop nothing");
      // The cells with a problem are marked in the preview, with the problem beside them.
      assert.equal(await page.getAttribute('#im-preview input[data-row="3"][data-field="localCases"]', "aria-invalid"), "true");
      const describedBy = await page.getAttribute('#im-preview input[data-row="3"][data-field="localCases"]', "aria-describedby");
      assert.match(await page.textContent("#" + describedBy), word);
      assert.equal(await page.isDisabled("#im-apply"), true, "nothing with problems can be applied");
      if (origin === "file") await (await page.$("#import")).screenshot({ path: join(SHOTS, `import-problems-${locale}.png`) });
      // Fix them in the preview: "edit" focuses the cell; Enter or leaving it checks again.
      await page.click('#im-errors tr[data-row="3"] button');
      assert.equal(await page.evaluate(() => document.activeElement.dataset.row + ":" + document.activeElement.dataset.field), "3:localCases");
      await page.keyboard.type("7");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => !document.querySelector('#im-errors tr[data-row="3"]'));
      for (const [row, field, value] of [[4, "importedCases", ""], [5, "date", "2026-10-04"], [6, "deaths", "1"], [7, "date", "2026-10-06"], [8, "date", "2026-10-07"]]) {
        const sel = `#im-preview input[data-row="${row}"][data-field="${field}"]`;
        await page.fill(sel, value);
        await page.press(sel, "Tab");
      }
      assert.equal(await imported(page), "ready", JSON.stringify(await problems(page)));
      assert.deepEqual(await problems(page), [[8, "F", "extraCells"]]);
      assert.equal(await page.getAttribute("#im-summary [data-edits]", "data-edits"), "6");
      assert.equal(await page.getAttribute('#im-preview input[data-row="5"][data-field="date"]', "data-edited"), "true");
      assert.equal(await page.inputValue("#situation-json"), before, "nothing changes before apply");
      await page.click("#im-apply");
      await page.waitForSelector('#im-status[data-state="applied"]');
      const s = await scenario(page);
      assert.deepEqual(s.series, {
        date: ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
        localCases: [1, 7, 2, 3, 4, 5, 6],
        importedCases: [0, 0, null, 0, 0, 0, 0],
        deaths: [0, 0, 0, 0, 1, 0, 0],
      });
      // The example's other columns are not in this file: they are removed, and the status says so.
      assert.match(await page.textContent("#im-status"), /asymptomatic/);
      assert.equal(await page.getAttribute("#status", "data-state"), "ok", await page.textContent("#status"));
      assert.deepEqual(log.errors, [], origin);
      await context.close();
    }
  }
});

test("a mapping corrected by hand, a column used twice, dates newest first and a missing date column", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "en-GB" });
  await ready(page);
  // Columns whose names say nothing: the mapping is made by hand with the selects.
  await page.setInputFiles("#im-file", { name: "plain.csv", mimeType: "text/csv", buffer: Buffer.from("day of report;n1;n2\n2026-10-03;5;1\n2026-10-02;4;0\n2026-10-01;3;2\n") });
  assert.equal(await imported(page), "problems");
  assert.equal(await page.inputValue("#im-delimiter"), ";");
  assert.deepEqual(await page.$$eval("#im-errors .im-global li", (li) => li.map((x) => x.dataset.code)), ["unmapped"]);
  await page.selectOption("#im-map-localCases", "1");
  assert.equal(await page.evaluate(() => document.activeElement.id), "im-map-localCases", "focus stays on the select");
  await page.waitForFunction(() => document.getElementById("im-errors").querySelectorAll(".im-global li").length === 0);
  await page.selectOption("#im-map-importedCases", "1");
  await page.waitForSelector('#im-errors .im-global li[data-code="sameColumn"]');
  await page.selectOption("#im-map-importedCases", "2");
  // Newest first: one problem and a button, not one per row.
  assert.deepEqual(await problems(page), [[3, "A", "descending"]]);
  await page.click("#im-reverse");
  assert.equal(await imported(page), "ready");
  assert.equal(await page.evaluate(() => document.activeElement.id), "im-errors-heading");
  assert.equal(await page.inputValue('#im-preview tbody tr:first-child input[data-field="date"]'), "2026-10-01");
  assert.equal(await page.textContent("#im-preview tbody tr:first-child th"), "4", "row numbers stay the file's");
  await page.click("#im-apply");
  await page.waitForSelector('#im-status[data-state="applied"]');
  assert.deepEqual((await scenario(page)).series, { date: ["2026-10-01", "2026-10-02", "2026-10-03"], localCases: [3, 4, 5], importedCases: [2, 0, 1] });
  // Discard: the panel closes and nothing changes.
  await page.setInputFiles("#im-file", { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("cases\n1\n") });
  assert.equal(await imported(page), "problems");
  await page.click("#im-discard");
  assert.equal(await page.isHidden("#im-result"), true);
  assert.equal((await scenario(page)).series.localCases.length, 3);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("100 000 rows import in slices: the progress bar moves and the page keeps drawing frames (file:// and http)", async () => {
  const n = 100000;
  const start = Date.UTC(1990, 0, 1);
  const lines = ["日期,新增本土确诊,境外输入"];
  for (let i = 0; i < n; i++) lines.push(`${new Date(start + i * 86400000).toISOString().slice(0, 10)},${(i * 7) % 23},${i % 3}`);
  const csv = Buffer.from(lines.join("\n") + "\n");
  const last = new Date(start + (n - 1) * 86400000).toISOString().slice(0, 10);
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    // A frame counter, the longest gap between frames while the import works, and the progress values seen.
    await page.evaluate(() => {
      const w = window;
      w.__frames = 0;
      w.__gap = 0;
      w.__progress = [];
      // Gaps count only between two frames both drawn while the import works (setInputFiles itself,
      // before the import starts, is Playwright's work, not the page's).
      let prev = null;
      const loop = () => {
        const now = performance.now();
        if (document.getElementById("import").dataset.state === "working") {
          w.__frames++;
          if (prev !== null) w.__gap = Math.max(w.__gap, now - prev);
          prev = now;
          if (!document.getElementById("im-progress-box").hidden) w.__progress.push(document.getElementById("im-progress").value);
        } else prev = null;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    });
    const t0 = Date.now();
    await page.setInputFiles("#im-file", { name: "century.csv", mimeType: "text/csv", buffer: csv });
    assert.equal(await imported(page), "ready", await page.textContent("#im-status"));
    const took = Date.now() - t0;
    const m = await page.evaluate(() => ({ frames: window.__frames, gap: window.__gap, progress: window.__progress }));
    assert.ok(m.frames >= 3, `${origin}: frames drawn during the import: ${m.frames} in ${took} ms`);
    assert.ok(m.gap < 200, `${origin}: longest frame gap ${m.gap.toFixed(0)} ms`);
    const moving = m.progress.filter((p) => p > 0 && p < 100);
    assert.ok(moving.length >= 2, `${origin}: progress seen part way: ${JSON.stringify(m.progress.slice(0, 20))}`);
    assert.deepEqual(moving, [...moving].sort((a, b) => a - b), "progress only moves forward");
    assert.equal(await page.isHidden("#im-progress-box"), true, "the bar goes when done");
    assert.equal(await page.getAttribute("#im-summary [data-rows]", "data-rows"), String(n));
    assert.match(await page.textContent("#im-summary"), new RegExp(`1990-01-01 to ${last}`));
    assert.equal(await page.textContent("#im-page-text"), "Rows 2–21 (100,000 rows of data)");
    // Paging to the end and editing a late day.
    await page.fill("#im-goto", String(n + 1));
    await page.press("#im-goto", "Enter");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.row), String(n + 1));
    // Two edits in a row on the last day: the second check replaces the first, and the last edit counts.
    await page.evaluate((row) => {
      const input = document.querySelector(`#im-preview input[data-row="${row}"][data-field="localCases"]`);
      for (const v of ["x", "99"]) {
        input.value = v;
        input.dispatchEvent(new Event("change"));
      }
    }, n + 1);
    assert.equal(await imported(page), "ready", JSON.stringify(await problems(page)));
    assert.equal(await page.getAttribute("#im-summary [data-edits]", "data-edits"), "1");
    // So long a series is said to take seconds to assess; keeping the last year applies at once.
    assert.equal(await page.getAttribute("#im-apply-note", "data-state"), "long");
    await page.fill("#im-keep", "365");
    assert.equal(await page.getAttribute("#im-apply-note", "data-state"), "ok");
    await page.click("#im-apply");
    await page.waitForSelector('#im-status[data-state="applied"]');
    const s = await scenario(page);
    assert.equal(s.series.date.length, 365);
    assert.equal(s.series.date[364], last);
    assert.equal(s.series.localCases[364], 99);
    assert.equal(s.series.localCases[363], ((n - 2) * 7) % 23);
    assert.equal(await page.getAttribute("#status", "data-state"), "ok", await page.textContent("#status"));
    console.log(`# ${origin}: 100 000 rows read and checked in ${took} ms, ${m.frames} frames drawn meanwhile, longest gap ${m.gap.toFixed(0)} ms`);
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("rows pasted from a spreadsheet (tab-separated) import (file:// and http)", async () => {
  const tsv = "Date\tLocal cases\tImported cases\tTests performed\tPositive tests\n2026-11-01\t3\t1\t1200\t4\n2026-11-02\t5\t0\t1300\t5\n2026-11-03\t\t0\t1250\t2\n2026-11-04\t8\t2\t1400\t10\n";
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    await page.click("#im-paste-details summary");
    await page.click("#im-paste-read");
    assert.match(await page.textContent("#im-status"), /paste box is empty/);
    await page.fill("#im-paste", tsv);
    await page.click("#im-paste-read");
    assert.equal(await imported(page), "ready", origin);
    assert.equal(await page.inputValue("#im-delimiter"), "\t");
    assert.deepEqual(await mapping(page), { date: 0, localCases: 1, importedCases: 2, asymptomatic: -1, deaths: -1, admissions: -1, testsPerformed: 3, testsPositive: 4, bedsOccupied: -1, icuOccupied: -1 });
    assert.match(await page.textContent("#im-summary"), /pasted data/);
    await page.click("#im-apply");
    await page.waitForSelector('#im-status[data-state="applied"]');
    assert.deepEqual((await scenario(page)).series, {
      date: ["2026-11-01", "2026-11-02", "2026-11-03", "2026-11-04"],
      localCases: [3, 5, null, 8], importedCases: [1, 0, 0, 2], testsPerformed: [1200, 1300, 1250, 1400], testsPositive: [4, 5, 2, 10],
    });
    assert.equal((await scenario(page)).asOf, "2026-11-04");
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

test("a CSV whose names and cells carry markup shows them as text and runs nothing (file:// and http)", async () => {
  const evil = "<img src=x onerror=window.__pwned=1>";
  const csv = `date,cases,"${evil}"\n2026-10-01,1,${evil}\n2026-10-02,"${evil}",x\n${evil},2,y\n`;
  for (const [origin, url] of env.origins()) {
    const { page, context, log } = await open(env.browser, url, { locale: "en-GB" });
    await ready(page);
    await page.setInputFiles("#im-file", { name: `${evil}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    assert.equal(await imported(page), "problems", origin);
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.$$eval("#import img, #import script, #ws-link-notice img", (x) => x.length), 0);
    assert.ok((await page.textContent("#im-unused")).includes(evil), "an unused column's name is shown as text");
    assert.ok((await page.textContent("#im-errors")).includes(evil), "a bad cell is shown as text");
    assert.ok((await page.textContent("#im-summary")).includes(evil + ".csv"), "the file name too");
    assert.ok((await page.$$eval("#im-map-date option", (o) => o.map((x) => x.textContent))).includes("C · " + evil));
    assert.equal(await page.inputValue('#im-preview input[data-row="3"][data-field="localCases"]'), evil);
    assert.deepEqual(await problems(page), [[3, "B", "number"], [4, "A", "date"]]);
    assert.deepEqual(log.errors, [], origin);
    await context.close();
  }
});

// ---- Workspace ----

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent("download"), page.click(click)]);
  const path = join(mkdtempSync(join(tmpdir(), "crisis-desk-ws-")), d.suggestedFilename());
  await d.saveAs(path);
  return { name: d.suggestedFilename(), path, bytes: readFileSync(path) };
}

test("the workspace exports as one JSON file that imports and exports again byte for byte (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const a = await open(env.browser, url, { locale: "zh-CN" });
    await ready(a.page);
    await a.page.waitForSelector("#plan-timeline li");
    // Edit everything the workspace holds: the scenario, the options, the rulebook, the language.
    const edited = structuredClone(example);
    edited.region.population = 1500000;
    edited.region.name = "张家港市（演练）";
    await a.page.fill("#situation-json", JSON.stringify(edited, null, 2));
    await a.page.click("#assess");
    await a.page.check("#plan-cross-border");
    await a.page.fill("#whatif-reduction", "40");
    await a.page.fill('input.rb-cell[data-path="tables[0].rules[1]._description"]', "演练用规则");
    const rbHash = await a.page.textContent("#rb-hash");
    await a.page.click("#lang-toggle");
    const first = await download(a.page, "#ws-export");
    assert.equal(first.name, `crisis-desk-workspace-${edited.asOf}.json`);
    assert.match(await a.page.textContent("#ws-status"), /Exported as/);
    const ws = JSON.parse(first.bytes.toString("utf8"));
    assert.deepEqual(Object.keys(ws), ["format", "version", "situation", "options", "rulebook", "lang"]);
    assert.equal(ws.format, "crisis-desk-workspace");
    assert.equal(ws.version, 1);
    assert.deepEqual(ws.situation, edited);
    assert.equal(ws.lang, "en");
    assert.deepEqual(ws.options, { plan: { detectedAt: edited.asOf + "T09:00", crossBorderLink: true, majorEvent: false }, whatIf: { contactReduction: 40, from: ws.options.whatIf.from } });
    assert.equal(ws.rulebook.tables[0].rules[1]._description, "演练用规则");
    assert.ok(first.bytes.toString("utf8").startsWith('{\n  "format": "crisis-desk-workspace",\n  "version": 1,\n'), "two-space indentation, fixed key order");
    assert.ok(!/savedAt|"exportedAt"/.test(first.bytes.toString("utf8")), "no timestamp");
    await a.context.close();

    // A fresh browser profile imports it: everything is back, and exporting again gives the same bytes.
    const b = await open(env.browser, url, { locale: "zh-CN" });
    await ready(b.page);
    await b.page.setInputFiles("#ws-file", first.path);
    await b.page.waitForSelector('#ws-status[data-state="ok"]');
    assert.equal(await b.page.getAttribute("html", "lang"), "en");
    assert.deepEqual(await scenario(b.page), edited);
    assert.equal(await b.page.isChecked("#plan-cross-border"), true);
    assert.equal(await b.page.inputValue("#whatif-reduction"), "40");
    assert.equal(await b.page.textContent("#rb-hash"), rbHash);
    await b.page.waitForFunction((h) => document.getElementById("plan-hash").dataset.hash === h, rbHash);
    assert.equal(await b.page.textContent("#region-name"), "· " + edited.region.name);
    const second = await download(b.page, "#ws-export");
    assert.ok(second.bytes.equals(first.bytes), `${origin}: export → import → export is byte-identical`);
    // The options are saved too: a reload keeps them.
    await b.page.reload();
    await ready(b.page);
    assert.equal(await b.page.isChecked("#plan-cross-border"), true);
    const third = await download(b.page, "#ws-export");
    assert.ok(third.bytes.equals(first.bytes), `${origin}: and after a reload`);

    // A bad file: every problem is listed and nothing changes.
    const bad = { format: "something-else", version: 2, situation: 5, options: { plan: { crossBorderLink: "yes" }, colour: {} }, lang: "fr", extra: 1 };
    await b.page.setInputFiles("#ws-file", { name: "bad.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
    await b.page.waitForSelector('#ws-status[data-state="error"]');
    const listed = await b.page.$$eval("#ws-problems li", (li) => li.map((x) => [x.dataset.path, x.dataset.code]));
    assert.deepEqual(listed, [
      ["format", "format"], ["version", "version"], ["extra", "unknown"], ["situation", "situation"],
      ["options.plan.crossBorderLink", "boolean"], ["options.colour", "unknown"], ["lang", "lang"],
    ]);
    assert.match(await b.page.textContent("#ws-status"), /bad\.json is not a usable workspace file \(7 problem\(s\)/);
    assert.match(await b.page.textContent("#ws-problems"), /Expected true or false/);
    await b.page.setInputFiles("#ws-file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format": ') });
    await b.page.waitForFunction(() => document.querySelector("#ws-problems li")?.dataset.code === "notJson");
    assert.deepEqual(await scenario(b.page), edited, "nothing changed");
    assert.equal(await b.page.isChecked("#plan-cross-border"), true);
    assert.equal(await b.page.textContent("#rb-hash"), rbHash);
    assert.equal(await b.page.getAttribute("html", "lang"), "en");
    if (origin === "file") await (await b.page.$("#workspace")).screenshot({ path: join(SHOTS, "workspace-bad-file.png") });
    assert.deepEqual(b.log.errors, [], origin);
    assert.deepEqual(b.log.external, [], origin);
    await b.context.close();
  }
});

test("a share link restores the scenario and options in a fresh page; the scenario before it can be restored (file:// and http)", async () => {
  for (const [origin, url] of env.origins()) {
    const a = await open(env.browser, url, { locale: "en-GB" });
    await a.context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await ready(a.page);
    const shared = structuredClone(example);
    shared.region.name = "<img src=x onerror=window.__pwned=1> 张家港";
    shared.capacity.beds = 300;
    await a.page.fill("#situation-json", JSON.stringify(shared, null, 2));
    await a.page.click("#assess");
    await a.page.check("#plan-major-event");
    await a.page.click("#ws-link-make");
    await a.page.waitForSelector('#ws-link-status[data-state="copied"]');
    const link = await a.page.inputValue("#ws-link");
    const base = url.endsWith("/") ? url + "index.html" : url;
    assert.ok(link.startsWith((origin === "http" ? url : base) + "#s="), link.slice(0, 120));
    assert.match(link, /#s=[A-Za-z0-9_-]+$/);
    assert.equal(await a.page.evaluate(() => navigator.clipboard.readText()), link);
    assert.match(await a.page.textContent("#ws-link-status"), /Link copied/);
    if (origin === "file") assert.match(await a.page.textContent("#ws-link-status"), /same path/);
    // Compressed, and shorter than the plain JSON would be.
    const plainLength = Buffer.from(JSON.stringify({ format: "crisis-desk-link", version: 1, situation: shared })).toString("base64url").length;
    assert.ok(link.split("#s=")[1].length < plainLength / 2, `${link.split("#s=")[1].length} < ${plainLength} / 2`);
    await a.context.close();

    // Another profile with its own autosaved scenario opens the link in a new page.
    const b = await open(env.browser, url, { locale: "en-GB" });
    await ready(b.page);
    const mine = structuredClone(example);
    mine.region.population = 123456;
    const mineText = JSON.stringify(mine, null, 2);
    await b.page.fill("#situation-json", mineText);
    const page2 = await b.context.newPage();
    const errors = [];
    page2.on("pageerror", (e) => errors.push(e.message));
    const requests = [];
    page2.on("request", (r) => requests.push(r.url()));
    await page2.goto(link);
    await ready(page2);
    await page2.waitForSelector("body[data-link=loaded]");
    assert.deepEqual(await scenario(page2), shared, origin);
    assert.equal(await page2.isChecked("#plan-major-event"), true, "the options come with it");
    assert.equal(await page2.textContent("#region-name"), "· " + shared.region.name);
    assert.ok((await page2.textContent("#ws-notice-text")).includes(shared.region.name), "the notice names the region, as text");
    assert.equal(await page2.evaluate(() => window.__pwned), undefined);
    assert.equal(await page2.$$eval("img", (x) => x.length), 0);
    assert.ok(!page2.url().includes("#s="), "the fragment is cleared once read, so a reload keeps later edits");
    assert.ok(requests.every((u) => !u.includes("s=")), "the scenario is never in a request");
    if (origin === "file") await page2.screenshot({ path: join(SHOTS, "share-link-opened.png"), clip: { x: 0, y: 0, width: 1200, height: 420 } });
    // The scenario that was here before is one click away.
    await page2.click("#ws-restore");
    await page2.waitForSelector("body[data-link=restored]");
    assert.equal(await page2.inputValue("#situation-json"), mineText);
    assert.equal(await page2.isChecked("#plan-major-event"), false, "its options too");
    assert.equal(await page2.evaluate(() => localStorage.getItem("crisis-desk.before-link")), null);
    assert.deepEqual(errors, [], origin);
    await b.context.close();
  }
});

test("share links: a plain one opens, a hash change opens one, a broken one changes nothing (file://)", async () => {
  const { page, context, log } = await open(env.browser, FILE_URL, { locale: "zh-CN" });
  await ready(page);
  assert.equal(await page.getAttribute("body", "data-link"), "none");
  const before = await page.inputValue("#situation-json");
  // A broken link: said so, and nothing changes.
  await page.goto(FILE_URL + "#s=bm90LWpzb24");
  await page.waitForSelector("body[data-link=error]");
  assert.equal(await page.getAttribute("#ws-link-notice", "data-state"), "error");
  assert.match(await page.textContent("#ws-notice-text"), /无法读取链接中的情景/);
  assert.equal(await page.inputValue("#situation-json"), before);
  // An uncompressed link (base64url of the JSON) made elsewhere, opened by changing the fragment only.
  const s = structuredClone(example);
  s.region.population = 999999;
  const code = Buffer.from(JSON.stringify({ format: "crisis-desk-link", version: 1, situation: s, options: { plan: { crossBorderLink: true } } })).toString("base64url");
  await page.evaluate((c) => { location.hash = "s=" + c; }, code);
  await page.waitForSelector("body[data-link=loaded]");
  assert.deepEqual(await scenario(page), s);
  assert.equal(await page.isChecked("#plan-cross-border"), true);
  // After a reload the earlier scenario is still offered back.
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute("#ws-link-notice", "data-state"), "kept");
  assert.equal(await page.isVisible("#ws-restore"), true);
  await page.click("#ws-dismiss");
  assert.equal(await page.isHidden("#ws-link-notice"), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), "situation-heading", "focus goes on to the situation");
  assert.equal(await page.evaluate(() => localStorage.getItem("crisis-desk.before-link")), null);
  // A link that is valid JSON but not a scenario link.
  const wrong = Buffer.from(JSON.stringify({ format: "crisis-desk-workspace", version: 1, situation: s })).toString("base64url");
  await page.goto(FILE_URL + "#s=" + wrong);
  await page.waitForSelector("body[data-link=error]");
  assert.match(await page.textContent("#ws-notice-text"), /format/);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test("the import and workspace panels in both languages, at 1200 and 360 px: labelled controls, nothing wider than the screen (screenshots)", async () => {
  const csv = "日期,本土确诊,境外输入,死亡,备注\n2026-10-01,3,0,0,ok\n2026-10-02,x,1,,\n2026-10-04,-2,0,0,\n2026/10/5,1.5,0,0,\"quoted, comma\"\n2026年10月6日,4,0,0,\n";
  for (const locale of ["zh-CN", "en-GB"]) {
    for (const width of [1200, 360]) {
      const { page, context, log } = await open(env.browser, FILE_URL, { locale, viewport: { width, height: 900 } });
      await context.grantPermissions(["clipboard-read", "clipboard-write"]);
      await ready(page);
      await page.setInputFiles("#im-file", { name: "daily.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      assert.equal(await imported(page), "problems");
      await page.click("#ws-link-make");
      await page.waitForSelector("#ws-link-status:not(:empty)");
      await (await page.$("#import")).screenshot({ path: join(SHOTS, `import-${width}-${locale}.png`) });
      await (await page.$("#workspace")).screenshot({ path: join(SHOTS, `workspace-${width}-${locale}.png`) });
      // Every control has a name, and none is taken out of the tab order.
      const unnamed = await page.evaluate(() => [...document.querySelectorAll("#import input, #import select, #import button, #import textarea, #workspace input, #workspace button, #ws-link-notice button")]
        .filter((e) => {
          const name = (e.labels && [...e.labels].map((l) => l.textContent).join("")) || e.getAttribute("aria-label") || (e.tagName === "BUTTON" && e.textContent);
          return !name || !name.trim() || e.tabIndex < 0;
        }).map((e) => e.id || e.outerHTML.slice(0, 80)));
      assert.deepEqual(unnamed, [], `${locale} ${width}`);
      const wide = await page.evaluate(() => {
        const W = document.documentElement.clientWidth;
        const scrolls = (e) => ["auto", "scroll"].includes(getComputedStyle(e).overflowX);
        const out = [];
        for (const e of document.querySelectorAll("#import *, #workspace *")) {
          if (e.getBoundingClientRect().right <= W + 1 || !e.getClientRects().length) continue;
          let p = e.parentElement, inside = false;
          for (; p; p = p.parentElement) if (scrolls(p)) { inside = true; break; }
          if (!inside) out.push(e.tagName + "#" + e.id + "." + e.className);
        }
        return out;
      });
      assert.deepEqual(wide, [], `${locale} ${width}`);
      assert.deepEqual(log.errors, []);
      await context.close();
    }
  }
});
