/** One row of a benchmark result; `npm run bench` gathers every bench's rows into one table. */
export type BenchRow = {
  bench: string;
  case: string;
  metric: string;
  value: number;
  baseline?: number;
  baselineName?: string;
  note?: string;
  /** What the figure should be: at most or at least this, of the value or of its ratio. */
  goal?: Goal;
};

export type Goal = { atMost?: number; atLeast?: number; of?: "value" | "ratio" };

/** "met" or "missed" against the row's goal; "" without one (or without a figure). */
export function verdict(row: BenchRow): string {
  const goal = row.goal;
  if (!goal) return "";
  const figure = goal.of === "ratio" ? (row.baseline ? row.value / row.baseline : NaN) : row.value;
  if (Number.isNaN(figure)) return "missed";
  const met =
    (goal.atMost === undefined || figure <= goal.atMost) &&
    (goal.atLeast === undefined || figure >= goal.atLeast);
  return met ? "met" : "missed";
}

function describeGoal(goal: Goal | undefined): string {
  if (!goal) return "";
  const unit = goal.of === "ratio" ? "×" : "";
  const parts = [
    goal.atLeast === undefined ? "" : `≥ ${goal.atLeast}${unit}`,
    goal.atMost === undefined ? "" : `≤ ${goal.atMost}${unit}`,
  ];
  return parts.filter(Boolean).join(", ");
}

const ROW_PREFIX = "BENCH-ROW ";

/** Prints rows as a table for a person, and as tagged JSON lines for the bench runner. */
export function printRows(rows: BenchRow[]): void {
  for (const row of rows) console.log(ROW_PREFIX + JSON.stringify(row));
  console.log(formatTable(rows));
}

export function parseRows(output: string): BenchRow[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith(ROW_PREFIX))
    .map((line) => JSON.parse(line.slice(ROW_PREFIX.length)) as BenchRow);
}

const number = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? ""
    : value >= 100
      ? value.toFixed(0)
      : value.toFixed(2);

/** Two decimals, or two significant digits for a ratio too small for two decimals to show. */
const ratio = (value: number) =>
  value !== 0 && value < 0.01 ? value.toPrecision(2) : value.toFixed(2);

export function formatTable(rows: BenchRow[]): string {
  const header = ["bench", "case", "metric", "value", "baseline", "ratio", "goal", "", "note"];
  const body = rows.map((row) => [
    row.bench,
    row.case,
    row.metric,
    number(row.value),
    row.baseline === undefined ? "" : `${number(row.baseline)} (${row.baselineName ?? "baseline"})`,
    row.baseline ? ratio(row.value / row.baseline) : "",
    describeGoal(row.goal),
    verdict(row),
    row.note ?? "",
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...body.map((line) => line[column]!.length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join(
    "\n",
  );
}
