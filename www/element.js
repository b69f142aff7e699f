// crisis-desk in someone else's page: the custom element <crisis-desk> and CrisisDesk.mount().
// A classic script; load it after crisis_desk_standalone.js:
//
//   <script src="crisis_desk_standalone.js"></script>
//   <script src="element.js"></script>
//   <crisis-desk lang="zh"></crisis-desk>               lang: "zh" | "en" (else the page's, else the browser's)
//   <script src="my-portal.js"></script>                  el.situation = {...}  (or situation-src="data.json")
//
//   var handle = CrisisDesk.mount(div, { lang: "en", situation: s, assessOptions: {}, detectedAt: "2026-11-25T08:30:00+08:00" });
//   handle.update(s2);   // re-assess; resolves to the assessment (null on error)
//   handle.setLang("zh");
//   handle.destroy();
//
// Attributes: lang; situation-src (a URL of situation JSON, fetched: the host's CSP must allow it
// in connect-src); detected-at (ISO 8601 with offset; default: the situation's asOf at 09:00,
// Asia/Shanghai). Properties: situation, assessOptions, detectedAt; read-only assessment, plan.
//
// Events (bubbles, composed, so they cross the shadow boundary and reach document):
//   crisis-desk:assessed  detail = the Assessment (CrisisDesk.assess); element.plan holds the escalation plan
//   crisis-desk:error     detail = { code, path, message, problems }
//
// Everything renders inside an open shadow root; its styles are one constructed stylesheet
// (adoptedStyleSheets), so no <style> element and no style attribute is needed: it runs under
//   Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'; style-src 'self'
// Host styles do not reach inside and these styles do not leak out. Theme it with custom
// properties on the element (or any ancestor):
//   --crisis-desk-font        font-family             (system UI fonts with CJK fallbacks)
//   --crisis-desk-font-size   base size; the rest is in em (16px)
//   --crisis-desk-ink         text colour             (#1b1f24)
//   --crisis-desk-muted       secondary text          (#505a66)
//   --crisis-desk-bg          panel background        (#ffffff)
//   --crisis-desk-line        borders                 (#c9d0d8)
//   --crisis-desk-accent      headings rule and links (#0b5cad)
//   --crisis-desk-error       error text and border   (#a4262c)
//   --crisis-desk-radius      corner radius           (6px)
//   --crisis-desk-level-i … --crisis-desk-level-iv    the verdict's swatch colours (red, orange, yellow, blue)
// and with ::part(panel | verdict | drivers | frameworks | deadlines | footer | error).
//
// Text is only ever set with textContent. The strings are this file's own (zh, en), worded as
// in i18n.js (a test checks the shared keys), so the element needs no other script.
(function (root) {
  "use strict";
  var doc = root.document;
  if (!doc || !root.customElements || !root.HTMLElement) return;

  var STRINGS = {
    zh: {
      title: "应急响应建议",
      waiting: "等待数据…",
      starting: "正在启动计算模块…",
      region: "{region} · 截至 {asOf}",
      illustrative: "示例情景：数据为虚构，仅用于演示，并非真实监测数据。",
      precautionaryApplied: "预防性原则：部分数据缺失，按较高级别判断（ECDC）。",
      driversHeading: "判断依据",
      frameworksHeading: "各框架的判断",
      colFramework: "框架",
      colLevel: "级别",
      colDecidedBy: "依据",
      deadlinesHeading: "报告时限",
      planLevel: "{response}；由 {lead} 领导",
      detectedAt: "按发现时间 {date} {clock}（北京时间）计算。",
      noNotifications: "无需报告。",
      recommends: "建议 {response}",
      driverLine: "{framework}：{level}（建议 {response}）",
      driverAssumed: "{framework}：数据缺失，按预防性原则视为较高级别（建议 {response}）",
      assumedResponse: "未知；按预防性原则视为 {response}",
      missingInputs: "缺少数据：{paths}",
      "tl.whoLevel": "{level} 级",
      compositeLevel: "{score} 分",
      footer: "crisis-desk {version} · 规则手册 {hash}…",
      errorHeading: "无法评估",
      listSeparator: "、",
      "error.not-loaded": "crisis_desk_standalone.js 没有加载：请在 element.js 之前引用它。",
      "error.fetch-failed": "无法读取情景数据 {url}：{message}",
      "error.invalid-json": "情景数据不是有效的 JSON：{message}",
      "response.I": "Ⅰ级响应（特别重大）",
      "response.II": "Ⅱ级响应（重大）",
      "response.III": "Ⅲ级响应（较大）",
      "response.IV": "Ⅳ级响应（一般）",
      "response.none": "无需启动应急响应",
      "colour.red": "红色",
      "colour.orange": "橙色",
      "colour.yellow": "黄色",
      "colour.blue": "蓝色",
      "fw.chinaEventGrade": "突发公共卫生事件分级（国家预案）",
      "fw.chinaRiskArea2020": "风险区划（2020 年 2 月）",
      "fw.chinaRiskArea2022": "风险区划（2022 年）",
      "fw.whoPhsm": "WHO 公共卫生与社会措施情景级别",
      "fw.cdcTransmission": "美国 CDC 社区传播水平",
      "fw.cdcCommunity": "美国 CDC 社区级别（2022）",
      "fw.covidActNow": "Covid Act Now 风险级别",
      "fw.harvard": "哈佛全球健康研究所关键指标",
      "fw.composite": "综合指数（0–100）",
      "lv.low": "低", "lv.medium": "中", "lv.high": "高", "lv.moderate": "中等", "lv.substantial": "较高",
      "lv.critical": "严重", "lv.extreme": "极高", "lv.green": "绿", "lv.yellow": "黄", "lv.orange": "橙", "lv.red": "红",
      "lv.I": "特别重大（Ⅰ）", "lv.II": "重大（Ⅱ）", "lv.III": "较大（Ⅲ）", "lv.IV": "一般（Ⅳ）",
      "lv.none": "未达分级标准", "lv.unknown": "未知"
    },
    en: {
      title: "Emergency response advice",
      waiting: "Waiting for data…",
      starting: "Starting the calculation module…",
      region: "{region} · as of {asOf}",
      illustrative: "Illustrative example: the figures are made up to show the tool; they are not real surveillance data.",
      precautionaryApplied: "Precautionary rule: some data are missing, so the higher level is taken (ECDC).",
      driversHeading: "What drives it",
      frameworksHeading: "The frameworks side by side",
      colFramework: "Framework",
      colLevel: "Level",
      colDecidedBy: "Decided by",
      deadlinesHeading: "Reporting deadlines",
      planLevel: "{response}; led by {lead}",
      detectedAt: "Counted from detection at {clock} on {date} (Beijing time).",
      noNotifications: "Nothing to report.",
      recommends: "recommends {response}",
      driverLine: "{framework}: {level} (recommends {response})",
      driverAssumed: "{framework}: data missing, taken one level higher by the precautionary rule (recommends {response})",
      assumedResponse: "unknown; taken as {response} by the precautionary rule",
      missingInputs: "Missing: {paths}",
      "tl.whoLevel": "level {level}",
      compositeLevel: "{score} points",
      footer: "crisis-desk {version} · rulebook {hash}…",
      errorHeading: "Cannot assess",
      listSeparator: ", ",
      "error.not-loaded": "crisis_desk_standalone.js is not loaded: include it before element.js.",
      "error.fetch-failed": "Could not read the situation from {url}: {message}",
      "error.invalid-json": "The situation is not valid JSON: {message}",
      "response.I": "Level I response (particularly serious)",
      "response.II": "Level II response (serious)",
      "response.III": "Level III response (relatively serious)",
      "response.IV": "Level IV response (general)",
      "response.none": "No emergency response level",
      "colour.red": "red",
      "colour.orange": "orange",
      "colour.yellow": "yellow",
      "colour.blue": "blue",
      "fw.chinaEventGrade": "China: public-health-emergency grade (national plan)",
      "fw.chinaRiskArea2020": "China: risk area (Feb 2020)",
      "fw.chinaRiskArea2022": "China: risk area (2022)",
      "fw.whoPhsm": "WHO: PHSM situational level",
      "fw.cdcTransmission": "US CDC: community transmission",
      "fw.cdcCommunity": "US CDC: community level (2022)",
      "fw.covidActNow": "Covid Act Now risk level",
      "fw.harvard": "Harvard Global Health Institute key metrics",
      "fw.composite": "Composite index (0–100)",
      "lv.low": "low", "lv.medium": "medium", "lv.high": "high", "lv.moderate": "moderate", "lv.substantial": "substantial",
      "lv.critical": "critical", "lv.extreme": "extreme", "lv.green": "green", "lv.yellow": "yellow", "lv.orange": "orange", "lv.red": "red",
      "lv.I": "particularly serious (I)", "lv.II": "serious (II)", "lv.III": "relatively serious (III)", "lv.IV": "general (IV)",
      "lv.none": "no grade met", "lv.unknown": "unknown"
    }
  };

  var CSS = [
    ":host { display: block; }",
    ":host([hidden]) { display: none; }",
    // Reset everything the host may have let inherit (font size, colour, line height, …), then
    // set our own from the theme properties. Sizes below are in em, never rem (the host owns rem).
    ".cd { all: initial; display: block; box-sizing: border-box;",
    "  font-family: var(--crisis-desk-font, system-ui, -apple-system, \"Segoe UI\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\", sans-serif);",
    "  font-size: var(--crisis-desk-font-size, 16px); line-height: 1.5; color: var(--crisis-desk-ink, #1b1f24);",
    "  background: var(--crisis-desk-bg, #ffffff); border: 1px solid var(--crisis-desk-line, #c9d0d8);",
    "  border-top: 4px solid var(--crisis-desk-accent, #0b5cad); border-radius: var(--crisis-desk-radius, 6px);",
    "  padding: .75em 1em; text-align: start; overflow-wrap: anywhere; container-type: inline-size; }",
    ".cd *, .cd *::before, .cd *::after { box-sizing: border-box; }",
    ".cd [hidden] { display: none !important; }",
    "h2 { font-size: 1.15em; margin: 0; font-weight: 700; }",
    "h3 { font-size: 1em; margin: .9em 0 .3em; font-weight: 700; }",
    "p { margin: .25em 0; }",
    ".meta, .note, .footer, .detail { color: var(--crisis-desk-muted, #505a66); font-size: .875em; }",
    ".verdict { display: flex; align-items: center; gap: .6em; margin: .6em 0 .25em; padding: .5em .75em;",
    "  border: 2px solid var(--crisis-desk-line, #c9d0d8); border-radius: var(--crisis-desk-radius, 6px); }",
    ".verdict .text { flex: 1 1 auto; min-width: 0; }",
    ".verdict .word { font-size: 1.35em; font-weight: 700; margin-right: .4em; }",
    ".verdict .colour { color: var(--crisis-desk-muted, #505a66); }",
    ".swatch { display: inline-block; flex: none; width: 1.4em; height: 1.4em; border-radius: 50%; border: 2px solid #1b1f24; background: #fff;",
    "  -webkit-print-color-adjust: exact; print-color-adjust: exact; }",
    ".verdict[data-level=\"I\"] { border-color: #b3261e; } .verdict[data-level=\"I\"] .swatch { background: var(--crisis-desk-level-i, #d7263d); }",
    ".verdict[data-level=\"II\"] { border-color: #c05600; } .verdict[data-level=\"II\"] .swatch { background: var(--crisis-desk-level-ii, #f28c28); }",
    ".verdict[data-level=\"III\"] { border-color: #a07800; } .verdict[data-level=\"III\"] .swatch { background: var(--crisis-desk-level-iii, #f5c518); }",
    ".verdict[data-level=\"IV\"] { border-color: #1f5fa8; } .verdict[data-level=\"IV\"] .swatch { background: var(--crisis-desk-level-iv, #2f7fd8); }",
    ".precautionary { color: var(--crisis-desk-error, #a4262c); font-weight: 600; }",
    "ul, ol { margin: 0; padding-left: 1.4em; }",
    "li { margin: .2em 0; }",
    ".scroll { overflow-x: auto; max-width: 100%; }",
    "table { display: table; border-collapse: collapse; width: 100%; font-size: .9em; }",
    "caption { text-align: start; }",
    "th, td { border: 1px solid var(--crisis-desk-line, #c9d0d8); padding: .3em .45em; text-align: start; vertical-align: top; }",
    "thead th { background: rgba(0, 0, 0, .04); }",
    "td.level { font-weight: 700; }",
    "table.frameworks th[scope=row] { width: 30%; font-weight: normal; }",
    "table.frameworks td.level { width: 22%; }",
    "tr { break-inside: avoid; }",
    "td.level .detail { font-weight: normal; }",
    // In a narrow column (a phone, a portal's side bar) each framework becomes a small card.
    "@container (max-width: 34em) {",
    "  table.frameworks thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }",
    "  table.frameworks, table.frameworks tbody, table.frameworks tr, table.frameworks th, table.frameworks td { display: block; width: auto; }",
    "  table.frameworks tr { border: 1px solid var(--crisis-desk-line, #c9d0d8); border-radius: var(--crisis-desk-radius, 6px); margin: .4em 0; padding: .3em .6em; }",
    "  table.frameworks th, table.frameworks td { border: none; padding: .1em 0; }",
    "  table.frameworks th[scope=row] { width: auto; font-weight: 700; }",
    "  table.frameworks td.level { width: auto; }",
    "}",
    ".missing { color: var(--crisis-desk-error, #a4262c); }",
    ".deadlines .clock { font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }",
    ".footer { margin-top: .75em; border-top: 1px solid var(--crisis-desk-line, #c9d0d8); padding-top: .4em; }",
    ".footer code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1em; }",
    ".error { border: 2px solid var(--crisis-desk-error, #a4262c); border-radius: var(--crisis-desk-radius, 6px); padding: .4em .75em; margin: .5em 0; }",
    ".error strong { color: var(--crisis-desk-error, #a4262c); }",
    ".error code { font-family: ui-monospace, Menlo, Consolas, monospace; }"
  ].join("\n");

  var sheet = null;
  /** One constructed stylesheet shared by every instance (no <style>: a strict style-src allows it). */
  function styleSheet() {
    if (sheet === null) {
      try {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      } catch (e) {
        sheet = false; // no constructable stylesheets: fall back to a <style> in the shadow root
      }
    }
    return sheet;
  }

  function normaliseLang(value) {
    var l = String(value || "").toLowerCase();
    if (l.indexOf("zh") === 0) return "zh";
    if (l.indexOf("en") === 0) return "en";
    return null;
  }

  function translate(lang, key, params) {
    var table = STRINGS[lang] || STRINGS.zh;
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
    });
  }

  function el(tag, text, attrs) {
    var e = doc.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    for (var k in attrs || {}) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    return e;
  }

  function errorDetail(e, fallbackCode) {
    var code = (e && e.code) || fallbackCode || "internal";
    var message = String((e && e.message) || e);
    var problems = e && e.problems && e.problems.length ? e.problems : [{ code: code, path: (e && e.path) || "", message: message }];
    return { code: code, path: (e && e.path) || "", message: message, problems: problems };
  }

  class CrisisDeskElement extends root.HTMLElement {
    static get observedAttributes() {
      return ["lang", "situation-src", "detected-at"];
    }

    constructor() {
      super();
      this._situation = null;
      this._assessOptions = undefined;
      this._detectedAt = null;
      this._assessment = null;
      this._plan = null;
      this._error = null;
      this._example = false;
      this._seq = 0;
      this._pending = null;
      this._built = false;
      this._src = null;
      // The shadow root exists from the start, so a detached element (CrisisDesk.mount on a div
      // not yet in the page) assesses and renders too.
      this._build();
    }

    get situation() { return this._situation; }
    set situation(value) {
      this._situation = value === undefined ? null : value;
      this._schedule();
    }
    get assessOptions() { return this._assessOptions; }
    set assessOptions(value) {
      this._assessOptions = value === null ? undefined : value;
      if (this._situation !== null) this._schedule();
    }
    get detectedAt() { return this._detectedAt || this.getAttribute("detected-at"); }
    set detectedAt(value) {
      this._detectedAt = value || null;
      if (this._situation !== null) this._schedule();
    }
    /** The last assessment shown (null before the first, or after an error). */
    get assessment() { return this._assessment; }
    /** The escalation plan (CrisisDesk.escalate) of the last assessment. */
    get plan() { return this._plan; }

    connectedCallback() {
      // A property set before this script upgraded the element is an own property that hides the setter.
      ["situation", "assessOptions", "detectedAt"].forEach(function (name) {
        if (Object.prototype.hasOwnProperty.call(this, name)) {
          var value = this[name];
          delete this[name];
          this[name] = value;
        }
      }, this);
      var src = this.getAttribute("situation-src");
      if (src && this._situation === null) {
        if (src !== this._src) this._load(src);
      } else if (!this._assessment && !this._error) {
        this._schedule();
      } else {
        this._render(); // the language may come from a new ancestor
      }
    }

    attributeChangedCallback(name, before, after) {
      if (before === after || !this._built) return;
      if (name === "lang") this._render();
      else if (name === "situation-src" && after && after !== this._src) this._load(after);
      else if (name === "detected-at" && this._situation !== null) this._schedule();
    }

    /** "zh" or "en": the lang attribute, else the nearest ancestor's, else the browser's. */
    get language() {
      var own = normaliseLang(this.getAttribute("lang"));
      if (own) return own;
      var up = this.parentElement && this.parentElement.closest("[lang]");
      var inherited = normaliseLang(up && up.getAttribute("lang"));
      if (inherited) return inherited;
      var list = (root.navigator && (root.navigator.languages || [root.navigator.language])) || [];
      for (var i = 0; i < list.length; i++) if (normaliseLang(list[i])) return normaliseLang(list[i]);
      return "zh";
    }

    t(key, params) {
      return translate(this.language, key, params);
    }

    _build() {
      if (this._built) return;
      this._built = true;
      var shadow = this.shadowRoot || this.attachShadow({ mode: "open" });
      var s = styleSheet();
      if (s) shadow.adoptedStyleSheets = [s];
      else shadow.appendChild(el("style", CSS));
      var panel = el("section", null, { class: "cd", part: "panel" });
      this._parts = {
        panel: panel,
        title: el("h2", null, { class: "title" }),
        meta: el("p", null, { class: "meta" }),
        illustrative: el("p", null, { class: "note illustrative" }),
        status: el("p", null, { class: "meta status", role: "status" }),
        verdict: el("div", null, { class: "verdict", part: "verdict", "data-level": "" }),
        precautionary: el("p", null, { class: "precautionary" }),
        driversHeading: el("h3"),
        drivers: el("ul", null, { class: "drivers", part: "drivers" }),
        frameworksHeading: el("h3"),
        frameworks: el("table", null, { class: "frameworks", part: "frameworks" }),
        deadlinesHeading: el("h3"),
        planLevel: el("p", null, { class: "plan-level" }),
        deadlines: el("ol", null, { class: "deadlines", part: "deadlines" }),
        detected: el("p", null, { class: "note detected" }),
        footer: el("p", null, { class: "footer", part: "footer" }),
        error: el("div", null, { class: "error", role: "alert", part: "error" })
      };
      var p = this._parts;
      var titleId = "crisis-desk-title";
      p.title.id = titleId;
      panel.setAttribute("aria-labelledby", titleId);
      var scroll = el("div", null, { class: "scroll" });
      scroll.appendChild(p.frameworks);
      this._results = el("div", null, { class: "results" });
      [p.verdict, p.precautionary, p.driversHeading, p.drivers, p.frameworksHeading, scroll, p.deadlinesHeading, p.planLevel, p.deadlines, p.detected]
        .forEach(function (node) { this._results.appendChild(node); }, this);
      [p.title, p.meta, p.illustrative, p.status, p.error, this._results, p.footer].forEach(function (node) { panel.appendChild(node); });
      shadow.appendChild(panel);
      this._render();
    }

    /** Coalesces several property changes into one assessment, after the module is ready. */
    _schedule() {
      if (!this._built) return this._pending || Promise.resolve(null);
      var self = this;
      var seq = ++this._seq;
      var api = root.CrisisDesk;
      if (!api || !api.ready) {
        this._fail(errorDetail({ code: "not-loaded", message: this.t("error.not-loaded") }));
        return Promise.resolve(null);
      }
      this._render();
      this._pending = api.ready.then(
        function () {
          if (seq !== self._seq) return self._pending;
          return self._assess();
        },
        function (e) {
          if (seq === self._seq) self._fail(errorDetail(e, "startup-failed"));
          return null;
        }
      );
      return this._pending;
    }

    _load(url) {
      var self = this;
      var seq = ++this._seq;
      this._src = url;
      if (typeof root.fetch !== "function") return this._fail(errorDetail({ code: "fetch-failed", message: this.t("error.fetch-failed", { url: url, message: "fetch" }) }));
      root.fetch(url).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.text();
      }).then(function (text) {
        if (seq !== self._seq) return;
        var value;
        try {
          value = JSON.parse(text);
        } catch (e) {
          self._fail(errorDetail({ code: "invalid-json", message: self.t("error.invalid-json", { message: e.message }) }));
          return;
        }
        self.situation = value;
      }, function (e) {
        if (seq === self._seq) self._fail(errorDetail({ code: "fetch-failed", message: self.t("error.fetch-failed", { url: url, message: String((e && e.message) || e) }) }));
      });
    }

    _assess() {
      var api = root.CrisisDesk;
      if (this._situation === null) {
        this._assessment = null;
        this._plan = null;
        this._error = null;
        this._render();
        return null;
      }
      var a, plan;
      try {
        var situation = this._situation;
        a = api.assess(situation, this._assessOptions);
        var detected = this.detectedAt || a.asOf + "T09:00:00+08:00";
        plan = api.escalate(a, { detectedAt: detected });
      } catch (e) {
        this._fail(errorDetail(e));
        return null;
      }
      try {
        this._example = JSON.stringify(this._situation) === JSON.stringify(api.exampleSituation());
      } catch (e) {
        this._example = false;
      }
      this._assessment = a;
      this._plan = plan;
      this._error = null;
      this._render();
      this.dispatchEvent(new CustomEvent("crisis-desk:assessed", { detail: a, bubbles: true, composed: true }));
      return a;
    }

    _fail(detail) {
      this._assessment = null;
      this._plan = null;
      this._error = detail;
      this._render();
      this.dispatchEvent(new CustomEvent("crisis-desk:error", { detail: detail, bubbles: true, composed: true }));
      return null;
    }

    _levelWord(source, level) {
      if (level === null || level === undefined) return this.t("lv.unknown");
      if (source === "whoPhsm") return this.t("tl.whoLevel", { level: level });
      if (source === "composite") return this.t("compositeLevel", { score: level });
      var key = "lv." + level;
      return Object.prototype.hasOwnProperty.call(STRINGS[this.language], key) ? this.t(key) : String(level);
    }

    _response(level) {
      return this.t("response." + (level || "none"));
    }

    _render() {
      if (!this._built) return;
      var p = this._parts, t = this.t.bind(this), lang = this.language, a = this._assessment, plan = this._plan;
      p.panel.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
      p.panel.dataset.state = this._error ? "error" : a ? "ok" : "waiting";
      p.title.textContent = "crisis-desk · " + t("title");
      p.error.hidden = !this._error;
      this._results.hidden = !a;
      p.illustrative.hidden = !(a && this._example);
      p.illustrative.textContent = t("illustrative");
      var api = root.CrisisDesk;
      var version = api ? (api.VERSION || "") : "";
      if (this._error) {
        p.status.textContent = "";
        p.meta.textContent = "";
        p.error.textContent = "";
        p.error.appendChild(el("strong", t("errorHeading")));
        var list = el("ul");
        this._error.problems.forEach(function (x) {
          var li = el("li", null, { "data-code": x.code || "", "data-path": x.path || "" });
          if (x.path) {
            li.appendChild(el("code", x.path));
            li.appendChild(doc.createTextNode(": "));
          }
          li.appendChild(el("span", x.message, x.message && /^[\x00-\x7f]*$/.test(x.message) && lang === "zh" ? { lang: "en" } : {}));
          list.appendChild(li);
        });
        p.error.appendChild(list);
        p.footer.textContent = "crisis-desk " + version;
        return;
      }
      if (!a) {
        p.meta.textContent = "";
        p.status.textContent = this._situation !== null || (api && this.hasAttribute("situation-src")) ? t("starting") : t("waiting");
        p.footer.textContent = "crisis-desk " + version;
        return;
      }
      p.meta.textContent = t("region", { region: a.region.name, asOf: a.asOf });
      var v = a.verdict;
      p.status.textContent = "";
      // The verdict: colour and, always beside it, the level in words.
      p.verdict.dataset.level = v.level || "";
      p.verdict.textContent = "";
      p.verdict.appendChild(el("span", null, { class: "swatch", "aria-hidden": "true" }));
      var text = el("span", null, { class: "text" });
      text.appendChild(el("strong", this._response(v.level), { class: "word" }));
      if (v.colour) text.appendChild(el("span", "· " + t("colour." + v.colour), { class: "colour" }));
      p.verdict.appendChild(text);
      p.precautionary.hidden = !v.precautionary;
      p.precautionary.textContent = t("precautionaryApplied");

      p.driversHeading.textContent = t("driversHeading");
      p.drivers.textContent = "";
      v.drivers.forEach(function (d) {
        var li = el("li", null, { "data-source": d.source });
        var name = t("fw." + d.source);
        li.textContent = d.severity === null && d.assumedSeverity !== null
          ? t("driverAssumed", { framework: name, response: this._response(v.level) })
          : t("driverLine", { framework: name, level: this._levelWord(d.source, d.level), response: this._response(d.responseLevel) });
        p.drivers.appendChild(li);
      }, this);
      if (!v.drivers.length) p.drivers.appendChild(el("li", this._response(null)));

      p.frameworksHeading.textContent = t("frameworksHeading");
      var table = p.frameworks;
      table.textContent = "";
      var head = el("thead"), hr = el("tr");
      [t("colFramework"), t("colLevel"), t("colDecidedBy")].forEach(function (h) { hr.appendChild(el("th", h, { scope: "col" })); });
      head.appendChild(hr);
      table.appendChild(head);
      var body = el("tbody");
      v.considered.forEach(function (c) {
        var tr = el("tr", null, { "data-source": c.source });
        tr.appendChild(el("th", t("fw." + c.source), { scope: "row" }));
        var level = el("td", null, { class: "level" });
        if (c.severity !== null) {
          level.appendChild(doc.createTextNode(this._levelWord(c.source, c.level)));
          level.appendChild(el("div", t("recommends", { response: this._response(c.responseLevel) }), { class: "detail" }));
        } else if (c.assumedSeverity !== null) {
          level.textContent = t("assumedResponse", { response: this._response(["IV", "IV", "III", "II", "I"][c.assumedSeverity]) });
        } else {
          level.textContent = c.source === "chinaEventGrade" ? t("lv.none") : t("lv.unknown");
        }
        tr.appendChild(level);
        var why = el("td");
        if (c.reasons.length) why.appendChild(el("span", c.reasons.join("; "), { lang: "en" }));
        if (c.missing.length) why.appendChild(el("div", t("missingInputs", { paths: c.missing.slice(0, 6).join(", ") + (c.missing.length > 6 ? " …" : "") }), { class: "missing" }));
        if (!c.reasons.length && !c.missing.length) why.textContent = "—";
        tr.appendChild(why);
        body.appendChild(tr);
      }, this);
      table.appendChild(body);

      p.deadlinesHeading.textContent = t("deadlinesHeading");
      var pick = function (label) { return label ? (lang === "en" ? label.en || label.zh : label.zh || label.en) : ""; };
      p.planLevel.textContent = plan.level.level
        ? t("planLevel", { response: this._response(plan.level.level), lead: plan.level.lead.map(function (l) { return pick(l.name); }).join(t("listSeparator")) })
        : this._response(null);
      p.deadlines.textContent = "";
      plan.timeline.forEach(function (d) {
        var li = el("li", null, { "data-id": d.id, "data-deadline": d.deadline });
        li.appendChild(el("time", d.date + " " + d.clock, { class: "clock", datetime: d.deadline }));
        li.appendChild(doc.createTextNode(" " + ((d.text && d.text[lang]) || pick(d.basis))));
        p.deadlines.appendChild(li);
      });
      if (!plan.timeline.length) p.deadlines.appendChild(el("li", t("noNotifications")));
      var detected = String(plan.detectedAt || "");
      p.detected.textContent = t("detectedAt", { date: detected.slice(0, 10), clock: detected.slice(11, 16) });
      p.footer.textContent = t("footer", { version: version, hash: plan.rulebook.hash.slice(0, 19) });
      p.footer.dataset.hash = plan.rulebook.hash;
    }
  }
  CrisisDeskElement.STRINGS = STRINGS;

  if (!root.customElements.get("crisis-desk")) root.customElements.define("crisis-desk", CrisisDeskElement);

  /**
   * Renders crisis-desk into `target` (any element; a <crisis-desk> is used as it is, anything
   * else gets one appended). Returns { element, update(situation), setLang(lang), destroy() }.
   */
  function mount(target, options) {
    if (!target || target.nodeType !== 1) throw new TypeError("CrisisDesk.mount: the first argument must be an element");
    options = options || {};
    var own = target.localName !== "crisis-desk";
    var node = own ? doc.createElement("crisis-desk") : target;
    var lang = normaliseLang(options.lang);
    if (lang) node.setAttribute("lang", lang);
    if (options.assessOptions !== undefined) node.assessOptions = options.assessOptions;
    if (options.detectedAt) node.detectedAt = options.detectedAt;
    if (options.situation !== undefined) node.situation = options.situation;
    if (own) target.appendChild(node);
    return {
      element: node,
      /** Re-assesses with a new situation; resolves to the assessment, or null after an error (see crisis-desk:error). */
      update: function (situation) {
        node.situation = situation;
        return node._schedule();
      },
      setLang: function (l) {
        var n = normaliseLang(l);
        if (!n) throw new TypeError("CrisisDesk.mount: lang must be \"zh\" or \"en\"");
        node.setAttribute("lang", n);
      },
      destroy: function () {
        node._seq++;
        if (own) {
          if (node.parentNode) node.parentNode.removeChild(node);
        } else {
          node.situation = null;
        }
      }
    };
  }

  if (root.CrisisDesk) {
    root.CrisisDesk.mount = mount;
    root.CrisisDesk.Element = CrisisDeskElement;
  }
})(typeof globalThis !== "undefined" ? globalThis : self);
