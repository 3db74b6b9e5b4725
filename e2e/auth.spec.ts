import { DEMO_PASSWORD, demoEmail, expect, signInThroughForm, test } from "./fixtures/auth";
import { dismissSinceLastLook } from "./support/dashboard";

/** Every page of the product; each must send a signed-out visitor to the sign-in page. */
const PAGES = ["/", "/wall"];

/** Every /api/fleet route; each must answer 401 without a session. */
const FLEET_ROUTES = [
  "/api/fleet/snapshot",
  "/api/fleet/stream",
  "/api/fleet/fences",
  "/api/fleet/vehicles/V-0001",
];

/** A well-formed but forged session cookie: it passes proxy.ts, so the server's own check answers. */
const FORGED_COOKIE = {
  cookie: "next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..x.y.z",
};

test.describe("signed out", () => {
  for (const path of PAGES) {
    test(`${path} redirects to the sign-in page and back afterwards`, async ({ request }) => {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      const location = new URL(response.headers().location!, "http://x");
      expect(location.pathname).toBe("/sign-in");
      expect(location.searchParams.get("callbackUrl")).toBe(path);
    });
  }

  test("the home page redirects even with a forged session cookie (checked on the server)", async ({
    request,
  }) => {
    const response = await request.get("/", { maxRedirects: 0, headers: FORGED_COOKIE });
    expect(response.status()).toBe(307);
    expect(response.headers().location).toMatch(/^\/sign-in\?callbackUrl=%2F/);
  });

  test("every /api/fleet route answers 401 JSON", async ({ request }) => {
    for (const route of FLEET_ROUTES) {
      for (const headers of [{}, FORGED_COOKIE]) {
        const response = await request.get(route, { headers, maxRedirects: 0 });
        expect(response.status(), `${route} ${JSON.stringify(headers)}`).toBe(401);
        expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
      }
    }
  });

  test("/api/health stays open", async ({ request }) => {
    expect((await request.get("/api/health")).status()).toBe(200);
  });
});

test.describe("roles", () => {
  test("only an admin may list users, and never sees a password hash", async ({ apiAs }) => {
    const admin = await (await apiAs("admin")).get("/api/admin/users");
    expect(admin.status()).toBe(200);
    const body = await admin.text();
    expect((JSON.parse(body) as { users: unknown[] }).users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: "viewer@demo.local", role: "viewer", password: true }),
      ]),
    );
    expect(body).not.toMatch(/scrypt|passwordHash/);

    for (const role of ["dispatcher", "viewer"] as const) {
      const response = await (await apiAs(role)).get("/api/admin/users");
      expect(response.status(), role).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "forbidden" } });
    }
  });

  test("each demo role can read the fleet API", async ({ apiAs }) => {
    for (const role of ["admin", "dispatcher", "viewer"] as const) {
      const response = await (await apiAs(role)).get("/api/fleet/fences");
      expect(response.status(), role).not.toBe(401);
      expect(response.status(), role).not.toBe(403);
    }
  });
});

test.describe("sign-in", () => {
  test("signing in through the form lands where the person was going", async ({ page }) => {
    await page.goto("/?from=link");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F%3Ffrom%3Dlink$/);
    const landing = page.waitForResponse(
      (response) =>
        response.request().resourceType() === "document" && response.url().endsWith("/?from=link"),
    );
    await signInThroughForm(page, demoEmail("dispatcher"), DEMO_PASSWORD);
    expect((await landing).status()).toBe(200);
    await expect(page.getByTestId("signed-in-user")).toContainText("dispatcher@demo.local");
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  });

  test("a wrong password and an unknown account get the same message", async ({ page }) => {
    await signInThroughForm(page, demoEmail("viewer"), "not-the-password");
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText("Email or password is incorrect.");
    await signInThroughForm(page, "nobody@example.com", "not-the-password");
    await expect(alert).toHaveText("Email or password is incorrect.");
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("repeated wrong passwords for one account are throttled", async ({ page }) => {
    const email = "throttle-probe@example.com";
    const alert = page.getByRole("main").getByRole("alert");
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await signInThroughForm(page, email, `wrong-${attempt}`);
      await expect(alert).toHaveText("Email or password is incorrect.");
    }
    await signInThroughForm(page, email, "wrong-6");
    await expect(alert).toHaveText(
      /^Too many sign-in attempts\. Try again in \d+ (seconds?|minutes?)\.$/,
    );
  });

  test("signing out ends the session, even for a copy of its cookie", async ({ page, context }) => {
    await signInThroughForm(page, demoEmail("admin"), DEMO_PASSWORD);
    await expect(page.getByTestId("signed-in-user")).toContainText("admin@demo.local");
    const cookie = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    const copied = { cookie: `${cookie!.name}=${cookie!.value}` };
    expect((await page.request.get("/api/admin/users", { headers: copied })).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    // Three requests and a page load: on a machine running both e2e lanes this took 25 s once.
    await expect(page).toHaveURL(/\/sign-in$/, { timeout: 30_000 });
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F/);

    const replay = await page.request.get("/api/admin/users", { headers: copied });
    expect(replay.status()).toBe(401);
  });
});

test.describe("security headers", () => {
  test("pages, APIs and static files carry the CSP and the other headers", async ({
    request,
    viewerPage,
  }) => {
    const responses = [await request.get("/sign-in"), await request.get("/api/health")];
    const html = await responses[0]!.text();
    const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    responses.push(await request.get(asset!));
    for (const response of responses) {
      const headers = response.headers();
      expect(headers["content-security-policy"], response.url()).toContain(
        "frame-ancestors 'none'",
      );
      expect(headers["x-content-type-options"], response.url()).toBe("nosniff");
      expect(headers["referrer-policy"], response.url()).toBe("strict-origin-when-cross-origin");
    }
    const pageCsp = responses[0]!.headers()["content-security-policy"]!;
    expect(pageCsp).toContain("img-src 'self' data: blob: https://tile.openstreetmap.org");
    expect(pageCsp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(pageCsp).toContain("connect-src 'self'");

    // The nonce is fresh for every response.
    const again = (await request.get("/sign-in")).headers()["content-security-policy"];
    expect(again).not.toBe(pageCsp);
    await viewerPage.goto("/");
    await expect(viewerPage.getByTestId("signed-in-user")).toBeVisible();
  });

  test("a scripted session in Chromium reports no CSP violation, and the watch would see one", async ({
    page,
    cspViolations,
  }) => {
    await page.goto("/");
    await signInThroughForm(page, demoEmail("viewer"), DEMO_PASSWORD);
    await expect(page.getByTestId("signed-in-user")).toContainText("viewer@demo.local");
    // The map draws the live fleet: scripts, styles, the snapshot, the stream and tiles all ran.
    const map = page.getByTestId("fleet-map");
    await expect(map).toBeVisible();
    await expect
      .poll(async () => Number(await map.getAttribute("data-rendered-vehicles")), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await dismissSinceLastLook(page);
    await map.hover();
    await page.mouse.wheel(0, -300);
    await page.reload({ waitUntil: "domcontentloaded" });
    await expect(page.getByTestId("signed-in-user")).toBeVisible();
    expect(cspViolations).toEqual([]);

    // Prove the watch works: an image from a host the policy does not name is blocked and
    // reported both ways, by the browser's console and by the DOM event. Both must be in before
    // the list is cleared: on a busy machine the second came after, and failed the test's end.
    await page.evaluate(() => {
      const image = document.createElement("img");
      image.src = "https://images.evil.example/pixel.png";
      document.body.append(image);
    });
    const seen = () => cspViolations.filter((line) => line.includes("images.evil.example"));
    await expect
      .poll(() => ({
        console: seen().some((line) => !line.startsWith("CSP violation:")),
        event: seen().some((line) => line.startsWith("CSP violation:")),
      }))
      .toEqual({ console: true, event: true });
    cspViolations.length = 0;
  });
});
