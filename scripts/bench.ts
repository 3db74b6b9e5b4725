/**
 * `npm run bench`: runs every benchmark in bench/ one after another and prints one table of all
 * their rows. Benchmarks are not part of `npm test`: they measure, they do not pass or fail.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { formatTable, parseRows, verdict, type BenchRow } from "../bench/table";
import { PROJECT_ROOT } from "./lib/simulator-process";

const only = process.argv.slice(2);
const benches = readdirSync(join(PROJECT_ROOT, "bench"))
  .filter((name) => name.endsWith(".ts") && name !== "table.ts")
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)));

const rows: BenchRow[] = [];
for (const name of benches) {
  console.log(`\n▶ bench/${name}`);
  const run = spawnSync(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", join("bench", name)],
    {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  process.stdout.write(
    run.stdout
      .split("\n")
      .filter((line) => !line.startsWith("BENCH-ROW "))
      .join("\n"),
  );
  rows.push(...parseRows(run.stdout));
  if (run.status !== 0) console.error(`bench/${name} exited with ${run.status}`);
}
console.log(`\n${formatTable(rows)}`);
const verdicts = rows.map(verdict).filter(Boolean);
const missed = verdicts.filter((said) => said === "missed").length;
console.log(`\ngoals: ${verdicts.length - missed} met, ${missed} missed`);
