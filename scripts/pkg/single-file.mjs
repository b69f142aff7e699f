// Writes pkg/crisis-desk.html: www/index.html as one self-contained file (HTML, CSS, JS and the
// WebAssembly, which crisis_desk_standalone.js already carries as base64) that can be emailed or
// copied alone and opened offline from anywhere.
//
//   node scripts/pkg/single-file.mjs           write pkg/crisis-desk.html
//   node scripts/pkg/single-file.mjs --check   exit 1 if pkg/crisis-desk.html is not what www/ builds
//
// Every local <link rel="stylesheet"> becomes a <style> (keeping its media), every <script src>
// an inline <script>, moved in order to the end of <body> (inline scripts ignore `defer`; at the
// end of the body they run in the same order, after the document is parsed, as deferred ones
// do), and the icon a data: URL. Inline code would break index.html's policy ('self'), so the
// Content-Security-Policy meta is rewritten to allow exactly these scripts and styles by their
// SHA-256 hashes ('wasm-unsafe-eval' stays; 'self' is dropped everywhere: the file needs nothing
// beside it). The output depends only on the input files: the same inputs give the same bytes.
// No dependencies beyond Node itself.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname, resolve, relative, sep, extname } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const sha256 = (text) => "'sha256-" + createHash("sha256").update(text, "utf8").digest("base64") + "'";

/** Text safe inside <script>…</script>: the HTML parser must not see an end tag or a comment opener. */
function scriptText(js, file) {
  if (/<!--/.test(js)) throw new Error(`${file}: contains "<!--", which cannot be inlined in a <script> safely`);
  return js.replace(/<\/(script)/gi, "<\\/$1");
}

/** Text safe inside <style>…</style>. */
function styleText(css, file) {
  if (/<!--/.test(css)) throw new Error(`${file}: contains "<!--"`);
  return css.replace(/<\/(style)/gi, "<\\/$1");
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i"));
  return m ? m[1] : null;
}

/** Builds the single file from `root`/www/index.html; returns { html, scripts, styles }. */
export function buildSingleFile(root = ROOT) {
  const wwwDir = join(root, "www");
  const page = readFileSync(join(wwwDir, "index.html"), "utf8");
  const local = (href) => {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) throw new Error(`index.html: ${href} is not a local file`);
    const file = resolve(wwwDir, href);
    if (!file.startsWith(root + sep)) throw new Error(`index.html: ${href} is outside the repository`);
    if (!existsSync(file)) throw new Error(`index.html: ${href} not found (${relative(root, file)})`);
    return file;
  };
  const scripts = [];
  const styles = [];

  let html = page.replace(/<link\b[^>]*>/gi, (tag) => {
    const rel = (attr(tag, "rel") || "").toLowerCase();
    const href = attr(tag, "href");
    if (rel === "stylesheet") {
      const file = local(href);
      const css = styleText(readFileSync(file, "utf8"), href);
      styles.push(css);
      const media = attr(tag, "media");
      return `<style${media ? ` media="${media}"` : ""}>\n${css}</style>`;
    }
    if (rel === "icon") {
      const file = local(href);
      const type = attr(tag, "type") || (extname(file) === ".svg" ? "image/svg+xml" : "image/png");
      return `<link rel="icon" href="data:${type};base64,${readFileSync(file).toString("base64")}" type="${type}">`;
    }
    throw new Error(`index.html: cannot inline ${tag}`);
  });

  html = html.replace(/[ \t]*<script\b[^>]*\ssrc="[^"]*"[^>]*><\/script>\n?/gi, (tag) => {
    const src = attr(tag, "src");
    scripts.push({ src, js: scriptText(readFileSync(local(src), "utf8"), src) });
    return "";
  });
  if (/<script\b[^>]*\ssrc=/i.test(html)) throw new Error("index.html: a <script src> was not inlined");
  if (/\ssrc="(?!data:)[^"]*"/i.test(html)) throw new Error("index.html: an element still refers to a file by src");

  const body = scripts.map((s) => `<script data-src="${s.src}">\n${s.js}</script>\n`).join("");
  const end = html.lastIndexOf("</body>");
  if (end < 0) throw new Error("index.html: no </body>");
  html = html.slice(0, end) + body + html.slice(end);

  // The policy: the same directives, with the inline scripts and styles allowed by hash.
  const scriptHashes = scripts.map((s) => sha256("\n" + s.js));
  const styleHashes = styles.map((css) => sha256("\n" + css));
  let replaced = 0;
  html = html.replace(/(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i, (m, pre, policy, post) => {
    replaced++;
    const directives = policy.split(";").map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      let kept = sources.filter((s) => s !== "'self'");
      if (name === "script-src") kept = [...scriptHashes, ...kept];
      if (name === "style-src") kept = [...styleHashes, ...kept];
      return [name, ...(kept.length ? kept : ["'none'"])].join(" ");
    });
    return pre + directives.join("; ") + post;
  });
  if (replaced !== 1) throw new Error("index.html: expected one Content-Security-Policy meta");
  html = html.replace(/<!-- No inline script or style[^\n]*-->/, "<!-- Generated by scripts/pkg/single-file.mjs from www/index.html: one file, nothing beside it. Inline scripts and styles are allowed by their SHA-256 hashes. -->");
  if (!html.includes("Generated by scripts/pkg/single-file.mjs")) {
    html = html.replace(/^<!doctype html>\n/i, (d) => d + "<!-- Generated by scripts/pkg/single-file.mjs from www/index.html; do not edit. -->\n");
  }
  return { html, scripts: scripts.map((s) => s.src), styles: styles.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = join(ROOT, "pkg", "crisis-desk.html");
  const { html, scripts, styles } = buildSingleFile(ROOT);
  if (process.argv.includes("--check")) {
    const current = existsSync(out) ? readFileSync(out, "utf8") : null;
    if (current !== html) {
      console.error("pkg/crisis-desk.html is not what www/ builds: run 'node scripts/pkg/single-file.mjs'");
      process.exit(1);
    }
    console.log("pkg/crisis-desk.html is up to date");
  } else {
    writeFileSync(out, html);
    console.log(`pkg/crisis-desk.html: ${scripts.length} scripts, ${styles} stylesheets inlined, ${Buffer.byteLength(html)} bytes`);
  }
}
