import countries from "world-atlas/countries-110m.json";
import states from "us-atlas/states-10m.json";

/**
 * The bundled low-detail basemap (country and US state outlines, TopoJSON) as static data: built
 * once into the deployment and fetched by the map after the page, so its 220 KB never sit in a
 * JavaScript bundle. Not secret (no session needed); served from this site, never a third party.
 */
const FILES: Record<string, unknown> = {
  "countries-110m.json": countries,
  "states-10m.json": states,
};

export const dynamic = "force-static";
export const dynamicParams = false;

export function generateStaticParams() {
  return Object.keys(FILES).map((file) => ({ file }));
}

export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  return Response.json(FILES[file], {
    headers: { "cache-control": "public, max-age=86400" },
  });
}
