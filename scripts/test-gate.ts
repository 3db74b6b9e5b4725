/**
 * `npm test`: the one gate. Runs lint (zero warnings), typecheck, format check, unit tests, the
 * secret-leak check, the production build and e2e, in that order, stopping at the first failure,
 * and ends with one summary line: `gate: N passed, M failed` (tests from the unit and e2e runs;
 * a failed step that is not a test run counts as one failure).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./lib/simulator-process";

type Counts = { passed: number; failed: number; skipped: number };
type Step = { name: string; command: string[]; counts?: () => Counts };

const results = join(PROJECT_ROOT, "test-results");
const unitReport = join(results, "unit-results.json");
const e2eReport = join(results, "e2e-results.json");
const bin = (name: string) => join(PROJECT_ROOT, "node_modules", ".bin", name);

// The three static checks are single-threaded and independent: they run side by side (about
// half a minute saved on two cores), their output printed one after the other.
const steps: (Step | Step[])[] = [
  [
    { name: "lint", command: [bin("eslint"), "--max-warnings", "0", "."] },
    { name: "typecheck", command: [bin("tsc"), "--noEmit"] },
    { name: "format", command: [bin("prettier"), "--check", "."] },
  ],
  {
    name: "unit",
    command: [
      bin("vitest"),
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${unitReport}`,
    ],
    counts: () => {
      const report = readJson<{
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
      }>(unitReport);
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + report.numTodoTests,
      };
    },
  },
  // Before the build, not after: the leak check builds with sentinel secrets, and the build that
  // e2e (and later `npm run demo`) uses must be a normal one.
  {
    name: "leak",
    command: [bin("tsx"), "--conditions", "react-server", "scripts/leak-check.ts"],
  },
  { name: "build", command: [bin("next"), "build"] },
  {
    name: "e2e",
    command: [bin("playwright"), "test"],
    counts: () => {
      const { stats } = readJson<{
        stats: { expected: number; unexpected: number; flaky: number; skipped: number };
      }>(e2eReport);
      return {
        passed: stats.expected,
        failed: stats.unexpected + stats.flaky,
        skipped: stats.skipped,
      };
    },
  },
];

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const timings: string[] = [];
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const ENV = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const shown = (step: Step) => step.command.map((part) => part.replace(PROJECT_ROOT, "")).join(" ");

/** Runs one step; alone it prints as it goes, in a group its output is kept until the end. */
function run(step: Step, alone: boolean): Promise<{ ok: boolean; output: string }> {
  const [command, ...args] = step.command;
  const child = spawn(command!, args, {
    cwd: PROJECT_ROOT,
    stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"],
    env: ENV,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    child.on("error", (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ ok: code === 0, output }));
  });
}

/** Adds a finished step's tests to the total; false when the gate must stop. */
function record(step: Step, ok: boolean, seconds: string): boolean {
  timings.push(`${step.name} ${ok ? "ok" : "FAILED"} ${seconds}s`);
  let stepCounts: Counts | undefined;
  try {
    stepCounts = step.counts?.();
  } catch {
    stepCounts = undefined; // no report: the runner failed before writing one
  }
  if (stepCounts) {
    total.passed += stepCounts.passed;
    total.failed += stepCounts.failed;
    total.skipped += stepCounts.skipped;
  }
  if (!ok && (!stepCounts || stepCounts.failed === 0)) total.failed += 1;
  return ok;
}

gate: for (const entry of steps) {
  const group = Array.isArray(entry) ? entry : [entry];
  const alone = group.length === 1;
  if (alone) console.log(`\n▶ ${group[0]!.name}: ${shown(group[0]!)}`);
  const started = Date.now();
  const results = await Promise.all(
    group.map(async (step) => {
      const result = await run(step, alone);
      return { step, ...result, seconds: ((Date.now() - started) / 1000).toFixed(1) };
    }),
  );
  let ok = true;
  for (const result of results) {
    if (!alone)
      process.stdout.write(`\n▶ ${result.step.name}: ${shown(result.step)}\n${result.output}`);
    ok = record(result.step, result.ok, result.seconds) && ok;
  }
  if (!ok) break gate;
}

console.log(`\nsteps: ${timings.join(", ")}`);
const skipped = total.skipped > 0 ? `, ${total.skipped} skipped` : "";
console.log(`gate: ${total.passed} passed, ${total.failed} failed${skipped}`);
process.exit(total.failed > 0 ? 1 : 0);
