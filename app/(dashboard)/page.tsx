import { Suspense } from "react";
import { AccountBar } from "@/components/auth/account-bar";
import { Dashboard } from "@/components/dashboard/dashboard";
import { requirePageSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

/** The dispatcher's dashboard at "/": signed-in people only; the tile host comes from TILE_URL. */
export default async function DashboardPage() {
  const user = await requirePageSession("viewer", "/");
  const env = getEnv();
  return (
    <Suspense fallback={null}>
      <Dashboard
        tileUrl={env.tileUrl}
        accountBar={<AccountBar user={user} idleS={env.auth.sessionIdleS} />}
        role={user.role}
      />
    </Suspense>
  );
}
