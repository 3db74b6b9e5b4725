import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signDisplayToken, tokenOf } from "@/lib/auth/display-links";
import { UserStore } from "@/lib/auth/user-store";
import type { DatabaseHandle } from "@/lib/db/database";
import { installTestDatabase } from "@/e2e/support/test-database";
import { DEFAULT_STATUS_THRESHOLDS } from "@/lib/fleet/status";
import { FleetState } from "@/lib/live/fleet-state";
import { FleetMirror } from "@/lib/live/mirror";

/**
 * Bad input gets a clear answer and loses nothing: the alert routes, fed a seeded stream of bad
 * ids, bad bodies, bad queries and every kind of caller (nobody, forged cookies, a viewer, a
 * wall screen, dispatchers, an admin), answer 2xx or 4xx with the one error body, never a 5xx.
 */
const env = {
  authSecret: "f".repeat(32),
  publicUrl: undefined,
  upstream: { mode: "fleetup" as const },
  auth: { usersFile: "", displaysFile: "", sessionMaxAgeS: 43_200, sessionIdleS: 1800 },
  alerts: { escalateAfterMs: 300_000 },
};
vi.mock("@/lib/env", () => ({ getEnv: () => env }));
const live = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock("@/lib/live/service", () => ({ getLiveService: () => live.current }));

const routes = {
  list: await import("./route"),
  detail: await import("./[id]/route"),
  bulk: await import("./ack/route"),
  assignees: await import("./assignees/route"),
  ack: await import("./[id]/ack/route"),
  claim: await import("./[id]/claim/route"),
  assign: await import("./[id]/assign/route"),
  resolve: await import("./[id]/resolve/route"),
};

const NOW = Date.now();
const KNOWN = ["SA1", "SA2", "dev:speeding:1", "fence:v1:Acme DC:1"];
let handle: DatabaseHandle;
const callers: (string | undefined)[] = [undefined, "next-auth.session-token=forged", "x=y;;;="];

beforeAll(async () => {
  handle = await installTestDatabase();
  const users = new UserStore(handle.db, {
    hashParams: { N: 2 ** 10, r: 8, p: 1 },
    now: () => new Date(NOW - 3_600_000),
  });
  const nowS = Math.floor(NOW / 1000);
  for (const [email, role] of [
    ["ann@example.com", "dispatcher"],
    ["ben@example.com", "dispatcher"],
    ["val@example.com", "viewer"],
    ["boss@example.com", "admin"],
  ] as const) {
    await users.add({ email, role, password: "long-enough" });
    const token = await encode({
      secret: env.authSecret,
      token: { email, sid: `sid-${email}`, signedInAt: nowS, lastSeen: nowS },
    });
    callers.push(`next-auth.session-token=${token}`);
  }
  // A wall screen that opened its display link: the cookie holds the session it got.
  const { getDisplayStore, openDisplayLink } = await import("@/lib/auth/displays");
  const screen = await (await getDisplayStore()).create("Lobby", null, "boss@example.com");
  const opened = await openDisplayLink(signDisplayToken(tokenOf(screen), env.authSecret));
  callers.push(`fleet-live.display=${opened!.session}`);

  const poller = new FleetState(
    { positions: 10_000, trips: 30_000, alerts: 30_000, fences: 600_000, devices: 600_000 },
    DEFAULT_STATUS_THRESHOLDS,
  );
  const mirror = new FleetMirror();
  const alerts = KNOWN.map((id, index) => ({
    id,
    type: "speeding",
    severity: "warning" as const,
    time: NOW - index * 1000,
    deviceId: "v1",
  }));
  mirror.apply(poller.succeeded({ feed: "alerts", alerts }, NOW));
  live.current = {
    mirror,
    reportAlertWork(work: never[]) {
      const delta = poller.applyWork(work, Date.now());
      if (delta) mirror.apply(delta);
    },
  };
});
afterAll(() => handle.close());

/** A small seeded generator (mulberry32): the same run every time, a seed to reproduce. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick };
}

const ODD_TEXT = [
  "",
  " ",
  "SA404",
  "x".repeat(300),
  "\u0000",
  "line\nbreak",
  "../../etc/passwd",
  "%",
  "%E0%A4%A",
  "🚚",
  "'; drop table alert_work; --",
  "<script>",
];

function value(rng: ReturnType<typeof random>, depth = 0): unknown {
  const kinds = ["string", "number", "bool", "null", "array", "object", "email", "big"] as const;
  switch (rng.pick(depth > 2 ? kinds.slice(0, 4) : kinds)) {
    case "string":
      return rng.pick(ODD_TEXT);
    case "number":
      return rng.pick([0, -1, 1e308, Number.MAX_SAFE_INTEGER, 0.5]);
    case "bool":
      return rng.next() < 0.5;
    case "null":
      return null;
    case "array":
      return [value(rng, depth + 1), value(rng, depth + 1)];
    case "email":
      return rng.pick(["ann@example.com", "val@example.com", "nobody@example.com", "not-an-email"]);
    case "big":
      return "n".repeat(rng.pick([999, 1000, 1001, 100_000]));
    case "object":
      return Object.fromEntries(
        [...Array(rng.pick([0, 1, 2, 3]))].map(() => [
          rng.pick(["note", "to", "takeOver", "ids", "takeover", "__proto__", "constructor"]),
          value(rng, depth + 1),
        ]),
      );
  }
}

function body(rng: ReturnType<typeof random>): string | undefined {
  switch (rng.pick(["none", "json", "text", "valid"] as const)) {
    case "none":
      return undefined;
    case "text":
      return rng.pick(["{", "nul", "{note:1}", "[]]", "\u0000"]);
    case "valid":
      return JSON.stringify(
        rng.pick([
          {},
          { note: "Seen." },
          { takeOver: true },
          { to: "ben@example.com" },
          { to: null },
          { ids: KNOWN.slice(0, 2), note: "Bulk." },
        ]),
      );
    case "json":
      return JSON.stringify(value(rng));
  }
}

type ErrorBody = { error?: { code?: unknown; message?: unknown } };

describe("the alert routes under fuzzing", () => {
  it(
    "answer every bad id, body, query and caller with 2xx or 4xx and the one error body",
    { timeout: 120_000 },
    async () => {
      const rng = random(15);
      const seen = new Map<number, number>();
      for (let round = 0; round < 400; round += 1) {
        const cookie = rng.pick(callers);
        const headers: Record<string, string> = {
          ...(cookie ? { cookie } : {}),
          ...(rng.next() < 0.1 ? { "sec-fetch-site": rng.pick(["cross-site", "same-site"]) } : {}),
          ...(rng.next() < 0.8 ? { "content-type": "application/json" } : {}),
        };
        const id = rng.next() < 0.5 ? rng.pick(KNOWN) : rng.pick(ODD_TEXT);
        const kind = rng.pick([
          "list",
          "detail",
          "bulk",
          "assignees",
          "ack",
          "claim",
          "assign",
          "resolve",
        ] as const);
        const context = { params: Promise.resolve({ id }) };
        let response: Response;
        const what = `round ${round}: ${kind} ${JSON.stringify(id).slice(0, 40)}`;
        if (kind === "list" || kind === "assignees") {
          const query = new URLSearchParams(
            [...Array(rng.pick([0, 1, 2, 3]))].map(() => [
              rng.pick(["state", "severity", "type", "vehicle", "fence", "limit", "cursor", "x"]),
              String(value(rng)),
            ]),
          );
          const request = new Request(`http://127.0.0.1/api/alerts?${query}`, { headers });
          response = await routes[kind].GET(request);
        } else if (kind === "detail") {
          const request = new Request("http://127.0.0.1/api/alerts/x", { headers });
          response = await routes.detail.GET(request, context);
        } else {
          const request = new Request("http://127.0.0.1/api/alerts/x/y", {
            method: "POST",
            headers,
            body: body(rng),
          });
          response =
            kind === "bulk"
              ? await routes.bulk.POST(request)
              : await routes[kind].POST(request, context);
        }
        seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
        expect(response.status, what).toBeLessThan(500);
        if (response.status >= 400) {
          const answer = (await response.json()) as ErrorBody;
          expect(typeof answer.error?.code, what).toBe("string");
          expect(typeof answer.error?.message, what).toBe("string");
        }
      }
      // The run reached every kind of answer, so it tested something.
      expect([...seen.keys()].sort()).toEqual(
        expect.arrayContaining([200, 400, 401, 403, 404, 409]),
      );
    },
  );
});
