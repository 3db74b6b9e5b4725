/**
 * `npm run test:leak` (also a step of `npm test`): proves that no secret leaves the server.
 *
 * Builds the production bundle with a recognisable sentinel in every FleetUp variable, the auth
 * secret and the OIDC client secret, starts it against a simulator that accepts those sentinel
 * credentials, signs in, fetches every page and API route (signed out and signed in, including
 * error paths, and while the simulator answers errors that echo the credentials), then looks for
 * "LEAK-SENTINEL" and the numeric account id sentinel in .next/static, .next/server, every answer
 * and the build's and server's logs. The simulator writes a sentinel into every FleetUp token it
 * issues, so the live token is looked for too. Any hit fails with a list of where it was found.
 *
 * The build it leaves behind was made with sentinel values, so it removes .next/BUILD_ID at the
 * end: `npm run demo` then rebuilds, and the gate runs this step before its own build.
 * `--no-build` reuses the current .next (quicker when iterating on the check itself).
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { UserStore } from "@/lib/auth/user-store";
import { openDatabase, prepareDatabase } from "@/lib/db/open";
import { nextBin } from "./lib/build-if-needed";
import { simControl } from "../e2e/support/sim-control";
import { spawnTestSimulator } from "../e2e/support/simulator";
import { readEventStream } from "../e2e/support/event-stream";
import { fleetSnapshotOf } from "../e2e/support/wire";
import type { OneDisplay } from "@/lib/fleet/access";
import { serverCommand } from "./lib/next-server";
import { PROJECT_ROOT, stopProcess } from "./lib/simulator-process";

const MARK = "LEAK-SENTINEL";
const run = randomBytes(6).toString("hex");
/**
 * The account id must be a number (POST /token takes a JSON number), so it cannot carry the
 * mark: 15 random digits after a 7, a number that appears nowhere by chance.
 */
const NUMERIC_SENTINEL = `7${[...randomBytes(14)].map((byte) => byte % 10).join("")}`;
const SENTINELS = {
  FLEETUP_API_KEY: `${MARK}-APIKEY-${run}`,
  FLEETUP_ACCT_ID: NUMERIC_SENTINEL,
  FLEETUP_SECRET: `${MARK}-SECRET-${run}`,
  NEXTAUTH_SECRET: `${MARK}-AUTHSECRET-${run}-${randomBytes(12).toString("hex")}`,
  OIDC_CLIENT_SECRET: `${MARK}-OIDCSECRET-${run}`,
  METRICS_TOKEN: `${MARK}-METRICS-${run}`,
};
/** The simulator writes this into every FleetUp token it issues: the live token must not leak either. */
const TOKEN_MARKER = `${MARK}-TOKEN-${run}`;
const LOOKED_FOR: Record<string, string> = { ...SENTINELS, "the live FleetUp token": TOKEN_MARKER };
const started = Date.now();
const log = (line: string) => console.log(`[leak] ${line}`);
const findings: string[] = [];

function scan(where: string, text: string, into = findings) {
  if (!text.includes(MARK) && !text.includes(NUMERIC_SENTINEL)) return;
  const names = Object.entries(LOOKED_FOR)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
  into.push(`${where}: ${names.length > 0 ? names.join(", ") : `"${MARK}" (another run's?)`}`);
}

function scanTree(root: string) {
  const walk = (path: string) => {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stats.size < 20_000_000) {
      scan(relative(PROJECT_ROOT, path), readFileSync(path).toString("latin1"));
    }
  };
  walk(root);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

/** A tiny browser: keeps cookies, never follows redirects, records and scans every answer. */
class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}, readMs?: number): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const controller = new AbortController();
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      headers,
      redirect: "manual",
      signal: controller.signal,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === "")
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const headerText = [...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n");
    let body: string;
    const isStream = response.headers.get("content-type")?.startsWith("text/event-stream");
    if (readMs !== undefined && isStream && response.body) {
      // A stream (SSE): read it as the tests do, until its snapshot, then hang up. An open
      // stream without one is a control that failed: the check would have scanned nothing.
      const stream = readEventStream(response.body, () => controller.abort());
      const snapshot = await stream
        .waitFor((event) => event.event === "snapshot", { timeoutMs: readMs, includeSeen: true })
        .catch(() => undefined);
      stream.close();
      if (!snapshot) throw new Error(`${path} sent no snapshot within ${readMs / 1000} s`);
      await stream.ended;
      body = stream.events
        .map((event) => `id: ${event.id}\nevent: ${event.event}\ndata: ${event.data}`)
        .join("\n\n");
    } else {
      body = await response.text();
    }
    scan(`${init.method ?? "GET"} ${path} (${response.status})`, `${headerText}\n${body}`);
    return new Response(body, { status: response.status, headers: response.headers });
  }

  async signIn(email: string, password: string): Promise<number> {
    const { csrfToken } = (await (await this.request("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    });
    return response.status;
  }
}

const PAGES = [
  "/",
  "/sign-in",
  "/sign-in?callbackUrl=%2Fwall",
  "/wall",
  "/admin/displays",
  "/display/v1.AAAAAAAAAAAAAAAA.0.forged",
  "/no-such-page",
];
const APIS = [
  "/api/health",
  "/api/metrics",
  "/api/fleet/snapshot",
  "/api/fleet/fences",
  "/api/fleet/vehicles/no-such-vehicle",
  "/api/admin/users",
  "/api/admin/displays",
  "/api/auth/providers",
  "/api/auth/session",
  "/api/auth/signin",
  "/api/auth/error?error=Configuration",
];

async function visitEverything(client: Client, label: string) {
  for (const path of [...PAGES, ...APIS]) await client.request(path);
  await client.request("/api/fleet/stream", { headers: { accept: "text/event-stream" } }, 10_000);
  // What a scraper with the metrics token reads: every metric, and health's details.
  const scraper = { authorization: `Bearer ${SENTINELS.METRICS_TOKEN}` };
  for (const path of ["/api/metrics", "/api/health"])
    await client.request(path, { headers: scraper });
  log(`fetched ${PAGES.length} pages, ${APIS.length + 3} API routes ${label}`);
}

async function main() {
  const noBuild = process.argv.includes("--no-build");
  const work = mkdtempSync(join(tmpdir(), "fleet-leak-"));
  const port = await freePort();
  // The simulator prints the credentials it accepts: a known leak the scanner must see, or the
  // check itself is broken (a control, not a finding).
  const control: string[] = [];
  const sim = await spawnTestSimulator(
    [
      "--api-key",
      SENTINELS.FLEETUP_API_KEY,
      "--acct-id",
      SENTINELS.FLEETUP_ACCT_ID,
      "--secret",
      SENTINELS.FLEETUP_SECRET,
      "--token-marker",
      TOKEN_MARKER,
      "--vehicles",
      "5",
    ],
    { onLine: (line) => scan("simulator output (control)", line, control) },
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...SENTINELS,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    FLEETUP_BASE_URL: sim.url,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    // A lab on plain http: FleetUp mode otherwise wants an https NEXTAUTH_URL.
    ALLOW_INSECURE_HTTP: "1",
    // An issuer nobody answers: signing in with it exercises the OIDC error path and its logs.
    OIDC_ISSUER: "http://127.0.0.1:9/leak-check-issuer",
    OIDC_CLIENT_ID: "leak-check",
    USERS_FILE: join(work, "users.json"),
    DISPLAYS_FILE: join(work, "displays.json"),
    DATABASE_DIR: join(work, "db"),
  };
  let server: ReturnType<typeof spawn> | undefined;
  let serverLog = "";
  try {
    if (!noBuild) {
      log("building with sentinel values in every secret (next build)…");
      const build = spawnSync(process.execPath, [nextBin(), "build"], {
        cwd: PROJECT_ROOT,
        env,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      });
      scan("the build's output", `${build.stdout}\n${build.stderr}`);
      if (build.status !== 0) {
        console.error(build.stdout, build.stderr);
        throw new Error("next build failed");
      }
      log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const checkStarted = Date.now();
    const config = { dir: env.DATABASE_DIR! };
    const database = await openDatabase(config, "cli");
    await prepareDatabase(database, config, { usersFile: "", displaysFile: "" }, () => {});
    const store = new UserStore(database.db);
    const adminPassword = randomBytes(12).toString("hex");
    const viewerPassword = randomBytes(12).toString("hex");
    await store.add({ email: "leak-admin@example.com", role: "admin", password: adminPassword });
    await store.add({ email: "leak-viewer@example.com", role: "viewer", password: viewerPassword });
    await database.close();

    const [command, ...args] = serverCommand(port);
    server = spawn(command!, args, {
      cwd: PROJECT_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
    server.stderr!.on("data", (chunk: Buffer) => (serverLog += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    while (
      !(await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || server.exitCode !== null) {
        throw new Error(`the server did not start:\n${serverLog}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await visitEverything(new Client(base), "signed out");

    const stranger = new Client(base);
    await stranger.signIn("leak-admin@example.com", "wrong-password");
    await stranger.signIn("nobody@example.com", "wrong-password");
    const { csrfToken } = (await (await stranger.request("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    await stranger.request("/api/auth/signin/oidc", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    await stranger.request("/api/auth/callback/oidc?code=x&state=y");

    const viewer = new Client(base);
    if ((await viewer.signIn("leak-viewer@example.com", viewerPassword)) !== 200) {
      throw new Error("could not sign in as the viewer");
    }
    await viewer.request("/api/admin/users");

    const admin = new Client(base);
    if ((await admin.signIn("leak-admin@example.com", adminPassword)) !== 200) {
      throw new Error("could not sign in as the admin");
    }
    // Wait for the scheduler's first snapshot, so the upstream calls (token, positions) ran.
    let vehicleId: string | undefined;
    for (let attempt = 0; attempt < 40 && !vehicleId; attempt += 1) {
      const response = await admin.request("/api/fleet/snapshot");
      if (response.ok) {
        const snapshot = await fleetSnapshotOf(response);
        vehicleId = snapshot.vehicles[0]?.id;
      }
      if (!vehicleId) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // A control: the server did use the sentinel credentials against the simulator.
    if (!vehicleId) throw new Error("no snapshot with a vehicle within 20 s: upstream not used");
    await admin.request(`/api/fleet/vehicles/${encodeURIComponent(vehicleId)}`);
    await visitEverything(admin, "signed in as admin");

    // FleetUp answers errors that echo the account id, the api key and the token: its words
    // reach health and the log, redacted. Wait until the poller has met them, then look again.
    await simControl(sim.url).configure({ faults: { errorRate: 1, errorStatus: 400 } });
    let echoed = false;
    for (let attempt = 0; attempt < 40 && !echoed; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      echoed = (await (await admin.request("/api/health")).text()).includes("simulated fault");
    }
    if (!echoed) throw new Error("health never showed FleetUp's error words within 20 s");
    await visitEverything(admin, "signed in, FleetUp failing");
    await simControl(sim.url).resetFaults();

    // A wall screen's display session, before and after its link is revoked.
    const created = await admin.request("/api/admin/displays", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Leak check screen", expiresInDays: 1 }),
    });
    const { display } = (await created.json()) as OneDisplay;
    const screen = new Client(base);
    if ((await screen.request(new URL(display.link!).pathname)).status !== 303) {
      throw new Error("could not open the display link");
    }
    await visitEverything(screen, "as a display");
    await admin.request(`/api/admin/displays/${display.id}`, { method: "DELETE" });
    await visitEverything(screen, "as a revoked display");
    const { csrfToken: adminCsrf } = (await (await admin.request("/api/auth/csrf")).json()) as {
      csrfToken: string;
    };
    await admin.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: adminCsrf, json: "true" }),
    });
    await admin.request("/");

    await stopProcess(server);
    scan("the server's log", serverLog);
    scanTree(join(PROJECT_ROOT, ".next", "static"));
    scanTree(join(PROJECT_ROOT, ".next", "server"));
    log(`checked in ${((Date.now() - checkStarted) / 1000).toFixed(1)} s`);
  } finally {
    if (server) await stopProcess(server);
    await sim.stop();
    rmSync(work, { recursive: true, force: true });
    // This build carries sentinel settings' traces if anything leaked; never reuse it.
    if (!noBuild) rmSync(join(PROJECT_ROOT, ".next", "BUILD_ID"), { force: true });
  }

  if (control.length === 0) {
    console.error(
      "[leak] FAILED: the control failed: the scanner did not see the sentinel credentials the simulator prints at start (did its output change?)",
    );
    process.exit(1);
  }
  if (findings.length > 0) {
    console.error(`[leak] FAILED: a secret left the server in ${findings.length} place(s):`);
    for (const finding of findings) console.error(`  - ${finding}`);
    process.exit(1);
  }
  log(
    `ok: no sentinel in .next/static, .next/server, any page, any API answer or the logs (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(`[leak] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
