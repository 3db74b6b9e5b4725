import type { FenceList } from "@/lib/fleet/live";
import { requireFleetReader } from "@/lib/auth/session";
import { route } from "@/lib/http/route";
import { requireData } from "@/lib/live/require-data";
import { getLiveService } from "@/lib/live/service";

export const dynamic = "force-dynamic";

const get = async (request: Request) => {
  await requireFleetReader(request);
  const live = getLiveService();
  requireData(live);
  return Response.json(
    {
      fences: live.mirror.fenceList(),
      fetchedAt: live.mirror.feedHealth().fences?.lastSuccessAt ?? null,
    } satisfies FenceList,
    { headers: { "cache-control": "private, no-cache" } },
  );
};

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: get });
