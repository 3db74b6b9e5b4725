import type { Metadata } from "next";
import { Suspense } from "react";
import { FaultProvider } from "@/components/ui/fault-point";
import { Wall } from "@/components/wall/wall";
import { getWallViewer } from "@/lib/auth/session";
import { getBuildId } from "@/lib/build-id";
import { getEnv } from "@/lib/env";
import { requestedFault } from "@/lib/faults";
import { getT } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT("wall"))("title") };
}

/**
 * The wall screen: a display link's read-only session or a signed-in person. The build id lets
 * the page notice a deployment and reload itself. A render error shows error.tsx, which reloads.
 */
export default async function WallPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const reader = await getWallViewer("/wall");
  return (
    <Suspense fallback={null}>
      <FaultProvider fault={requestedFault((await searchParams).fault)}>
        <Wall
          tileUrl={getEnv().tileUrl}
          escalateAfterMs={getEnv().alerts.escalateAfterMs}
          buildId={getBuildId()}
          viewer={
            reader.kind === "display"
              ? { kind: "display", name: reader.display.name }
              : { kind: "user", email: reader.user.email }
          }
        />
      </FaultProvider>
    </Suspense>
  );
}
