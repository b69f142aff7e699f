// crisis-desk page strings, one table per language. Keys must match across languages
// (the browser test fails when one is missing). {name} marks a parameter.
(function (root) {
  "use strict";
  var STRINGS = {
    zh: {
      langName: "中文",
      langSwitch: "English",
      langHint: "切换界面语言",
      skipToContent: "跳到主要内容",
      tagline: "突发公共卫生事件决策支持",
      loading: "正在启动计算模块…",
      ready: "已就绪。评估完成：{time}",
      startFailed: "计算模块无法启动：{message}",
      situationHeading: "疫情态势",
      illustrative: "示例情景：数据为虚构，仅用于演示，并非真实监测数据。",
      period: "数据期间 {first} 至 {last}，共 {days} 天；评估日期 {asOf}",
      periodBehind: "（最新数据比评估日期早 {days} 天）",
      incidence7d: "近 7 天发病率（每 10 万人）",
      last7: "近 7 天本地病例",
      weekOnWeek: "周环比",
      cumulative: "累计本地病例",
      incidenceDetail: "人口 {population}",
      last7Detail: "前 7 天：{previous}",
      wowUp: "比前 7 天上升",
      wowDown: "比前 7 天下降",
      wowFlat: "与前 7 天基本持平",
      cumulativeDetail: "自 {first} 起",
      notAvailable: "无法计算",
      inputHeading: "输入数据（JSON）",
      inputHint: "在此编辑情景（地区、日期序列、容量、事件信息），然后点击“评估”。数据只保存在本浏览器中，不会发送到任何服务器。",
      situationLabel: "情景 JSON",
      assess: "评估",
      reset: "恢复示例",
      problemsHeading: "输入有误",
      problemsCount: "输入有 {count} 处问题，请按下表修改。",
      colPath: "字段（JSON 路径）",
      colProblem: "问题",
      rootPath: "（整个输入）",
      privacy: "全部计算在本浏览器内完成；数据不会离开这台电脑。",
      "note.series-too-short": "数据天数不足，部分指标无法计算。",
      "note.missing-days": "部分日期未报告（空值），相关指标只统计已报告的日期，可能偏低。",
      "note.no-cases-previous-week": "前 7 天无本地病例，无法计算环比。",
      "code.required": "缺少必填字段",
      "code.invalid-type": "数据类型不正确",
      "code.unknown-key": "未知字段（可能拼写错误）",
      "code.invalid-value": "取值不在允许范围内",
      "code.out-of-range": "数值超出允许范围",
      "code.invalid-date": "日期格式应为 YYYY-MM-DD",
      "code.date-gap": "日期不连续（缺少日期）",
      "code.date-not-increasing": "日期重复或倒序",
      "code.date-after-as-of": "日期晚于评估日期",
      "code.length-mismatch": "该列天数与日期列不一致",
      "code.negative-count": "计数不能为负数",
      "code.fractional-count": "计数必须为整数",
      "code.positives-exceed-tests": "阳性数多于检测数",
      "code.not-finite": "必须是有限数值",
      "code.duplicate-key": "字段重复",
      "code.invalid-json": "JSON 格式错误",
      "code.too-many-problems": "问题过多，仅列出前 100 条",
      "code.missing-day": "该方法需要每天都有数据，此处缺少一天",
      "code.no-cases": "所有天数均为零，无法估计",
      "code.si-first-not-zero": "代际间隔分布第 0 天必须为 0",
      "code.si-sum-not-one": "代际间隔分布之和必须为 1",
      "code.window-start-after-end": "时间窗起点晚于终点",
      "code.conflicting-fields": "互斥的字段不能同时给出",
      "code.internal": "程序内部错误（不是输入问题）",
      "code.not-ready": "计算模块尚未就绪",
      "code.csp-blocks-wasm": "页面安全策略禁止 WebAssembly",
      "code.startup-failed": "计算模块无法启动"
    },
    en: {
      langName: "English",
      langSwitch: "中文",
      langHint: "Switch the page language",
      skipToContent: "Skip to main content",
      tagline: "Decision support for public-health emergencies",
      loading: "Starting the calculation module…",
      ready: "Ready. Assessed at {time}",
      startFailed: "The calculation module could not start: {message}",
      situationHeading: "Situation",
      illustrative: "Illustrative example: the figures are made up to show the tool; they are not real surveillance data.",
      period: "Data from {first} to {last}, {days} days; assessed as of {asOf}",
      periodBehind: " (the latest data are {days} days older than the assessment date)",
      incidence7d: "7-day incidence per 100\u00a0000",
      last7: "Local cases, last 7 days",
      weekOnWeek: "Week on week",
      cumulative: "Cumulative local cases",
      incidenceDetail: "Population {population}",
      last7Detail: "Previous 7 days: {previous}",
      wowUp: "up on the previous 7 days",
      wowDown: "down on the previous 7 days",
      wowFlat: "about level with the previous 7 days",
      cumulativeDetail: "since {first}",
      notAvailable: "not available",
      inputHeading: "Input (JSON)",
      inputHint: "Edit the situation here (region, daily series, capacity, event facts), then press Assess. The data stay in this browser and are never sent to a server.",
      situationLabel: "Situation JSON",
      assess: "Assess",
      reset: "Restore the example",
      problemsHeading: "The input has problems",
      problemsCount: "The input has {count} problem(s); fix them as listed below.",
      colPath: "Field (JSON path)",
      colProblem: "Problem",
      rootPath: "(the whole input)",
      privacy: "Everything is computed in this browser; no data leave this computer.",
      "note.series-too-short": "The series is too short for some signals.",
      "note.missing-days": "Some days have no report (null); these signals count reported days only and may be too low.",
      "note.no-cases-previous-week": "No local cases in the previous 7 days, so the change has no ratio.",
      "code.required": "Required field missing",
      "code.invalid-type": "Wrong type of value",
      "code.unknown-key": "Unknown field (a typo?)",
      "code.invalid-value": "Value not allowed",
      "code.out-of-range": "Number out of range",
      "code.invalid-date": "Dates must be YYYY-MM-DD",
      "code.date-gap": "Days missing between dates",
      "code.date-not-increasing": "Date repeated or out of order",
      "code.date-after-as-of": "Date after the assessment date",
      "code.length-mismatch": "Column length differs from the dates",
      "code.negative-count": "A count cannot be negative",
      "code.fractional-count": "A count must be a whole number",
      "code.positives-exceed-tests": "More positives than tests",
      "code.not-finite": "Must be a finite number",
      "code.duplicate-key": "Field given twice",
      "code.invalid-json": "Not valid JSON",
      "code.too-many-problems": "Too many problems; the first 100 are listed",
      "code.missing-day": "This method needs every day; a day is missing",
      "code.no-cases": "Every day is zero: nothing to estimate from",
      "code.si-first-not-zero": "The serial interval must be 0 on day 0",
      "code.si-sum-not-one": "The serial interval must sum to 1",
      "code.window-start-after-end": "A window starts after it ends",
      "code.conflicting-fields": "Alternative fields given together",
      "code.internal": "Internal error (not a problem with the input)",
      "code.not-ready": "The calculation module is not ready",
      "code.csp-blocks-wasm": "The page's security policy blocks WebAssembly",
      "code.startup-failed": "The calculation module could not start"
    }
  };

  function pickLanguage(saved, browserLanguages) {
    if (saved === "zh" || saved === "en") return saved;
    var list = browserLanguages || [];
    for (var i = 0; i < list.length; i++) {
      var l = String(list[i]).toLowerCase();
      if (l.indexOf("zh") === 0) return "zh";
      if (l.indexOf("en") === 0) return "en";
    }
    return "zh";
  }

  function translate(lang, key, params) {
    var table = STRINGS[lang] || STRINGS.zh;
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    return text.replace(/\{(\w+)\}/g, function (m, name) {
      return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
    });
  }

  root.CrisisDeskI18n = { STRINGS: STRINGS, pickLanguage: pickLanguage, translate: translate };
})(typeof globalThis !== "undefined" ? globalThis : self);
