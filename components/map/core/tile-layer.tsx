"use client";

import { useState } from "react";
import { TileLayer } from "react-leaflet";
import { useT } from "@/lib/i18n/i18n-provider";

const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

/**
 * Tiles from TILE_URL. When they fail and none has loaded, a note says the outline basemap is
 * what is shown, so nobody mistakes the plain map for a broken one.
 */
export function FleetTileLayer({ url }: { url: string }) {
  const [tiles, setTiles] = useState({ loaded: 0, failed: 0 });
  const t = useT("map");
  return (
    <>
      <TileLayer
        url={url}
        attribution={ATTRIBUTION}
        maxZoom={19}
        eventHandlers={{
          tileload: () => setTiles((n) => (n.loaded > 0 ? n : { ...n, loaded: 1 })),
          tileerror: () => setTiles((n) => (n.failed > 0 ? n : { ...n, failed: 1 })),
        }}
      />
      {tiles.failed > 0 && tiles.loaded === 0 ? (
        <p
          dir="auto"
          className="pointer-events-none absolute right-2 bottom-6 z-[500] rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow dark:bg-slate-900/90 dark:text-slate-200"
        >
          {t("tilesUnavailable")}
        </p>
      ) : null}
    </>
  );
}
