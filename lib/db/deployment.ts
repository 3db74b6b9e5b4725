import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database } from "./database";
import { measured } from "./metrics";
import { deployment } from "./schema";

export type DeploymentMode = (typeof deployment.$inferSelect)["mode"];

/**
 * True, inside a statement, while the deployment runs on the simulator (as its server last
 * said at start); false before any server started. Stamps what a statement creates as demo.
 */
export const madeInDemoMode = sql<boolean>`coalesce((select ${deployment.mode} = 'simulator' from ${deployment} where ${deployment.id} = 1), false)`;

/** The mode the deployment runs in, recorded by the server at every start. */
export function deploymentQueries(db: Database) {
  return measured("deployment", {
    async record(mode: DeploymentMode, now: Date): Promise<void> {
      await db
        .insert(deployment)
        .values({ id: 1, mode, updatedAt: now })
        .onConflictDoUpdate({ target: deployment.id, set: { mode, updatedAt: now } });
    },

    async mode(): Promise<DeploymentMode | undefined> {
      const [row] = await db.select().from(deployment).where(eq(deployment.id, 1)).limit(1);
      return row?.mode;
    },
  });
}
