// `npm start`: builds pkg/ if its sources changed (and the toolchain is here), then serves
// www/ and pkg/ on 127.0.0.1 and prints the URL. No dependencies beyond Node itself.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { readFileSync, existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join, normalize, extname, dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceHash } from "./pkg/source-hash.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stampFile = join(root, "pkg", "SOURCE_HASH");
const built = existsSync(join(root, "pkg", "crisis_desk_standalone.js"));
const fresh = built && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === sourceHash(root);
if (!fresh && process.env.CRISIS_DESK_NO_BUILD === "1") {
  console.warn("pkg/ does not match its sources (CRISIS_DESK_NO_BUILD=1: serving it anyway).");
} else if (!fresh) {
  console.log(built ? "pkg/ is older than its sources: rebuilding…" : "pkg/ is missing: building…");
  const r = spawnSync("bash", [join(root, "scripts", "build-pkg.sh")], { stdio: "inherit", cwd: root });
  if (r.status !== 0) {
    if (!built) process.exit(r.status || 1);
    console.warn("Build failed (see above); serving the committed pkg/, which may not match src/.");
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
};
const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  let path = decodeURIComponent(url.pathname);
  if (path === "/" || path === "/www") {
    res.writeHead(302, { Location: "/www/" });
    return res.end();
  }
  if (path.endsWith("/")) path += "index.html";
  const file = normalize(join(root, path));
  const allowed = [join(root, "www") + sep, join(root, "pkg") + sep];
  if (!allowed.some((dir) => file.startsWith(dir))) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    return res.end("not found");
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
    const body = await readFile(file);
    // The single-file page inlines its scripts and styles; its own meta policy allows them by hash.
    const single = file === join(root, "pkg", "crisis-desk.html");
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      ...(single ? {} : { "Content-Security-Policy": CSP }),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-cache",
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
  }
});

const port = Number(process.env.PORT || 8080);
server.on("error", (e) => {
  console.error(e.code === "EADDRINUSE" ? `Port ${port} is in use; try PORT=8081 npm start` : e.message);
  process.exit(1);
});
server.listen(port, "127.0.0.1", () => {
  const actual = server.address().port;
  process.stdout.write(
    `crisis-desk is served at http://127.0.0.1:${actual}/www/  (Ctrl+C to stop)\n` +
      `No server needed: www/index.html also opens straight from disk (file://), e.g. from a USB stick.\n`
  );
});
