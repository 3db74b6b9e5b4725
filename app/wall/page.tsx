import type { Metadata } from "next";
import { Suspense } from "react";
import { Wall } from "@/components/wall/wall";
import { getWallViewer } from "@/lib/auth/session";
import { getBuildId } from "@/lib/build-id";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Fleet Live · wall" };

/**
 * The wall screen: a display link's read-only session or a signed-in person. The build id lets
 * the page notice a deployment and reload itself.
 */
export default async function WallPage() {
  const reader = await getWallViewer("/wall");
  return (
    <Suspense fallback={null}>
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
    </Suspense>
  );
}
