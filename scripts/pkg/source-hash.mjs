// Prints a SHA-256 over everything pkg/ is built from, so `npm start` can tell whether the
// committed pkg/ matches the sources without a toolchain. Same list in build and serve.
// Not pkg/crisis-desk.html's inputs (www/ and single-file.mjs): Node alone rebuilds that file
// (`node scripts/pkg/single-file.mjs`), so a change to the page never asks for cargo.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export function sourceHash(root) {
  const files = [];
  const walk = (dir, skip = []) => {
    for (const name of readdirSync(dir).sort()) {
      if (skip.includes(name)) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(join(root, "src"));
  walk(join(root, "scripts", "pkg"), ["single-file.mjs"]);
  for (const f of ["Cargo.toml", "Cargo.lock", "scripts/build-pkg.sh", "package-lock.json"]) {
    if (existsSync(join(root, f))) files.push(join(root, f));
  }
  const h = createHash("sha256");
  for (const f of files.map((f) => relative(root, f).split("\\").join("/")).sort()) {
    h.update(f + "\0");
    h.update(readFileSync(join(root, f)));
    h.update("\0");
  }
  return h.digest("hex");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(sourceHash(join(dirname(fileURLToPath(import.meta.url)), "..", "..")));
}
