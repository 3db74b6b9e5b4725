import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../scripts/lib/simulator-process";

/**
 * Makes sure the suite's server has a user with this email, role and password, as an operator
 * would: `npm run user` against the server's embedded database (through the running server).
 */
export function ensureUser(email: string, role: string, password: string): void {
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions", "react-server", "scripts/user.ts", ...args],
      {
        cwd: PROJECT_ROOT,
        encoding: "utf8",
        // The database of the suite's server (playwright.config.ts).
        env: {
          ...process.env,
          DATABASE_DIR: ".data/e2e-db",
          USERS_FILE: ".data/e2e-users.json",
          DISPLAYS_FILE: ".data/e2e-displays.json",
        },
      },
    );
  const added = run("add", email, "--role", role, "--password", password);
  if (added.status === 0) return;
  // Added by an earlier run: the same role and password again.
  for (const args of [
    ["set-role", email, role],
    ["set-password", email, "--password", password],
  ]) {
    const changed = run(...args);
    if (changed.status !== 0) {
      throw new Error(`npm run user -- ${args[0]} failed: ${added.stderr}${changed.stderr}`);
    }
  }
}
