import { describe, expect, it } from "vitest";
import type { Alert } from "./types";
import {
  alertItems,
  countAlertStates,
  filterAlertItems,
  initialWork,
  isEscalated,
  mergeAlertWork,
  offeredActions,
  transition,
  workById,
  type AlertAction,
  type AlertWork,
  type OfferedAction,
} from "./alert-work";

const ANN = "ann@example.com";
const BEN = "ben@example.com";
const CY = "cy@example.com";
const T = 1_800_000_000_000;
const AT = T + 60_000;

const base = initialWork({ id: "a1", time: T });
const works: Record<string, AlertWork> = {
  new: base,
  acknowledged: { ...base, state: "acknowledged", version: 1, acknowledgedBy: BEN },
  "claimed by ann": { ...base, state: "acknowledged", version: 2, claimedBy: ANN },
  "claimed by ben": { ...base, state: "acknowledged", version: 2, claimedBy: BEN },
  "assigned to cy": { ...base, state: "acknowledged", version: 2, claimedBy: CY, assignedBy: BEN },
  "resolved by ann": { ...base, state: "resolved", version: 3, resolvedBy: ANN },
  "resolved by ben": { ...base, state: "resolved", version: 3, resolvedBy: BEN },
};

const ack: AlertAction = { kind: "acknowledge" };
const claim: AlertAction = { kind: "claim" };
const takeOver: AlertAction = { kind: "claim", takeOver: true };
const assignCy: AlertAction = { kind: "assign", to: CY };
const release: AlertAction = { kind: "assign", to: null };
const resolve: AlertAction = { kind: "resolve" };

type Expected =
  | { outcome: "unchanged" }
  | { outcome: "refused"; reason: "resolved" | "held" }
  | { outcome: "changed"; event: string; work: Partial<AlertWork>; previousHolder?: string };

// Ann acts on each kind of alert. Every allowed and every refused transition.
const TABLE: [string, AlertAction, Expected][] = [
  // Acknowledge
  [
    "new",
    ack,
    {
      outcome: "changed",
      event: "acknowledged",
      work: { state: "acknowledged", acknowledgedBy: ANN },
    },
  ],
  ["acknowledged", ack, { outcome: "unchanged" }],
  ["claimed by ben", ack, { outcome: "unchanged" }],
  ["resolved by ann", ack, { outcome: "refused", reason: "resolved" }],
  ["resolved by ben", ack, { outcome: "refused", reason: "resolved" }],
  // Claim: claiming acknowledges; a claim held by another needs a take-over
  [
    "new",
    claim,
    {
      outcome: "changed",
      event: "claimed",
      work: { state: "acknowledged", acknowledgedBy: ANN, claimedBy: ANN },
    },
  ],
  [
    "acknowledged",
    claim,
    { outcome: "changed", event: "claimed", work: { acknowledgedBy: BEN, claimedBy: ANN } },
  ],
  ["claimed by ann", claim, { outcome: "unchanged" }],
  ["claimed by ben", claim, { outcome: "refused", reason: "held" }],
  [
    "claimed by ben",
    takeOver,
    { outcome: "changed", event: "took_over", previousHolder: BEN, work: { claimedBy: ANN } },
  ],
  [
    "assigned to cy",
    takeOver,
    {
      outcome: "changed",
      event: "took_over",
      previousHolder: CY,
      work: { claimedBy: ANN, assignedBy: undefined },
    },
  ],
  ["new", takeOver, { outcome: "changed", event: "claimed", work: { claimedBy: ANN } }],
  ["resolved by ann", claim, { outcome: "refused", reason: "resolved" }],
  // Assign and release
  [
    "new",
    assignCy,
    {
      outcome: "changed",
      event: "assigned",
      work: { state: "acknowledged", acknowledgedBy: ANN, claimedBy: CY, assignedBy: ANN },
    },
  ],
  [
    "new",
    { kind: "assign", to: ANN },
    { outcome: "changed", event: "assigned", work: { claimedBy: ANN, assignedBy: undefined } },
  ],
  [
    "claimed by ann",
    assignCy,
    {
      outcome: "changed",
      event: "assigned",
      previousHolder: ANN,
      work: { claimedBy: CY, assignedBy: ANN },
    },
  ],
  ["assigned to cy", assignCy, { outcome: "unchanged" }],
  ["claimed by ben", assignCy, { outcome: "refused", reason: "held" }],
  [
    "claimed by ben",
    { ...assignCy, takeOver: true },
    { outcome: "changed", event: "assigned", previousHolder: BEN, work: { claimedBy: CY } },
  ],
  ["acknowledged", release, { outcome: "unchanged" }],
  [
    "claimed by ann",
    release,
    { outcome: "changed", event: "released", previousHolder: ANN, work: { claimedBy: undefined } },
  ],
  ["claimed by ben", release, { outcome: "refused", reason: "held" }],
  [
    "claimed by ben",
    { ...release, takeOver: true },
    { outcome: "changed", event: "released", previousHolder: BEN, work: { claimedBy: undefined } },
  ],
  ["resolved by ben", assignCy, { outcome: "refused", reason: "resolved" }],
  // Resolve: resolving acknowledges; resolving another's alert needs a take-over
  [
    "new",
    resolve,
    {
      outcome: "changed",
      event: "resolved",
      work: { state: "resolved", acknowledgedBy: ANN, resolvedBy: ANN },
    },
  ],
  [
    "acknowledged",
    resolve,
    {
      outcome: "changed",
      event: "resolved",
      work: { state: "resolved", acknowledgedBy: BEN, resolvedBy: ANN },
    },
  ],
  [
    "claimed by ann",
    resolve,
    {
      outcome: "changed",
      event: "resolved",
      work: { state: "resolved", claimedBy: ANN, resolvedBy: ANN },
    },
  ],
  ["claimed by ben", resolve, { outcome: "refused", reason: "held" }],
  [
    "claimed by ben",
    { kind: "resolve", takeOver: true },
    {
      outcome: "changed",
      event: "resolved",
      previousHolder: BEN,
      work: { state: "resolved", claimedBy: ANN, resolvedBy: ANN },
    },
  ],
  ["resolved by ann", resolve, { outcome: "unchanged" }],
  ["resolved by ben", resolve, { outcome: "refused", reason: "resolved" }],
  [
    "resolved by ben",
    { kind: "resolve", takeOver: true },
    { outcome: "refused", reason: "resolved" },
  ],
];

describe("alert work transitions", () => {
  it.each(TABLE)("%s, %j by ann", (from, action, expected) => {
    const work = works[from]!;
    const result = transition(work, action, ANN, AT);
    expect(result.outcome).toBe(expected.outcome);
    if (result.outcome === "refused" && expected.outcome === "refused") {
      expect(result.reason).toBe(expected.reason);
      expect(result.message).toMatch(/\.$/);
    }
    if (result.outcome === "unchanged") expect(result.work).toBe(work);
    if (result.outcome === "changed" && expected.outcome === "changed") {
      expect(result.event).toEqual({
        version: work.version + 1,
        action: expected.event,
        actor: ANN,
        at: AT,
        ...(expected.event === "assigned" ? { assignee: (action as { to: string }).to } : {}),
        ...(expected.previousHolder ? { previousHolder: expected.previousHolder } : {}),
      });
      expect(result.work).toMatchObject({
        alertId: "a1",
        alertTime: T,
        version: work.version + 1,
        updatedAt: AT,
        updatedBy: ANN,
      });
      for (const [key, value] of Object.entries(expected.work)) {
        expect(result.work[key as keyof AlertWork], key).toBe(value);
      }
    }
  });

  it("names who holds an alert when refusing to take it from them", () => {
    const refused = transition(works["claimed by ben"]!, resolve, ANN, AT);
    expect(refused).toEqual({
      outcome: "refused",
      reason: "held",
      message: `${BEN} is handling this alert; take it over to resolve it.`,
    });
  });

  it("keeps a note given with a repeat, as a note in the history", () => {
    const noted = transition(works.acknowledged!, { kind: "acknowledge", note: " seen " }, ANN, AT);
    expect(noted).toMatchObject({
      outcome: "changed",
      event: { action: "noted", note: "seen" },
      work: { state: "acknowledged", note: "seen", noteBy: ANN, version: 2 },
    });
    const blank = transition(works.acknowledged!, { kind: "acknowledge", note: "  " }, ANN, AT);
    expect(blank.outcome).toBe("unchanged");
  });

  it("records the latest note on the work, with its writer", () => {
    const result = transition(
      works["claimed by ann"]!,
      { kind: "resolve", note: "Driver called." },
      ANN,
      AT,
    );
    expect(result).toMatchObject({
      work: { note: "Driver called.", noteBy: ANN },
      event: { note: "Driver called." },
    });
  });
});

describe("offered actions", () => {
  // Ann is offered exactly the changes transition accepts from her (assigning to someone new).
  const asAction: Record<OfferedAction, AlertAction> = {
    acknowledge: ack,
    claim,
    take_over: takeOver,
    release,
    assign: { kind: "assign", to: "dee@example.com" },
    resolve,
  };

  it.each(Object.keys(works))("on an alert %s, match what transition accepts", (from) => {
    const work = works[from]!;
    const offered = offeredActions(work, ANN);
    for (const [name, action] of Object.entries(asAction) as [OfferedAction, AlertAction][]) {
      const accepted = transition(work, action, ANN, AT).outcome === "changed";
      // A take-over is offered only where a plain claim is refused.
      const expected =
        name === "take_over"
          ? accepted && !offered.includes("claim") && work.claimedBy !== ANN
          : accepted;
      expect(offered.includes(name), `${name}`).toBe(expected);
    }
  });

  it("offers nothing on a resolved alert and a take-over on another's", () => {
    expect(offeredActions(works["resolved by ben"]!, ANN)).toEqual([]);
    expect(offeredActions(works["claimed by ben"]!, ANN)).toEqual(["take_over"]);
    expect(offeredActions(works.new!, ANN)).toEqual(["acknowledge", "claim", "assign", "resolve"]);
  });
});

describe("escalation", () => {
  const alert = { time: T };
  it("raises an alert nobody acknowledged for the set time, until someone does", () => {
    expect(isEscalated(alert, { state: "new" }, 300_000, T + 299_999)).toBe(false);
    expect(isEscalated(alert, { state: "new" }, 300_000, T + 300_000)).toBe(true);
    expect(isEscalated(alert, { state: "acknowledged" }, 300_000, T + 900_000)).toBe(false);
    expect(isEscalated(alert, { state: "new" }, 0, T + 9e9)).toBe(false);
  });

  it("shows an escalated alert one severity higher", () => {
    const alerts: Alert[] = [
      { id: "i", type: "device_offline", severity: "info", time: T },
      { id: "w", type: "speeding", severity: "warning", time: T },
      { id: "c", type: "panic", severity: "critical", time: T },
      { id: "acked", type: "speeding", severity: "warning", time: T },
    ];
    const work = workById([{ ...initialWork(alerts[3]!), state: "acknowledged", version: 1 }]);
    const items = alertItems(alerts, work, 60_000, T + 60_000);
    expect(items.map((item) => [item.alert.id, item.severity, item.escalated])).toEqual([
      ["i", "warning", true],
      ["w", "critical", true],
      ["c", "critical", true],
      ["acked", "warning", false],
    ]);
  });
});

describe("finding alerts", () => {
  const alerts: Alert[] = [
    { id: "1", type: "speeding", severity: "warning", time: T, deviceId: "v1" },
    { id: "2", type: "fence_enter", severity: "critical", time: T, deviceId: "v2", fenceId: "f1" },
    { id: "3", type: "speeding", severity: "info", time: T, deviceId: "v1" },
    { id: "4", type: "speeding", severity: "warning", time: T, deviceId: "v3" },
  ];
  const work = workById([
    { ...initialWork(alerts[0]!), state: "acknowledged", version: 1, claimedBy: ANN },
    { ...initialWork(alerts[1]!), state: "acknowledged", version: 1, claimedBy: BEN },
    { ...initialWork(alerts[3]!), state: "resolved", version: 2, resolvedBy: BEN },
    // Work of an earlier alert that had the same id: not this one's.
    { ...initialWork({ id: "3", time: T - 1 }), state: "resolved", version: 1 },
  ]);
  const items = alertItems(alerts, work, 0, T);
  const ids = (state: "open" | "mine" | "unassigned" | "resolved" | "all", extra = {}) =>
    filterAlertItems(items, { state, severities: [], ...extra }, ANN).map((i) => i.alert.id);

  it("filters by state: open, mine, unassigned, resolved", () => {
    expect(ids("open")).toEqual(["1", "2", "3"]);
    expect(ids("mine")).toEqual(["1"]);
    expect(ids("unassigned")).toEqual(["3"]);
    expect(ids("resolved")).toEqual(["4"]);
    expect(ids("all")).toEqual(["1", "2", "3", "4"]);
  });

  it("filters by severity, type, vehicle and fence", () => {
    expect(ids("all", { severities: ["warning"] })).toEqual(["1", "4"]);
    expect(ids("all", { type: "fence_enter" })).toEqual(["2"]);
    expect(ids("all", { vehicleId: "v1" })).toEqual(["1", "3"]);
    expect(ids("all", { fenceId: "f1" })).toEqual(["2"]);
  });

  it("counts each state with the other filters applied", () => {
    expect(countAlertStates(items, { state: "mine", severities: [] }, ANN)).toEqual({
      open: 3,
      mine: 1,
      unassigned: 1,
      resolved: 1,
      all: 4,
    });
    expect(countAlertStates(items, { state: "all", severities: [], vehicleId: "v1" }, BEN)).toEqual(
      {
        open: 2,
        mine: 0,
        unassigned: 1,
        resolved: 0,
        all: 2,
      },
    );
  });
});

describe("work in snapshots and deltas", () => {
  const alerts: Alert[] = [
    { id: "a", type: "speeding", severity: "warning", time: T },
    { id: "b", type: "speeding", severity: "warning", time: T },
  ];
  const a1 = { ...initialWork(alerts[0]!), state: "acknowledged" as const, version: 1 };
  const a2 = { ...a1, version: 2, claimedBy: ANN };

  it("keeps the newer version of each alert's work", () => {
    expect(mergeAlertWork([a2], [a1], alerts)).toEqual([a2]);
    expect(mergeAlertWork([a1], [a2], alerts)).toEqual([a2]);
  });

  it("keeps only the work of alerts still listed, and of the same alert", () => {
    const gone = { ...initialWork({ id: "z", time: T }), version: 1 };
    const older = { ...initialWork({ id: "b", time: T - 5 }), version: 4 };
    expect(mergeAlertWork([a1, gone], [older], alerts)).toEqual([a1]);
  });
});
