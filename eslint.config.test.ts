import { ESLint } from "eslint";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The walls of eslint.config.mjs fire under the project's own config (what `npm run lint` runs in
 * the gate): each snippet, linted as a file inside the folder a wall guards, crosses one wall.
 * The files need not exist; their imports must, since the rule resolves each one to its file.
 */

const WALL = "import/no-restricted-paths";
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: fileURLToPath(new URL(".", import.meta.url)) });
});

async function wallErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint linted nothing as ${filePath}`);
  const { messages } = result;
  expect(messages.filter((message) => message.fatal)).toEqual([]);
  return messages
    .filter((message) => message.ruleId === WALL)
    .map((message) => {
      expect(message.severity).toBe(2);
      return message.message;
    });
}

describe("walls", { timeout: 60_000 }, () => {
  it.each([
    [
      "a type, from components/",
      "components/fleet/wall-probe.tsx",
      'import type { X } from "@/lib/auth/session";',
    ],
    [
      "a relative path, from lib/queries/",
      "lib/queries/wall-probe.ts",
      'import { X } from "../live/fleet-state";',
    ],
    ["from lib/fleet/", "lib/fleet/wall-probe.ts", 'import { X } from "@/lib/db/users";'],
    [
      "from an app/ error boundary",
      "app/wall/error.tsx",
      'import { X } from "@/lib/fleetup/client";',
    ],
  ])("browser code never imports server-only code (%s)", async (_, file, code) => {
    expect(await wallErrors(file, code)).toEqual([expect.stringContaining("Browser code never")]);
  });

  it("sim/ never imports lib/", async () => {
    expect(
      await wallErrors("sim/wall-probe.ts", 'import { X } from "../lib/fleet/types";'),
    ).toEqual([expect.stringContaining("sim/ never imports lib/")]);
  });

  it.each([
    ["lib/fleetup/wall-probe.ts", 'import { X } from "@/sim/server";'],
    ["components/map/wall-probe.ts", 'import { X } from "../../sim/fleet";'],
  ])("the app never imports sim/ (%s)", async (file, code) => {
    expect(await wallErrors(file, code)).toEqual([
      expect.stringContaining("The app never imports sim/"),
    ]);
  });

  it.each([
    ["app/api/wall-probe/route.ts", 'import { simConfig } from "@/e2e/support/test-sim";'],
    [
      "lib/db/wall-probe.ts",
      'import { createTestDatabase } from "../../e2e/support/test-database";',
    ],
    ["lib/live/wall-probe.ts", 'import { X } from "../../e2e/support/simulator";'],
    ["sim/wall-probe.ts", 'import { X } from "./test-support";'],
  ])("only tests import test support (%s)", async (file, code) => {
    expect(await wallErrors(file, code)).toEqual([
      expect.stringContaining("Only tests, bench and test support"),
    ]);
  });

  it.each([
    [
      "components/wall-probe.tsx",
      'import { roleAtLeast, type SessionUser } from "@/lib/fleet/access";',
    ],
    ["lib/fleetup/wall-probe.test.ts", 'import { simConfig } from "../../e2e/support/test-sim";'],
    ["sim/wall-probe.test.ts", 'import { SIMULATOR_CREDENTIALS } from "../lib/env";'],
  ])("allows what stays inside the walls (%s)", async (file, code) => {
    expect(await wallErrors(file, code)).toEqual([]);
  });
});
