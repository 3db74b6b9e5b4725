import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startNextServer, type RunningServer } from "../scripts/lib/next-server";
import { expect, signInThroughForm, test, watchForCspViolations } from "./fixtures/auth";
import { spawnTestSimulator, type SpawnedSimulator } from "./support/simulator";
import { openWall } from "./support/wall";

/**
 * Upgrading a deployment from the JSON files to the database: a server starts on a fresh
 * database beside the old `users.json` and `displays.json` (e2e/fixtures/legacy-files, written
 * by the version before the database), imports them once, and the people and wall screens they
 * list carry on: the old password signs in, the old display link opens the wall, a link revoked
 * before the upgrade stays revoked.
 */
const PORT = Number(process.env.E2E_IMPORT_PORT ?? Number(process.env.E2E_MULTI_PORT ?? 3611) + 2);
const WORK = "test-results/database-import";
/** The secret the old deployment signed its links with; the same secret keeps them valid. */
const SECRET = "legacy-import-test-secret-0123456789abcdef";
/** The link the old deployment gave its control-room screen (a pure function of id and secret). */
const LEGACY_LINK = "/display/v1.LegacyWallScreen.0.w58jZee72H_pXwTbSnj-GGxBw4lm7VXIca-kTunieiw";
const REVOKED_LINK = "/display/v1.RevokedWallScrn1.0.C5jO2tjHy6duPaz-tV3O6EWxRcj_npMBBeBajIjGLvI";

test.describe.configure({ timeout: 180_000 });

test("users and display links from the old JSON files sign in and open the wall", async ({
  browser,
  cspViolations,
}) => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const name of ["users.json", "displays.json"]) {
    copyFileSync(join("e2e/fixtures/legacy-files", name), join(WORK, name));
  }
  let sim: SpawnedSimulator | undefined;
  let server: RunningServer | undefined;
  try {
    // Its own simulator: FleetUp's budget is per account, and the suite's server uses the other.
    sim = await spawnTestSimulator(["--vehicles", "20"]);
    server = await startNextServer({
      port: PORT,
      env: {
        SIMULATOR_URL: sim.url,
        FLEETUP_MODE: "simulator",
        POLL_POSITIONS_S: "2",
        NEXTAUTH_SECRET: SECRET,
        DATABASE_DIR: join(WORK, "db"),
        USERS_FILE: join(WORK, "users.json"),
        DISPLAYS_FILE: join(WORK, "displays.json"),
      },
    });

    // Imported once: the files are renamed, so they are never read again.
    for (const name of ["users.json", "displays.json"]) {
      expect(existsSync(join(WORK, name)), `${name} is gone`).toBe(false);
      expect(existsSync(join(WORK, `${name}.imported`)), `${name}.imported is kept`).toBe(true);
    }

    // The dispatcher from users.json signs in with the password they always had.
    const person = await browser.newContext({ baseURL: server.url });
    await watchForCspViolations(person, cspViolations);
    const page = await person.newPage();
    await signInThroughForm(page, "legacy-dispatcher@example.com", "legacy-dispatcher-pw");
    await page.waitForURL((url) => url.pathname === "/");
    await expect(page.getByTestId("fleet-map")).toBeVisible();
    await person.close();

    // The control room's screen opens the link it was given before the upgrade.
    const screen = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1920, height: 1080 },
    });
    await watchForCspViolations(screen, cspViolations);
    const wall = await screen.newPage();
    await wall.goto(LEGACY_LINK);
    await expect(wall).toHaveURL(/\/wall$/);
    await openWall(wall);
    await expect(wall.getByTestId("wall-viewer")).toContainText("Legacy control room");

    // A link revoked before the upgrade is still refused.
    const revoked = await screen.request.get(REVOKED_LINK, { maxRedirects: 0 });
    expect(revoked.status()).toBe(403);
    await screen.close();
  } finally {
    await server?.stop();
    await sim?.stop();
  }
});
