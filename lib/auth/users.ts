import "server-only";
import { getEnv } from "@/lib/env";
import { deploymentQueries } from "@/lib/db/deployment";
import { serverDatabase } from "@/lib/db/server";
import { getDisplayStore } from "./displays";
import { roleAtLeast } from "@/lib/fleet/access";
import type { Assignee } from "@/lib/fleet/alert-work";
import { isDemoUser, sessionsValidFromS, UserStore, type StoredUser } from "./user-store";

/** The server's user store, on the server's database. */
export async function getUserStore(): Promise<UserStore> {
  return new UserStore(await serverDatabase());
}

/**
 * Makes the database match the upstream mode, once at start. It records the mode, so users and
 * display links made from now on are stamped demo while it is the simulator (lib/db/deployment.ts),
 * whoever makes them. On the simulator the three demo accounts exist (so `npm run demo` and the
 * e2e suite sign in the same way); with FleetUp every demo user is removed (the demo accounts,
 * and any user made while the deployment ran on the simulator) and every demo link revoked.
 */
export async function matchDemoAccounts(log: (line: string) => void = console.log): Promise<void> {
  const mode = getEnv().upstream.mode;
  await deploymentQueries(await serverDatabase()).record(mode, new Date());
  const store = await getUserStore();
  if (mode === "simulator") {
    const created = await store.ensureDemoUsers();
    if (created.length > 0) {
      log(`[auth] demo mode: created ${created.join(", ")} (password fleet-demo)`);
    }
    return;
  }
  const removed = await store.removeDemoUsers();
  if (removed.length > 0) {
    log(
      `[auth] FleetUp mode: removed the demo users ${removed.join(", ")} (made on the simulator; add real ones with npm run user)`,
    );
  }
  const revoked = await (await getDisplayStore()).revokeDemo();
  if (revoked > 0)
    log(`[auth] FleetUp mode: revoked ${revoked} display link(s) made on the simulator`);
}

/** The user behind an email if they may use the dashboard now; never a demo account beside FleetUp. */
export async function findActiveUser(email: string): Promise<StoredUser | undefined> {
  const user = await (await getUserStore()).find(email);
  if (!user) return undefined;
  if (getEnv().upstream.mode === "fleetup" && isDemoUser(user)) return undefined;
  return user;
}

/**
 * The user a session belongs to, if it still may: the user exists and is active, and the
 * session started after their password or role last changed and after their last "sign out
 * everywhere". Every instance reads the same database, so such a change ends the session on all
 * of them at its next request.
 */
export async function sessionOwner(
  email: string,
  signedInAtS: number,
): Promise<StoredUser | undefined> {
  const user = await findActiveUser(email);
  if (!user || signedInAtS < sessionsValidFromS(user)) return undefined;
  return user;
}

/** Who can be given an alert: every active dispatcher and admin, by email. */
export async function listAssignees(): Promise<Assignee[]> {
  const users = await (await getUserStore()).list();
  const fleetup = getEnv().upstream.mode === "fleetup";
  return users
    .filter((user) => roleAtLeast(user.role, "dispatcher") && !(fleetup && isDemoUser(user)))
    .map((user) => ({ email: user.email, role: user.role }))
    .sort((a, b) => a.email.localeCompare(b.email));
}

/** The dispatcher or admin an alert may be assigned to, or undefined. */
export async function findAssignee(email: string): Promise<StoredUser | undefined> {
  const user = await findActiveUser(email);
  return user && roleAtLeast(user.role, "dispatcher") ? user : undefined;
}
