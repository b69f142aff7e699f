// `node scripts/bench-inputs.mjs`: prints, as JSON, the inputs of benches/decision.rs made by
// www/bench-cases.js, the generator the browser and Node benchmarks use too.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const B = createRequire(import.meta.url)(join(root, "www", "bench-cases.js"));
const rulebook = JSON.parse(readFileSync(join(root, "src", "escalation", "default-rulebook.json"), "utf8"));
const dm = B.decisionMatrix(1000, 20);
process.stdout.write(JSON.stringify({
  ahp15: B.ahpInput(15),
  entropy1000x20: { matrix: dm.matrix, types: dm.types },
  topsis1000x20: dm,
  table200: B.table(200),
  tableFacts200x1000: B.tableFacts(200, 1000),
  escalateOptions: B.escalateOptions("ASOF"),
  rulebook2000: B.rulebook(rulebook, 2000),
}));
