import { BenchHarness } from "@/components/bench/bench-harness";
import { requirePageSession } from "@/lib/auth/session";

/**
 * The map benchmark's page (bench/dashboard-render.ts drives it): synthetic vehicles only, no
 * fleet data, so it needs nothing from the server but a signed-in person, like every page.
 */
export default async function BenchMapPage() {
  await requirePageSession("viewer", "/bench/map");
  return <BenchHarness />;
}
