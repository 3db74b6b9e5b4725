import { notFound } from "next/navigation";
import { BenchHarness } from "@/components/bench/bench-harness";
import { requirePageSession } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";

/**
 * The map benchmark's page (bench/dashboard-render.ts drives it): synthetic vehicles only, no
 * fleet data, so it needs nothing from the server but a signed-in person, like every page. It
 * does not exist unless the server runs with BENCH_PAGES=1 (the benches start it so).
 */
export default async function BenchMapPage() {
  if (!getEnv().benchPages) notFound();
  await requirePageSession("viewer", "/bench/map");
  return <BenchHarness />;
}
