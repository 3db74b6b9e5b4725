/**
 * `npm run test:hours`: runs the unit and e2e suites once for each day the simulated fleet can
 * be living (TEST_SIM_START): midnight, 06:00, noon and 18:00 in Phoenix, and a month's last
 * minute. A test whose outcome follows the clock fails at one of them. Builds first when the
 * production build is stale; ends with one line per start time and exits non-zero on a failure.
 * `-- --only 06:00` (or any part of a label) runs a subset.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildIfNeeded } from "./lib/build-if-needed";
import { PROJECT_ROOT } from "./lib/simulator-process";

/** Phoenix keeps MST (UTC−7) all year. */
const STARTS: { label: string; start: string }[] = [
  { label: "00:00 Phoenix", start: "2026-03-04T00:00:00-07:00" },
  { label: "06:00 Phoenix", start: "2026-03-04T06:00:00-07:00" },
  { label: "12:00 Phoenix", start: "2026-03-04T12:00:00-07:00" },
  { label: "18:00 Phoenix", start: "2026-03-04T18:00:00-07:00" },
  { label: "month's last minute", start: "2026-03-31T23:59:00-07:00" },
];

const onlyIndex = process.argv.indexOf("--only");
const only = onlyIndex === -1 ? undefined : process.argv[onlyIndex + 1];
const bin = (name: string) => join(PROJECT_ROOT, "node_modules", ".bin", name);
const results = join(PROJECT_ROOT, "test-results");

type Outcome = { passed: number; failed: number; ok: boolean; seconds: number };

function run(command: string, args: string[], start: string, report: () => Outcome): Outcome {
  const started = Date.now();
  const child = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, TEST_SIM_START: start, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  try {
    return { ...report(), ok: child.status === 0, seconds };
  } catch {
    return { passed: 0, failed: 1, ok: false, seconds };
  }
}

const readJson = <T>(name: string) => JSON.parse(readFileSync(join(results, name), "utf8")) as T;

buildIfNeeded((line) => console.log(line));
const lines: string[] = [];
let failures = 0;
for (const { label, start } of STARTS.filter((entry) => !only || entry.label.includes(only))) {
  console.log(`\n▶ TEST_SIM_START=${start} (${label})`);
  const unit = run(
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile=${results}/unit-results.json`],
    start,
    () => {
      const report = readJson<{ numPassedTests: number; numFailedTests: number }>(
        "unit-results.json",
      );
      return { passed: report.numPassedTests, failed: report.numFailedTests, ok: true, seconds: 0 };
    },
  );
  const e2e = run(bin("playwright"), ["test"], start, () => {
    const { stats } = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
      "e2e-results.json",
    );
    return {
      passed: stats.expected,
      failed: stats.unexpected + stats.flaky,
      ok: true,
      seconds: 0,
    };
  });
  if (!unit.ok || !e2e.ok) failures += 1;
  lines.push(
    `${label.padEnd(20)} ${start}  unit ${unit.passed} passed, ${unit.failed} failed (${unit.seconds} s)` +
      `  e2e ${e2e.passed} passed, ${e2e.failed} failed (${e2e.seconds} s)  ${unit.ok && e2e.ok ? "ok" : "FAILED"}`,
  );
}
console.log(`\n${lines.join("\n")}`);
process.exit(failures > 0 ? 1 : 0);
