import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { OneDisplay } from "../lib/fleet/access";
import { serverCommand, startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { PROJECT_ROOT, stopProcess } from "../scripts/lib/simulator-process";
import { signedInCookie, wrongPassword } from "./support/auth";
import { appRoutes, fuzzRequests, type FuzzRequest } from "./support/fuzz";
import { E2E_PORT } from "./support/servers";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";

/**
 * The proofs behind docs/sign-in.md's table of threats, against a server of its own (its sign-in
 * counts and streams must not touch the suite's shared server): guessing bursts, forged
 * addresses, a production start without FleetUp credentials, per-session streams, the metrics
 * token, and a fuzz of every route with malformed requests.
 */
const PORT = Number(process.env.E2E_SECURITY_PORT ?? E2E_PORT + 51);
const REFUSED_PORT = PORT + 1;
const WORK = join("test-results", "security");
const PER_ACCOUNT = 5;
const PER_ADDRESS = 12;
const METRICS_TOKEN = "security-spec-metrics-token";

test.describe.configure({ mode: "serial", timeout: 180_000 });

let sim: SpawnedSimulator;
let server: RunningServer;
const cookies: Record<"viewer" | "admin" | "display", string> = {
  viewer: "",
  admin: "",
  display: "",
};

test.beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  sim = await spawnTestSimulator(["--vehicles", "10"]);
  server = await startNextServer({
    port: PORT,
    env: {
      SIMULATOR_URL: sim.url,
      FLEETUP_MODE: "simulator",
      POLL_POSITIONS_S: "2",
      DATABASE_DIR: join(WORK, "db"),
      USERS_FILE: join(WORK, "users.json"),
      DISPLAYS_FILE: join(WORK, "displays.json"),
      SIGNIN_MAX_ATTEMPTS: String(PER_ACCOUNT),
      SIGNIN_MAX_ATTEMPTS_PER_ADDRESS: String(PER_ADDRESS),
      STREAMS_PER_SESSION: "2",
      METRICS_TOKEN,
    },
  });
  // Sessions first: the throttle tests below leave this address waiting.
  cookies.viewer = await signedInCookie("viewer", server.url);
  cookies.admin = await signedInCookie("admin", server.url);
  cookies.display = await displaySession(cookies.admin);
});

test.afterAll(async () => {
  await server?.stop();
  await sim?.stop();
});

/** A wall screen: an admin makes a link, the screen opens it and keeps the session cookie. */
async function displaySession(admin: string): Promise<string> {
  const created = await fetch(`${server.url}/api/admin/displays`, {
    method: "POST",
    headers: { cookie: admin, "content-type": "application/json" },
    body: JSON.stringify({ name: "Security spec screen" }),
  });
  const { display } = (await created.json()) as OneDisplay;
  const opened = await fetch(`${server.url}${new URL(display.link!).pathname}`, {
    redirect: "manual",
  });
  expect(opened.status).toBe(303);
  return opened.headers.getSetCookie()[0]!.split(";")[0]!;
}

const attempt = (email: string, headers: Record<string, string> = {}) =>
  wrongPassword(server.url, email, headers);

/** fleet_signin_attempts_total by outcome, from /api/metrics. */
async function attemptsByOutcome(): Promise<Record<string, number>> {
  const text = await (
    await fetch(`${server.url}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    })
  ).text();
  const counts: Record<string, number> = {};
  for (const match of text.matchAll(/^fleet_signin_attempts_total\{outcome="(\w+)"\} (\d+)$/gm)) {
    counts[match[1]!] = Number(match[2]);
  }
  return counts;
}

const verified = (counts: Record<string, number>) => (counts.signed_in ?? 0) + (counts.failed ?? 0);

test("a parallel burst of 40 wrong passwords for one account checks at most the limit", async () => {
  const before = await attemptsByOutcome();
  const answers = await Promise.all(Array.from({ length: 40 }, () => attempt("viewer@demo.local")));
  const after = await attemptsByOutcome();
  const checked = verified(after) - verified(before);
  test.info().annotations.push({ type: "passwords checked of 40", description: String(checked) });
  expect(checked).toBeGreaterThan(0);
  expect(checked).toBeLessThanOrEqual(PER_ACCOUNT);
  expect(answers.filter((error) => error === "CredentialsSignin")).toHaveLength(checked);
  for (const error of answers.filter((each) => each !== "CredentialsSignin")) {
    expect(error).toMatch(/^(Busy|Throttled-\d+)$/);
  }
  // One at a time, the rest of the limit is checked, and then the account waits.
  let more = 0;
  let last: string | null = "CredentialsSignin";
  while (last === "CredentialsSignin" && more <= PER_ACCOUNT) {
    last = await attempt("viewer@demo.local");
    if (last === "CredentialsSignin") more += 1;
  }
  expect(last).toMatch(/^Throttled-\d+$/);
  expect(checked + more).toBe(PER_ACCOUNT);
});

test("a forged X-Forwarded-For does not reset the per-address limit", async () => {
  // Each attempt names another account (no account limit) and claims another address, also in
  // the header the server records the TCP peer in (it must overwrite what a client sends).
  let refusedAt: number | undefined;
  for (let index = 0; index <= PER_ADDRESS && refusedAt === undefined; index += 1) {
    const error = await attempt(`guess-${index}@example.com`, {
      "x-forwarded-for": `203.0.113.${index + 1}`,
      "x-fleet-live-peer": `192.0.2.${index + 100}`,
    });
    if (error?.startsWith("Throttled-")) refusedAt = index;
  }
  expect(refusedAt, "the address was throttled within its limit").toBeDefined();
  for (let index = 0; index < 5; index += 1) {
    const error = await attempt(`other-${index}@example.com`, {
      "x-forwarded-for": `198.51.100.${index + 1}, 192.0.2.${index + 1}`,
    });
    expect(error).toMatch(/^Throttled-\d+$/);
  }
});

test("a production server without FleetUp credentials refuses to start, in one line", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  // As an operator would start it: `npm start` makes it production.
  for (const name of [
    "NODE_ENV",
    "FLEETUP_MODE",
    "FLEETUP_API_KEY",
    "FLEETUP_ACCT_ID",
    "FLEETUP_SECRET",
  ]) {
    delete env[name];
  }
  const [command, ...args] = serverCommand(REFUSED_PORT);
  const child = spawn(command!, args, {
    cwd: PROJECT_ROOT,
    env: { ...env, DATABASE_DIR: join(WORK, "refused-db"), USERS_FILE: join(WORK, "none.json") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    expect(code).toBe(1);
    expect(output).toMatch(
      /Fleet Live cannot start\. Missing environment variable FLEETUP_MODE: no FleetUp credentials are set; set FLEETUP_API_KEY, FLEETUP_ACCT_ID and FLEETUP_SECRET, or FLEETUP_MODE=simulator/,
    );
    const answered = await fetch(`http://127.0.0.1:${REFUSED_PORT}/api/health`).then(
      () => true,
      () => false,
    );
    expect(answered).toBe(false);
  } finally {
    await stopProcess(child);
  }
});

test("one session holds at most STREAMS_PER_SESSION streams; the next is a 429 with Retry-After", async () => {
  const controllers: AbortController[] = [];
  const open = async (cookie = cookies.viewer) => {
    const controller = new AbortController();
    controllers.push(controller);
    return fetch(`${server.url}/api/fleet/stream`, {
      headers: { cookie, accept: "text/event-stream" },
      signal: controller.signal,
    });
  };
  try {
    expect((await open()).status).toBe(200);
    expect((await open()).status).toBe(200);
    const third = await open();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await third.json()).toMatchObject({ error: { code: "too_many_requests" } });
    // Another session is not held back by this one.
    expect((await open(cookies.admin)).status).toBe(200);
  } finally {
    for (const controller of controllers) controller.abort();
  }
});

test("metrics need the metrics token; health tells a stranger only ok or degraded", async () => {
  const metrics = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/metrics`, { headers });
  expect((await metrics({})).status).toBe(401);
  expect((await metrics({ authorization: "Bearer not-the-token" })).status).toBe(401);
  expect((await metrics({ cookie: cookies.admin })).status).toBe(401);
  const scraped = await metrics({ authorization: `Bearer ${METRICS_TOKEN}` });
  expect(scraped.status).toBe(200);
  expect(await scraped.text()).toContain("fleet_signin_attempts_total");

  const health = async (headers: Record<string, string>) =>
    (await (await fetch(`${server.url}/api/health`, { headers })).json()) as Record<
      string,
      unknown
    >;
  expect(Object.keys(await health({}))).toEqual(["status"]);
  const entitled: Array<Record<string, string>> = [
    { cookie: cookies.viewer },
    { cookie: cookies.display },
    { authorization: `Bearer ${METRICS_TOKEN}` },
  ];
  for (const headers of entitled) {
    expect(await health(headers)).toHaveProperty("build");
  }
});

test("the requests that answered 500 before get a 4xx with the error body", async () => {
  const found: Array<[string, string, RequestInit?]> = [
    ["signed out", "/api/fleet/vehicles/%C0%AF"],
    ["viewer", "/api/fleet/vehicles/%C0%AF"],
    ["viewer", "/api/fleet/vehicles/%FF"],
    ["signed out", "/display/%zz"],
    ["signed out", "/api/auth/%zz"],
    ["signed out", "/api/auth/callback/credentials"],
    ["signed out", "/api/auth/signin?callbackUrl=javascript:alert(1)"],
    ["signed out", "/api/auth/csrf?callbackUrl=javascript:alert(1)"],
    [
      "signed out",
      "/api/auth/callback/credentials",
      { method: "POST", body: "{", headers: { "content-type": "application/json" } },
    ],
    [
      "signed out",
      "/api/auth/signout",
      { method: "POST", body: "[", headers: { "content-type": "application/json" } },
    ],
    [
      "admin",
      "/api/auth/session",
      { method: "POST", body: "\u0000", headers: { "content-type": "text/plain" } },
    ],
  ];
  for (const [who, path, init] of found) {
    const cookie = who === "signed out" ? undefined : cookies[who as "viewer" | "admin"];
    const response = await fetch(`${server.url}${path}`, {
      redirect: "manual",
      ...init,
      headers: { ...(init?.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    const label = `${who}: ${init?.method ?? "GET"} ${path}`;
    expect(response.status, label).toBeGreaterThanOrEqual(400);
    expect(response.status, label).toBeLessThan(500);
    expect(isErrorBody(await response.text()), label).toBe(true);
  }
});

test("nobody can write to the server's log through next-auth's _log endpoint", async () => {
  // What next-auth's client posts when it reports an error; the handler would log its text.
  const response = await fetch(`${server.url}/api/auth/_log`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ level: "error", code: "FORGED", message: "forged log line" }),
  });
  expect(response.status).toBe(404);
  expect(isErrorBody(await response.text())).toBe(true);
});

test("no malformed request to any route answers 5xx; every 4xx has a body", async () => {
  const routes = appRoutes();
  // The folder walk finds what the app serves, including routes added after this test.
  expect(routes.map((route) => route.template)).toEqual(
    expect.arrayContaining(["/api/fleet/stream", "/api/auth/[...nextauth]", "/display/[token]"]),
  );
  const identities = {
    "signed out": "",
    viewer: cookies.viewer,
    admin: cookies.admin,
    "a wall screen": cookies.display,
  };
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  for (const [who, cookie] of Object.entries(identities)) {
    // Every route, every method, at least 300 requests for each identity.
    const requests = fuzzRequests(routes, Math.max(14, Math.ceil(300 / routes.length)), who.length);
    expect(requests.length).toBeGreaterThanOrEqual(300);
    for (let at = 0; at < requests.length; at += 6) {
      const batch = requests.slice(at, at + 6);
      await Promise.all(
        batch.map(async (request) => {
          const status = await send(request, cookie, failures, who);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }),
      );
      sent += batch.length;
    }
  }
  test.info().annotations.push({
    type: "fuzzed",
    description: `${sent} requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  });
  expect(failures).toEqual([]);
  // The server is still well afterwards.
  expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
});

/** Sends one fuzz request; records what is wrong with its answer in `failures`. */
async function send(
  request: FuzzRequest,
  cookie: string,
  failures: string[],
  who: string,
): Promise<number> {
  const headers = { ...request.headers };
  if (cookie) headers.cookie = [cookie, headers.cookie].filter(Boolean).join("; ");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  const label = `${who}: ${request.method} ${request.path.slice(0, 120)} ${JSON.stringify(request.headers).slice(0, 120)}`;
  try {
    const response = await fetch(`${server.url}${request.path}`, {
      method: request.method,
      headers,
      body: request.body as BodyInit | undefined,
      redirect: "manual",
      signal: controller.signal,
    });
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      controller.abort(); // a live stream that opened: nothing more to read
      return response.status;
    }
    const body = await response.text();
    if (response.status >= 500)
      failures.push(`${label} → ${response.status} ${body.slice(0, 200)}`);
    if (response.status >= 400 && request.method !== "HEAD") {
      if (body.length === 0) failures.push(`${label} → ${response.status} without a body`);
      else if (request.path.startsWith("/api/") && !isErrorBody(body)) {
        failures.push(`${label} → ${response.status} not the error body: ${body.slice(0, 120)}`);
      }
    }
    return response.status;
  } catch (error) {
    failures.push(`${label} → no answer (${(error as Error).message})`);
    return 0;
  } finally {
    clearTimeout(timer);
  }
}

function isErrorBody(text: string): boolean {
  try {
    const { error } = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof error?.code === "string" && typeof error.message === "string";
  } catch {
    return false;
  }
}
