import { Suspense } from "react";
import { AccountBar } from "@/components/auth/account-bar";
import { Dashboard } from "@/components/dashboard/dashboard";
import { FaultProvider } from "@/components/ui/fault-point";
import { requirePageSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { requestedFault } from "@/lib/faults";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The dispatcher's dashboard at "/": signed-in people only; the tile host comes from TILE_URL. */
export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageSession("viewer", "/");
  const env = getEnv();
  return (
    <Suspense fallback={null}>
      <FaultProvider fault={requestedFault((await searchParams).fault)}>
        <Dashboard
          tileUrl={env.tileUrl}
          user={user}
          escalateAfterMs={env.alerts.escalateAfterMs}
          accountBar={<AccountBar user={user} idleS={env.auth.sessionIdleS} />}
        />
      </FaultProvider>
    </Suspense>
  );
}
