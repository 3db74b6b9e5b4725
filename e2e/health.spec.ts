import type { HealthDetails } from "../lib/fleet/health";
import { expect, test } from "./fixtures/auth";
import { simControl } from "./support/sim-control";

test("the home page shows the server's live health", async ({ viewerPage: page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Fleet Live" })).toBeVisible();
  const health = page.getByRole("region", { name: "Server health" });
  await expect(health.getByTestId("health-status")).toHaveText("ok");
  await expect(page.getByTestId("upstream-mode")).toHaveText("Simulator");
});

test("/api/health tells anyone ok or degraded, and a session its details, without a secret", async ({
  request,
  apiAs,
}) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  expect(await anonymous.json()).toEqual({ status: "ok" });

  const response = await (await apiAs("viewer")).get("/api/health");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status: "ok", upstream: { mode: "simulator" } });
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(JSON.stringify(body)).not.toMatch(/sim-secret|sim-api-key/);
});

test("/api/health summarises the records and fields FleetUp sent that could not be used", async ({
  apiAs,
}) => {
  const request = await apiAs("viewer");
  const sim = simControl();
  const dropped = async () =>
    ((await (await request.get("/api/health")).json()) as HealthDetails).upstream.dropped;
  // A "NaN" in a field we do not read (rpm, fuelWear…) costs that field, not the vehicle.
  await sim.configure({ faults: { malformedRate: 0.3, malformedKinds: ["nan"] } });
  try {
    await expect
      .poll(async () => Object.keys((await dropped()).fields.deviceLastLocation ?? {}).length, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
  } finally {
    await sim.resetFaults();
  }
  const summary = await dropped();
  for (const reasons of Object.values(summary.fields.deviceLastLocation ?? {})) {
    expect(Object.keys(reasons)).toEqual(["non_finite"]);
  }
});
