import "server-only";
import { resolve } from "node:path";
import { getEnv } from "@/lib/env";
import { isDemoUser, UserStore, type StoredUser } from "./user-store";

type Holder = { path: string; store: UserStore; ready: Promise<void> };
const holder = globalThis as typeof globalThis & { __fleetLiveUsers?: Holder };

/**
 * The server's user store (USERS_FILE). On first use it makes the store match the upstream mode:
 * on the simulator the three demo accounts exist (so `npm run demo` and the e2e suite sign in the
 * same way); with real FleetUp credentials every demo account is removed.
 */
export async function getUserStore(): Promise<UserStore> {
  const env = getEnv();
  const path = resolve(env.auth.usersFile);
  if (holder.__fleetLiveUsers?.path !== path) {
    const store = new UserStore(path);
    const ready =
      env.upstream.mode === "simulator"
        ? store.ensureDemoUsers().then((created) => {
            if (created.length > 0) {
              console.log(`[auth] demo mode: created ${created.join(", ")} (password fleet-demo)`);
            }
          })
        : store.removeDemoUsers().then((removed) => {
            if (removed.length > 0) {
              console.log(`[auth] FleetUp mode: removed the demo accounts ${removed.join(", ")}`);
            }
          });
    holder.__fleetLiveUsers = { path, store, ready };
    ready.catch(() => {
      // Try again on the next request rather than caching a failure (e.g. a read-only disk).
      if (holder.__fleetLiveUsers?.ready === ready) holder.__fleetLiveUsers = undefined;
    });
  }
  const { store, ready } = holder.__fleetLiveUsers!;
  await ready;
  return store;
}

/** The user behind an email if they may use the dashboard now; never a demo account beside FleetUp. */
export async function findActiveUser(email: string): Promise<StoredUser | undefined> {
  const user = await (await getUserStore()).find(email);
  if (!user) return undefined;
  if (getEnv().upstream.mode === "fleetup" && isDemoUser(user)) return undefined;
  return user;
}
