import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import type { OneDisplay } from "../lib/fleet/access";
import type { AlertActionResult, AlertPage } from "../lib/fleet/alert-work";
import {
  expect as baseExpect,
  signInThroughForm,
  test,
  watchForCspViolations,
  type DemoRole,
} from "./fixtures/auth";
import { seriousViolations } from "./support/axe";
import { openDashboard, sim, simFleet } from "./support/dashboard";
import { ensureUser } from "./support/users";
import { openWall } from "./support/wall";

/**
 * Alerts as shared work, on the suite's server: two dispatchers in two browsers and a wall
 * screen (a display link) watch the same alert; what one does reaches the others within 2 s
 * through the stream. (A claim crossing instances, and surviving a restart of every instance,
 * is in multi-instance.spec.ts.)
 */
const A = "dispatcher@demo.local";
const B = "night-dispatcher@example.com";
const B_PASSWORD = "night-shift-password";
/** Live for everyone: a change reaches every open screen within this. */
const LIVE_MS = 2_000;
/**
 * What is not a latency promise (a page drawing its list again) gets time on a loaded machine;
 * what is one says LIVE_MS.
 */
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.configure({ mode: "serial", timeout: 240_000 });

/** A fresh critical alert: a vehicle driven into the restricted fence. Its id and its vehicle. */
async function raiseCriticalAlert(api: APIRequestContext) {
  const { vehicles, fences } = await simFleet();
  const restricted = fences.find((fence) => fence.fenceName.startsWith("Restricted"))!;
  const points = (restricted as unknown as { polygon: { lat: number; lng: number }[] }).polygon;
  const inside = {
    lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length,
    lng: points.reduce((sum, p) => sum + p.lng, 0) / points.length,
  };
  const vehicle = vehicles.find((v) => !v.fenceIds.includes(restricted.fenceId) && v.online)!;
  const since = Date.now() - 60_000;
  await sim.move(vehicle.devId, { ...inside, speed: 0 });
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const query = `/api/alerts?vehicle=${vehicle.devId}&type=fence_enter&state=open`;
        const { alerts } = (await (await api.get(query)).json()) as AlertPage;
        id = alerts.find((item) => item.alert.time >= since && item.severity === "critical")?.alert
          .id;
        return id;
      },
      { timeout: 30_000 },
    )
    .toBeTruthy();
  return { id: id!, vehicle, fence: restricted };
}

async function signedInPage(browser: Browser, baseURL: string, violations: string[]) {
  const context = await browser.newContext({ baseURL });
  await watchForCspViolations(context, violations);
  const page = await context.newPage();
  await signInThroughForm(page, B, B_PASSWORD);
  await page.waitForURL((url) => url.pathname === "/");
  return page;
}

const row = (page: Page, id: string) =>
  page.getByRole("listitem").filter({ has: page.locator(`[data-alert-id="${id}"]`) });
const actionButton = (page: Page) =>
  page
    .getByTestId("alert-detail")
    .getByRole("button", { name: /^(Acknowledge|Claim|Take over|Release|Assign|Resolve)$/ });

test("two dispatchers and a wall share an alert's work live; a viewer sees it all, with no buttons", async ({
  browser,
  baseURL,
  pageAs,
  apiAs,
  cspViolations,
}) => {
  ensureUser(B, "dispatcher", B_PASSWORD);
  const admin = await apiAs("admin");
  const created = await admin.post("/api/admin/displays", { data: { name: "Alert desk wall" } });
  const { display } = (await created.json()) as OneDisplay;

  const a = await pageAs("dispatcher");
  const b = await signedInPage(browser, baseURL!, cspViolations);
  const screen = await browser.newContext({ baseURL, viewport: { width: 1920, height: 1080 } });
  await watchForCspViolations(screen, cspViolations);
  const wall = await screen.newPage();
  await wall.goto(new URL(display.link!).pathname);
  // The camera stays on the fleet: no alert card, so the alert is only in the rail.
  await openWall(wall, "?focus=0");
  await openDashboard(a);
  await openDashboard(b);

  const { id, vehicle, fence } = await raiseCriticalAlert(await apiAs("dispatcher"));
  try {
    // New, on every screen; B's screen reader hears of it.
    await expect(row(b, id).getByTestId("alert-work")).toHaveText("New", { timeout: 15_000 });
    await expect(b.getByTestId("alert-announcer")).toContainText(
      `Critical alert: Entered fence, ${vehicle.name}, ${fence.fenceName}.`,
    );
    const onWall = wall.locator(`[data-alert-id="${id}"]`);
    await expect(onWall.getByTestId("wall-alert-work")).toHaveText("Unacknowledged");

    // A claims it: B and the wall show A's claim within 2 s.
    await row(a, id).locator("[data-alert-id]").click();
    await expect(a.getByTestId("alert-detail")).toHaveAttribute("data-alert-id", id);
    const claimed = a.waitForResponse((r) => r.url().endsWith(`/claim`));
    await a.getByRole("button", { name: "Claim", exact: true }).click();
    expect((await claimed).status()).toBe(200);
    await Promise.all([
      expect(row(b, id).getByTestId("alert-work")).toHaveText("Claimed by dispatcher", {
        timeout: LIVE_MS,
      }),
      expect(onWall.getByTestId("wall-alert-work")).toHaveText("Claimed by dispatcher", {
        timeout: LIVE_MS,
      }),
    ]);
    await expect(a.getByTestId("alert-detail-state")).toHaveText("Claimed by you");

    // B cannot resolve it: no Resolve button, and the server refuses with the reason.
    await row(b, id).locator("[data-alert-id]").click();
    await expect(b.getByTestId("alert-detail")).toContainText(
      "dispatcher is handling this alert; take it over to act on it.",
    );
    await expect(actionButton(b)).toHaveText(["Take over"]);
    const refused = await b.request.post(`/api/alerts/${encodeURIComponent(id)}/resolve`, {
      data: { note: "Done here." },
    });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      `${A} is handling this alert; take it over to resolve it.`,
    );

    // B takes it over; A sees that within 2 s, and the history records it.
    await b.getByRole("button", { name: "Take over" }).click();
    await expect(a.getByTestId("alert-detail-state")).toHaveText("Claimed by night-dispatcher", {
      timeout: LIVE_MS,
    });
    await expect(a.getByTestId("alert-event").last()).toContainText(`${B} took it over from ${A}`);

    // A takes it back and resolves it with a note; B sees it resolved, the wall lets it go.
    await a.getByRole("button", { name: "Take over" }).click();
    await expect(a.getByTestId("alert-detail-state")).toHaveText("Claimed by you");
    await a.getByLabel("Note (optional)").fill("Driver called: wrong turn, already out.");
    await a.getByRole("button", { name: "Resolve" }).click();
    await Promise.all([
      expect(b.getByTestId("alert-detail-state")).toHaveText("Resolved by dispatcher", {
        timeout: LIVE_MS,
      }),
      expect(onWall).toHaveCount(0, { timeout: LIVE_MS }),
    ]);
    await expect(actionButton(b)).toHaveCount(0);
    await expect(b.getByTestId("alert-event")).toHaveText([
      new RegExp(`^${A} claimed it`),
      new RegExp(`^${B} took it over from ${A}`),
      new RegExp(`^${A} took it over from ${B}`),
      new RegExp(`^${A} resolved it.*Driver called: wrong turn, already out\\.`),
    ]);

    // A viewer sees all of it, and has no button to act and nothing to select.
    const viewer = await pageAs("viewer");
    await openDashboard(viewer, `?alerts=all&alert=${encodeURIComponent(id)}`);
    await expect(viewer.getByTestId("alert-detail-state")).toHaveText("Resolved by dispatcher");
    await expect(viewer.getByTestId("alert-event")).toHaveCount(4);
    await expect(viewer.getByTestId("alert-detail")).toContainText("wrong turn, already out");
    await expect(actionButton(viewer)).toHaveCount(0);
    await viewer.getByRole("button", { name: "← All alerts" }).click();
    await expect(row(viewer, id).getByTestId("alert-work")).toContainText("Resolved by dispatcher");
    await expect(viewer.getByRole("checkbox")).toHaveCount(0);
    const forbidden = await viewer.request.post(`/api/alerts/${encodeURIComponent(id)}/ack`, {
      data: {},
    });
    expect(forbidden.status()).toBe(403);
  } finally {
    await sim.release(vehicle.devId);
    await screen.close();
  }
});

/** What a page did to draw attention, recorded as it calls the browser's own APIs. */
type Attention = { tones: number[]; notifications: { title: string; body: string }[] };

/** Records each tone (its pitch) and each desktop notification the pages of `context` make. */
async function recordAttention(context: BrowserContext) {
  await context.addInitScript(() => {
    const record = window as unknown as Window & Attention;
    record.tones = [];
    record.notifications = [];
    const RealAudio = window.AudioContext;
    window.AudioContext = class extends RealAudio {
      override createOscillator() {
        const tone = super.createOscillator();
        const start = tone.start.bind(tone);
        tone.start = (when?: number) => {
          record.tones.push(tone.frequency.value);
          start(when);
        };
        return tone;
      }
    };
    const RealNotification = window.Notification;
    window.Notification = class extends RealNotification {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        record.notifications.push({ title, body: options?.body ?? "" });
      }
    };
  });
}
const attention = (page: Page) =>
  page.evaluate((): Attention => {
    const { tones, notifications } = window as unknown as Window & Attention;
    return { tones, notifications };
  });
const tones = async (page: Page) => (await attention(page)).tones;

test("attention: escalated alerts are flagged; a wall repeats its sound when told to; a dispatcher opts in to sound and notifications for a new critical alert", async ({
  browser,
  baseURL,
  pageAs,
  apiAs,
  cspViolations,
}) => {
  const admin = await apiAs("admin");
  const created = await admin.post("/api/admin/displays", { data: { name: "Loud wall" } });
  const { display } = (await created.json()) as OneDisplay;
  // Tall, so the rail lists many of the day's alerts.
  const screen = await browser.newContext({ baseURL, viewport: { width: 1280, height: 2400 } });
  await watchForCspViolations(screen, cspViolations);
  await recordAttention(screen);
  const loud = await screen.newPage();
  await loud.goto(new URL(display.link!).pathname);
  await openWall(loud, "?focus=0&sound=2");
  const quiet = await screen.newPage();
  await openWall(quiet, "?focus=0");

  // Escalation: every alert the wall flags is escalated by the server's rule, and some are
  // (the day's alerts nobody acknowledged for ALERT_ESCALATE_AFTER_S).
  const rows = loud.locator("li[data-alert-id]");
  await expect(rows.first()).toBeVisible();
  await expect(loud.getByTestId("wall-unacknowledged")).toHaveText(/^[1-9][\d,]* unacknowledged$/);
  const flagged = await rows
    .filter({ hasText: "Escalated" })
    .evaluateAll((items) => items.map((item) => item.getAttribute("data-alert-id")!));
  expect(flagged.length).toBeGreaterThan(0);
  const viewer = await apiAs("viewer");
  for (const id of flagged) {
    const answer = await viewer.get(`/api/alerts/${encodeURIComponent(id)}`);
    const { item } = (await answer.json()) as AlertActionResult;
    expect({ id, escalated: item.escalated, state: item.work.state }).toEqual({
      id,
      escalated: true,
      state: "new",
    });
  }

  // The sound: a wall told to repeats it every 2 s while critical alerts are unacknowledged
  // (the higher tone); a wall not told to stays silent.
  await expect.poll(async () => (await tones(loud)).length, { timeout: 10_000 }).toBeGreaterThan(1);
  expect(await tones(loud)).toContain(880);
  expect(await tones(quiet)).toEqual([]);

  // A dispatcher's dashboard: sound off by default; they switch it on and opt in to
  // notifications, and an escalated alert says so in its detail.
  const page = await pageAs("dispatcher");
  await page.context().grantPermissions(["notifications"], { origin: baseURL });
  await recordAttention(page.context());
  await openDashboard(page, `?alerts=all&alert=${encodeURIComponent(flagged[0]!)}`);
  await expect(page.getByTestId("alert-detail").getByTestId("alert-escalated")).toBeVisible();
  await expect(page.getByTestId("alert-detail")).toContainText(/\(escalated after 5 min\)/);
  const sound = page.getByLabel("Sound");
  await expect(sound).toHaveValue("0");
  await sound.selectOption("15");
  await page.getByRole("button", { name: "Notifications off" }).click();
  await expect(page.getByRole("button", { name: "Notifications on" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  expect(await attention(page)).toEqual({ tones: [], notifications: [] });

  const { vehicle, fence } = await raiseCriticalAlert(await apiAs("dispatcher"));
  try {
    await expect
      .poll(async () => (await attention(page)).notifications, { timeout: 15_000 })
      .toContainEqual({
        title: "Critical alert: Entered fence",
        body: `${vehicle.name} · ${fence.fenceName}`,
      });
    expect(await tones(page)).toContain(880);
    await expect(page.getByTestId("alert-announcer")).toContainText(
      `Critical alert: Entered fence, ${vehicle.name}, ${fence.fenceName}.`,
    );
  } finally {
    await sim.release(vehicle.devId);
    await screen.close();
  }
});

test("filters count each state; several alerts are acknowledged with one note", async ({
  pageAs,
}) => {
  const page = await pageAs("dispatcher" satisfies DemoRole);
  await openDashboard(page, "?alerts=unassigned");
  const list = page.getByRole("list", { name: "Alerts, newest first" });
  await expect(list.getByRole("listitem").first()).toBeVisible({ timeout: 30_000 });
  const states = page.getByRole("group", { name: "Alerts by state" });
  await expect(states.getByRole("button", { name: /^Unassigned \d+/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // Two new alerts, selected with the keyboard-reachable checkboxes.
  const fresh = list.getByRole("listitem").filter({
    has: page.getByTestId("alert-work").getByText("New", { exact: true }),
  });
  const ids = await Promise.all(
    [0, 1].map(async (index) =>
      fresh.nth(index).locator("[data-alert-id]").getAttribute("data-alert-id"),
    ),
  );
  for (const id of ids) await row(page, id!).getByRole("checkbox").check();
  await page.getByLabel("Note for the selected alerts").fill("Seen on the morning check.");
  await page.getByRole("button", { name: "Acknowledge 2" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Acknowledged \d+ of \d+/ })).toHaveText(
    "Acknowledged 2 of 2.",
  );

  // Acknowledged alerts stay unassigned; "Open" counts them too. Each holds the one note.
  for (const id of ids) {
    await expect(row(page, id!).getByTestId("alert-work")).toHaveText(
      "Acknowledged by you · “Seen on the morning check.” (dispatcher)",
    );
  }
  await row(page, ids[0]!).locator("[data-alert-id]").click();
  await expect(page.getByTestId("alert-event")).toHaveText([
    /acknowledged it.*Seen on the morning check\./,
  ]);
  // The detail with its actions, and the list with its filters, pass axe in the side column.
  const serious = () => seriousViolations(page, '[aria-label="Details, alerts and trips"]');
  expect(await serious()).toEqual([]);
  await page.getByRole("button", { name: "← All alerts" }).click();
  expect(await serious()).toEqual([]);
  await states.getByRole("button", { name: /^Mine \d+/ }).click();
  await expect(page).toHaveURL(/alerts=mine/);
  await expect(list.locator(`[data-alert-id="${ids[0]}"]`)).toHaveCount(0);
});
