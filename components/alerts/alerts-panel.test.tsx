// @vitest-environment happy-dom
import { useQuery } from "@tanstack/react-query";
import { screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp, testQueryClient, testSnapshot } from "@/e2e/support/component";
import {
  ALL_ALERTS,
  alertItem,
  alertItems,
  initialWork,
  transition,
  workById,
  workFor,
  type AlertAction,
  type AlertEvent,
  type AlertFilter,
  type AlertWork,
} from "@/lib/fleet/alert-work";
import type { Alert } from "@/lib/fleet/types";
import { fleetQueries } from "@/lib/queries/fleet";
import { AlertsPanel } from "./alerts-panel";

const ME = "me@fleet.test";
const ANN = "ann@fleet.test";
const BOB = "bob@fleet.test";
const NOW = Date.now();

const ALERTS: Alert[] = [
  { id: "a1", deviceId: "d1", type: "speeding", severity: "warning", time: NOW - 60_000 },
  { id: "a2", deviceId: "d2", type: "harsh_braking", severity: "info", time: NOW - 120_000 },
  { id: "a3", deviceId: "d3", type: "long_idle", severity: "info", time: NOW - 180_000 },
];
const VEHICLES: Record<string, string> = { d1: "Truck 1", d2: "Truck 2", d3: "Truck 3" };

afterEach(() => {
  vi.unstubAllGlobals();
});

type Sent = { method: string; path: string; body?: RequestBody };
type RequestBody = { ids?: string[]; note?: string; to?: string | null; takeOver?: boolean };

/**
 * The alerts API as the server answers it, by the same rules (`transition`), for the person ME:
 * `serverWork` is what the server holds, which may be ahead of what the browser was shown.
 * Every request is recorded, so a test can say what was asked for.
 */
function fakeAlertsApi(serverWork: AlertWork[] = []) {
  const held = workById(serverWork);
  const history = new Map<string, AlertEvent[]>();
  const requests: Sent[] = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const act = (alert: Alert, action: AlertAction) => {
    const result = transition(workFor(alert, held), action, ME, Date.now());
    if (result.outcome === "refused") return result;
    if (result.outcome === "changed") {
      held.set(alert.id, result.work);
      history.set(alert.id, [...(history.get(alert.id) ?? []), result.event]);
    }
    return { ...result, item: alertItem(alert, result.work, 0, Date.now()) };
  };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      const body: RequestBody = init?.body ? JSON.parse(String(init.body)) : {};
      requests.push({ method, path: input, ...(init?.body ? { body } : {}) });
      if (input === "/api/alerts/assignees") {
        return json(200, {
          assignees: [ME, ANN, BOB].map((email) => ({ email, role: "dispatcher" })),
        });
      }
      if (input === "/api/alerts/ack") {
        const results = (body.ids ?? []).map((id) => {
          const alert = ALERTS.find((candidate) => candidate.id === id)!;
          const done = act(alert, { kind: "acknowledge", note: body.note });
          return done.outcome === "refused"
            ? { id, outcome: "refused", message: done.message }
            : {
                id,
                outcome: done.outcome === "changed" ? "acknowledged" : "unchanged",
                item: done.item,
              };
        });
        return json(200, { results });
      }
      const [, id, kind] = /^\/api\/alerts\/([^/]+)(?:\/(\w+))?$/.exec(input) ?? [];
      const alert = ALERTS.find((candidate) => candidate.id === id);
      if (!alert) return json(404, { error: { code: "not_found", message: "No such alert." } });
      if (method === "GET") {
        return json(200, {
          item: alertItem(alert, workFor(alert, held), 0, Date.now()),
          history: history.get(alert.id) ?? [],
        });
      }
      const action = { ...body, kind: KIND[kind!]! } as AlertAction;
      const done = act(alert, action);
      if (done.outcome === "refused") {
        return json(409, { error: { code: "conflict", message: done.message } });
      }
      return json(200, { item: done.item, changed: done.outcome === "changed" });
    }),
  );
  return requests;
}
const KIND: Record<string, AlertAction["kind"]> = {
  ack: "acknowledge",
  claim: "claim",
  assign: "assign",
  resolve: "resolve",
};

/** The panel as the dashboard holds it: alerts and their work from the snapshot in the cache. */
function Panel({ canAct }: { canAct: boolean }) {
  const { data: snapshot } = useQuery({ ...fleetQueries.snapshot(), enabled: false });
  const [filter, setFilter] = useState<AlertFilter>(ALL_ALERTS);
  const [openId, setOpenId] = useState<string>();
  const items = alertItems(snapshot?.alerts ?? [], workById(snapshot?.alertWork), 0, NOW);
  return (
    <AlertsPanel
      items={items}
      filter={filter}
      onFilter={setFilter}
      openId={openId}
      onOpen={setOpenId}
      me={ME}
      canAct={canAct}
      now={NOW}
      readAt={NOW}
      units="kmh"
      escalateAfterMs={0}
      vehicleName={(id) => (id === undefined ? undefined : VEHICLES[id])}
      onShowVehicle={() => {}}
      onShowFence={() => {}}
      onShowPlace={() => {}}
      onNearest={() => {}}
    />
  );
}

/** The panel, for a dispatcher unless `canAct` is false, over a snapshot with `shownWork`. */
function showPanel({ canAct = true, shownWork = [] as AlertWork[] } = {}) {
  const client = testQueryClient();
  client.setQueryData(
    fleetQueries.snapshot().queryKey,
    testSnapshot({ alerts: ALERTS, alertWork: shownWork }),
  );
  return renderWithApp(<Panel canAct={canAct} />, { client });
}

/** Opens an alert from the list, as a click on its row does. */
async function open(rendered: ReturnType<typeof showPanel>, label: string) {
  const list = screen.getByRole("list", { name: "Alerts, newest first" });
  await rendered.user.click(within(list).getByRole("button", { name: new RegExp(label) }));
  return screen.getByRole("region", { name: "Act on this alert" });
}

const stateShown = () => screen.getByTestId("alert-detail-state").textContent;
const buttonNames = (region: HTMLElement) =>
  within(region)
    .getAllByRole("button")
    .map((button) => button.textContent);
const posts = (requests: Sent[]) => requests.filter((request) => request.method === "POST");

describe("acting on one alert", () => {
  it("acknowledges it with the note typed, and shows it acknowledged by you", async () => {
    const requests = fakeAlertsApi();
    const rendered = showPanel();
    const actions = await open(rendered, "Speeding");
    expect(buttonNames(actions)).toEqual(["Acknowledge", "Claim", "Resolve", "Assign"]);
    expect(stateShown()).toBe("New");

    const note = within(actions).getByRole("textbox", { name: "Note (optional)" });
    await rendered.user.type(note, "  On my way ");
    await rendered.user.click(within(actions).getByRole("button", { name: "Acknowledge" }));

    await waitFor(() => expect(stateShown()).toBe("Acknowledged by you"));
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/a1/ack", body: { note: "On my way" } },
    ]);
    expect(buttonNames(actions)).toEqual(["Claim", "Resolve", "Assign"]);
    expect(note).toHaveProperty("value", "");
  });

  it("claims it, then releases it", async () => {
    const requests = fakeAlertsApi();
    const rendered = showPanel();
    const actions = await open(rendered, "Harsh braking");
    await rendered.user.click(within(actions).getByRole("button", { name: "Claim" }));
    await waitFor(() => expect(stateShown()).toBe("Claimed by you"));
    expect(buttonNames(actions)).toEqual(["Release", "Resolve", "Assign"]);
    // Whoever holds it is not offered as its assignee.
    const select = within(actions).getByRole("combobox", { name: "Assign to" });
    await waitFor(() =>
      expect(
        within(select)
          .getAllByRole("option")
          .map((option) => option.textContent),
      ).toEqual(["Assign to…", ANN, BOB]),
    );

    await rendered.user.click(within(actions).getByRole("button", { name: "Release" }));
    await waitFor(() => expect(stateShown()).toBe("Acknowledged by you"));
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/a2/claim", body: {} },
      { method: "POST", path: "/api/alerts/a2/assign", body: { to: null } },
    ]);
  });

  it("assigns it to the person chosen among those who may act", async () => {
    const requests = fakeAlertsApi();
    const rendered = showPanel();
    const actions = await open(rendered, "Long idle");
    const assign = within(actions).getByRole("button", { name: "Assign" });
    expect(assign).toHaveProperty("disabled", true);
    const select = within(actions).getByRole("combobox", { name: "Assign to" });
    await waitFor(() => expect(within(select).getAllByRole("option")).toHaveLength(4));

    await rendered.user.selectOptions(select, BOB);
    await rendered.user.click(assign);
    await waitFor(() => expect(stateShown()).toBe("Assigned to bob"));
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/a3/assign", body: { to: BOB } },
    ]);
    // Bob holds it now: he is no longer offered, and taking it over is all that is left.
    expect(buttonNames(actions)).toEqual(["Take over"]);
  });

  it("resolves it, after which nothing more is offered", async () => {
    const requests = fakeAlertsApi();
    const rendered = showPanel();
    const actions = await open(rendered, "Speeding");
    await rendered.user.click(within(actions).getByRole("button", { name: "Resolve" }));
    await waitFor(() => expect(stateShown()).toBe("Resolved by you"));
    expect(posts(requests)).toEqual([{ method: "POST", path: "/api/alerts/a1/resolve", body: {} }]);
    expect(screen.queryByRole("region", { name: "Act on this alert" })).toBeNull();
  });

  it("says who handles someone else's alert and offers only to take it over", async () => {
    const anns: AlertWork = {
      ...initialWork(ALERTS[0]!),
      state: "acknowledged",
      version: 2,
      acknowledgedBy: ANN,
      claimedBy: ANN,
    };
    const requests = fakeAlertsApi([anns]);
    const rendered = showPanel({ shownWork: [anns] });
    const actions = await open(rendered, "Speeding");
    expect(stateShown()).toBe("Claimed by ann");
    within(actions).getByText("ann is handling this alert; take it over to act on it.");
    expect(buttonNames(actions)).toEqual(["Take over"]);

    await rendered.user.click(within(actions).getByRole("button", { name: "Take over" }));
    await waitFor(() => expect(stateShown()).toBe("Claimed by you"));
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/a1/claim", body: { takeOver: true } },
    ]);
  });

  it("shows the server's refusal when someone acted first", async () => {
    // Ann resolved it a moment ago; this browser has not heard yet.
    const resolved: AlertWork = {
      ...initialWork(ALERTS[0]!),
      state: "resolved",
      version: 1,
      resolvedBy: ANN,
    };
    fakeAlertsApi([resolved]);
    const rendered = showPanel();
    const actions = await open(rendered, "Speeding");
    await rendered.user.click(within(actions).getByRole("button", { name: "Claim" }));
    expect((await within(actions).findByRole("alert")).textContent).toBe(
      "This alert was resolved by ann@fleet.test; it cannot be claimed any more.",
    );
    expect(stateShown()).toBe("New");
  });

  it("offers a viewer no action", async () => {
    const requests = fakeAlertsApi();
    const rendered = showPanel({ canAct: false });
    const list = screen.getByRole("list", { name: "Alerts, newest first" });
    await rendered.user.click(within(list).getByRole("button", { name: /Speeding/ }));
    expect(stateShown()).toBe("New");
    expect(screen.queryByRole("region", { name: "Act on this alert" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Acknowledge|Claim|Resolve/ })).toBeNull();
    expect(posts(requests)).toEqual([]);
  });
});

describe("acknowledging several at once", () => {
  const list = () => screen.getByRole("list", { name: "Alerts, newest first" });
  const rowState = (label: string) =>
    within(list())
      .getByRole("button", { name: new RegExp(label) })
      .querySelector("[data-testid=alert-work]")?.textContent;

  it("acknowledges the alerts ticked, with one note, and says how it went", async () => {
    const requests = fakeAlertsApi();
    const { user } = showPanel();
    await user.click(screen.getByRole("checkbox", { name: "Select “Speeding”, Truck 1" }));
    const braking = screen.getByRole("checkbox", { name: "Select “Harsh braking”, Truck 2" });
    await user.click(braking);
    await user.click(screen.getByRole("checkbox", { name: "Select “Long idle”, Truck 3" }));
    await user.click(braking);
    expect(braking).toHaveProperty("checked", false);
    await user.type(screen.getByRole("textbox", { name: "Note for the selected alerts" }), "Seen");
    await user.click(screen.getByRole("button", { name: "Acknowledge 2" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Acknowledged 2 of 2."),
    );
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/ack", body: { ids: ["a1", "a3"], note: "Seen" } },
    ]);
    expect([rowState("Speeding"), rowState("Harsh braking"), rowState("Long idle")]).toEqual([
      "Acknowledged by you · “Seen” (me)",
      "New",
      "Acknowledged by you · “Seen” (me)",
    ]);
    expect(screen.queryAllByRole("checkbox", { checked: true })).toEqual([]);
    expect(screen.queryByRole("button", { name: /^Acknowledge \d/ })).toBeNull();
  });

  it("selects every alert shown, and counts those that could not be acknowledged", async () => {
    // One was resolved meanwhile; another Ann had acknowledged already, which changes nothing.
    const resolved: AlertWork = {
      ...initialWork(ALERTS[1]!),
      state: "resolved",
      version: 1,
      resolvedBy: ANN,
    };
    const acknowledged: AlertWork = {
      ...initialWork(ALERTS[2]!),
      state: "acknowledged",
      version: 1,
      acknowledgedBy: ANN,
    };
    const requests = fakeAlertsApi([resolved, acknowledged]);
    const { user } = showPanel();
    await user.click(screen.getByRole("checkbox", { name: "Select all 3 shown" }));
    expect(screen.getAllByRole("checkbox", { checked: true })).toHaveLength(4);
    await user.click(screen.getByRole("button", { name: "Acknowledge 3" }));

    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe("Acknowledged 1 of 3; 1 could not be."),
    );
    expect(posts(requests)).toEqual([
      { method: "POST", path: "/api/alerts/ack", body: { ids: ["a1", "a2", "a3"] } },
    ]);
  });
});
