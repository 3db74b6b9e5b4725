import { AccountBar } from "@/components/auth/account-bar";
import { HealthStatus } from "@/components/health-status";
import { requirePageSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

export default async function HomePage() {
  const user = await requirePageSession("viewer", "/");
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 p-8">
      <AccountBar user={user} idleS={getEnv().auth.sessionIdleS} />
      <header>
        <h1 className="text-2xl font-bold">Fleet Live</h1>
        <p className="text-slate-600 dark:text-slate-400">
          The live fleet map is on its way. Meanwhile, this is the server&apos;s health.
        </p>
      </header>
      <HealthStatus />
    </main>
  );
}
