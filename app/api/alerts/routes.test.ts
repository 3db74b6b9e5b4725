import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signDisplayToken, tokenOf } from "@/lib/auth/display-links";
import { UserStore } from "@/lib/auth/user-store";
import type { DatabaseHandle } from "@/lib/db/database";
import { emptyTables, installTestDatabase } from "@/e2e/support/test-database";
import type { AlertItem } from "@/lib/fleet/alert-work";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import type { Alert } from "@/lib/fleet/types";
import { FleetState } from "@/lib/live/fleet-state";
import { FleetMirror } from "@/lib/live/mirror";

/**
 * The alert routes as the server runs them: real sessions (signed cookies, users and display
 * links in a real database), the real rules and queries, and a live service of one instance (a
 * poller's state feeding this instance's mirror), as lib/live/service.ts wires them.
 */
const env = {
  authSecret: "a".repeat(32),
  publicUrl: undefined,
  upstream: { mode: "fleetup" as const },
  auth: { usersFile: "", displaysFile: "", sessionMaxAgeS: 43_200, sessionIdleS: 1800 },
  alerts: { escalateAfterMs: 300_000 },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));

const live = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("@/lib/live/service", () => ({ getLiveService: () => live.current }));

const list = await import("./route");
const detail = await import("./[id]/route");
const bulk = await import("./ack/route");
const assignees = await import("./assignees/route");
const actions = {
  ack: await import("./[id]/ack/route"),
  claim: await import("./[id]/claim/route"),
  assign: await import("./[id]/assign/route"),
  resolve: await import("./[id]/resolve/route"),
};
type Kind = keyof typeof actions;

const ANN = "ann@example.com"; // dispatcher
const BEN = "ben@example.com"; // dispatcher
const VAL = "val@example.com"; // viewer
const BOSS = "boss@example.com"; // admin
const NOW = Date.now();
const ALERTS: Alert[] = [
  { id: "SA1", type: "speeding", severity: "warning", time: NOW - 60_000, deviceId: "v1" },
  {
    id: "SA2",
    type: "fence_enter",
    severity: "critical",
    time: NOW - 50_000,
    deviceId: "v2",
    fenceId: "f1",
  },
  { id: "SA3", type: "harsh_braking", severity: "info", time: NOW - 3_600_000, deviceId: "v1" },
  {
    id: "v3:speeding:1",
    type: "speeding",
    severity: "warning",
    time: NOW - 40_000,
    deviceId: "v3",
  },
];

let handle: DatabaseHandle;
let reported: string[][];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  handle = await installTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  await emptyTables(handle.db);
  const longAgo = new Date(NOW - 3_600_000);
  const users = new UserStore(handle.db, {
    hashParams: { N: 2 ** 10, r: 8, p: 1 },
    now: () => longAgo,
  });
  for (const [email, role] of [
    [ANN, "dispatcher"],
    [BEN, "dispatcher"],
    [VAL, "viewer"],
    [BOSS, "admin"],
  ] as const) {
    await users.add({ email, role, password: "long-enough" });
    cookies[email] = await sessionCookie(email);
  }
  // A wall screen that opened its display link: the cookie holds the session it got.
  const { getDisplayStore, openDisplayLink } = await import("@/lib/auth/displays");
  const screen = await (await getDisplayStore()).create("Control room", null, BOSS);
  const opened = await openDisplayLink(signDisplayToken(tokenOf(screen), env.authSecret));
  cookies.display = `fleet-live.display=${opened!.session}`;

  // One instance: its poller makes versions, its mirror serves them.
  const poller = new FleetState(
    { positions: 10_000, trips: 30_000, alerts: 30_000, fences: 600_000, devices: 600_000 },
    DEFAULT_STATUS_THRESHOLDS,
  );
  const mirror = new FleetMirror();
  mirror.apply(poller.succeeded({ feed: "alerts", alerts: ALERTS }, NOW));
  reported = [];
  live.current = {
    mirror,
    reportAlertWork(work: { alertId: string }[]) {
      reported.push(work.map((entry) => entry.alertId));
      const delta = poller.applyWork(work as never, Date.now());
      if (delta) mirror.apply(delta);
    },
  };
});

async function sessionCookie(email: string) {
  const nowS = Math.floor(Date.now() / 1000);
  const token = await encode({
    secret: env.authSecret,
    token: { email, sid: `sid-${email}`, signedInAt: nowS, lastSeen: nowS },
  });
  return `next-auth.session-token=${token}`;
}

const BASE = "http://127.0.0.1:3000/api/alerts";
const headersOf = (who: string | undefined, extra: Record<string, string> = {}) => ({
  ...(who ? { cookie: cookies[who] ?? who } : {}),
  ...extra,
});

function act(kind: Kind, id: string, who: string | undefined, body?: unknown, extra = {}) {
  const request = new Request(`${BASE}/${encodeURIComponent(id)}/${kind}`, {
    method: "POST",
    headers: headersOf(who, { "content-type": "application/json", ...extra }),
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return actions[kind].POST(request, { params: Promise.resolve({ id }) });
}

async function get(path: string, who: string | undefined) {
  const request = new Request(`${BASE}${path}`, { headers: headersOf(who) });
  const id = path.match(/^\/([^/?]+)$/)?.[1];
  return id === undefined
    ? list.GET(request)
    : detail.GET(request, { params: Promise.resolve({ id: decodeURIComponent(id) }) });
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type Acted = { item: AlertItem; changed: boolean };
type ErrorBody = { error: { code: string; message: string } };

describe("acting on an alert", () => {
  it("lets a dispatcher claim, and answers a repeat without recording it again", async () => {
    const first = await act("claim", "SA1", ANN);
    expect(first.status).toBe(200);
    const acted = await json<Acted>(first);
    expect(acted).toMatchObject({
      changed: true,
      item: { alert: { id: "SA1" }, work: { state: "acknowledged", claimedBy: ANN, version: 1 } },
    });
    expect(reported).toEqual([["SA1"]]);

    const again = await act("claim", "SA1", ANN, {});
    expect(await json<Acted>(again)).toMatchObject({
      changed: false,
      item: { work: { version: 1 } },
    });
    expect(reported).toEqual([["SA1"]]);
  });

  it("refuses another dispatcher's resolve until they take it over, and records the take-over", async () => {
    await act("claim", "SA2", ANN);
    const refused = await act("resolve", "SA2", BEN, { note: "done" });
    expect(refused.status).toBe(409);
    expect(await json<ErrorBody>(refused)).toEqual({
      error: {
        code: "conflict",
        message: `${ANN} is handling this alert; take it over to resolve it.`,
      },
    });
    const takeOver = await act("claim", "SA2", BEN, { takeOver: true });
    expect(takeOver.status).toBe(200);
    const resolved = await act("resolve", "SA2", ANN, { takeOver: true, note: "Driver called." });
    expect(resolved.status).toBe(200);

    const { history, item } = await json<{ history: unknown[]; item: AlertItem }>(
      await get("/SA2", VAL),
    );
    expect(item.work).toMatchObject({ state: "resolved", resolvedBy: ANN, note: "Driver called." });
    expect(history).toEqual([
      { version: 1, action: "claimed", actor: ANN, at: expect.any(Number) },
      { version: 2, action: "took_over", actor: BEN, at: expect.any(Number), previousHolder: ANN },
      {
        version: 3,
        action: "resolved",
        actor: ANN,
        at: expect.any(Number),
        previousHolder: BEN,
        note: "Driver called.",
      },
    ]);
    // Resolved is done: nobody acknowledges or claims it any more.
    expect((await act("ack", "SA2", BEN)).status).toBe(409);
    expect((await act("resolve", "SA2", ANN)).status).toBe(200);
  });

  it("assigns to a dispatcher, and refuses an address that is no dispatcher", async () => {
    const assigned = await act("assign", "SA1", BOSS, { to: "Ben@Example.com" });
    expect(await json<Acted>(assigned)).toMatchObject({
      item: { work: { claimedBy: BEN, assignedBy: BOSS } },
    });
    for (const to of [VAL, "nobody@example.com"]) {
      const refused = await act("assign", "SA3", ANN, { to });
      expect(refused.status).toBe(400);
      expect((await json<ErrorBody>(refused)).error.message).toContain("not a dispatcher or admin");
    }
    const released = await json<Acted>(
      await act("assign", "SA1", BEN, { to: null, note: "Off shift." }),
    );
    expect(released.item.work).toMatchObject({ note: "Off shift.", noteBy: BEN });
    expect(released.item.work.claimedBy).toBeUndefined();
  });

  it("lets viewers and wall screens see, not act: 403 with a message; 401 without a session", async () => {
    const viewer = await act("ack", "SA1", VAL);
    expect(viewer.status).toBe(403);
    expect((await json<ErrorBody>(viewer)).error.message).toBe(
      "Acting on alerts needs the dispatcher role; you are signed in as viewer.",
    );
    const screen = await act("claim", "SA1", "display");
    expect(screen.status).toBe(403);
    expect((await json<ErrorBody>(screen)).error.message).toMatch(/wall screen/);
    expect((await act("resolve", "SA1", undefined)).status).toBe(401);
    expect(
      (await act("ack", "SA1", ANN, undefined, { "sec-fetch-site": "cross-site" })).status,
    ).toBe(403);
    expect(reported).toEqual([]);
    // …and they see the alerts.
    expect((await get("", VAL)).status).toBe(200);
    expect((await get("/SA1", "display")).status).toBe(200);
  });

  it("answers 404 for an unknown alert and 400 for a bad id or body", async () => {
    expect((await act("ack", "SA404", ANN)).status).toBe(404);
    expect((await get("/SA404", ANN)).status).toBe(404);
    expect((await act("ack", "", ANN)).status).toBe(400);
    const badBodies: [Kind, unknown, string][] = [
      ["ack", "{note:", "The request body must be JSON."],
      [
        "claim",
        { takeover: true },
        'Unknown field "takeover"; send an optional note and takeOver.',
      ],
      ["resolve", { note: 7 }, "A note is text of at most 1000 characters."],
      ["resolve", { note: "x".repeat(1001) }, "A note is text of at most 1000 characters."],
      ["assign", {}, "to is the email of a dispatcher, or null to release the alert."],
      ["claim", [], "Send a JSON object with an optional note and takeOver."],
    ];
    for (const [kind, body, message] of badBodies) {
      const response = await act(kind, "SA1", ANN, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(await json<ErrorBody>(response)).toEqual({ error: { code: "bad_request", message } });
    }
  });

  it("acknowledges a selection with one note, each alert answering for itself", async () => {
    await act("resolve", "SA3", BEN);
    const response = await bulk.POST(
      new Request(`${BASE}/ack`, {
        method: "POST",
        headers: headersOf(ANN, { "content-type": "application/json" }),
        body: JSON.stringify({ ids: ["SA1", "SA2", "SA3", "nope"], note: "Seen; watching." }),
      }),
    );
    const { results } = await json<{ results: { id: string; outcome: string }[] }>(response);
    expect(results.map((result) => [result.id, result.outcome])).toEqual([
      ["SA1", "acknowledged"],
      ["SA2", "acknowledged"],
      ["SA3", "refused"],
      ["nope", "not_found"],
    ]);
    expect(reported.at(-1)).toEqual(["SA1", "SA2"]);
    const { history } = await json<{ history: { note?: string }[] }>(await get("/SA2", ANN));
    expect(history.map((event) => event.note)).toEqual(["Seen; watching."]);
  });

  it("lists who can be given an alert, to those who can give one", async () => {
    const response = await assignees.GET(
      new Request(`${BASE}/assignees`, { headers: headersOf(ANN) }),
    );
    expect(await json(response)).toEqual({
      assignees: [
        { email: ANN, role: "dispatcher" },
        { email: BEN, role: "dispatcher" },
        { email: BOSS, role: "admin" },
      ],
    });
    expect(
      (await assignees.GET(new Request(`${BASE}/assignees`, { headers: headersOf(VAL) }))).status,
    ).toBe(403);
  });
});

describe("finding alerts", () => {
  type Page = { alerts: AlertItem[]; counts: Record<string, number>; nextCursor: string | null };

  it("filters by state, severity, type, vehicle and fence, with counts per state", async () => {
    await act("claim", "SA1", ANN);
    await act("resolve", "SA2", BEN);
    const ids = async (query: string, who = ANN) =>
      (await json<Page>(await get(`?${query}`, who))).alerts.map((item) => item.alert.id);
    expect(await ids("state=open")).toEqual(["v3:speeding:1", "SA1", "SA3"]);
    expect(await ids("state=mine")).toEqual(["SA1"]);
    expect(await ids("state=mine", BEN)).toEqual([]);
    expect(await ids("state=unassigned")).toEqual(["v3:speeding:1", "SA3"]);
    expect(await ids("state=resolved")).toEqual(["SA2"]);
    expect(await ids("vehicle=v1")).toEqual(["SA1", "SA3"]);
    expect(await ids("fence=f1")).toEqual(["SA2"]);
    expect(await ids("type=speeding&state=open")).toEqual(["v3:speeding:1", "SA1"]);
    // SA3 (info, an hour unacknowledged) is escalated to a warning.
    expect(await ids("severity=warning")).toEqual(["v3:speeding:1", "SA1", "SA3"]);
    const { counts } = await json<Page>(await get("?state=open", ANN));
    expect(counts).toEqual({ open: 3, mine: 1, unassigned: 2, resolved: 1, all: 4 });
  });

  it("pages with a cursor, newest first, without repeating or skipping an alert", async () => {
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: Page = await json<Page>(
        await get(`?limit=3${cursor ? `&cursor=${cursor}` : ""}`, VAL),
      );
      seen.push(...page.alerts.map((item) => item.alert.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["v3:speeding:1", "SA2", "SA1", "SA3"]);
  });

  it.each([
    ["state=closed", "state is one of open, mine, unassigned, resolved, all."],
    ["severity=urgent", "severity is a list of info, warning, critical."],
    ["limit=0", "limit is a whole number from 1 to 500."],
    ["limit=abc", "limit is a whole number from 1 to 500."],
    ["cursor=not-ours", "cursor is the nextCursor of a previous answer."],
    ["vehicle=", "vehicle is 1 to 64 characters."],
  ])("answers 400 for %s", async (query, message) => {
    const response = await get(`?${query}`, VAL);
    expect(response.status).toBe(400);
    expect((await json<ErrorBody>(response)).error.message).toBe(message);
  });

  it("answers 401 to nobody", async () => {
    expect((await get("", undefined)).status).toBe(401);
    expect((await get("/SA1", "next-auth.session-token=forged")).status).toBe(401);
  });
});
