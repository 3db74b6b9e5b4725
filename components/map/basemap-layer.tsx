"use client";

import type { FeatureCollection, Geometry } from "geojson";
import { useEffect, useState } from "react";
import { GeoJSON, Pane } from "react-leaflet";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

type Outlines = { countries: FeatureCollection; states: Geometry };

async function loadOutlines(): Promise<Outlines> {
  // Separate chunks: they load after the page, from this site, never from the tile host.
  const [world, us] = await Promise.all([
    import("world-atlas/countries-110m.json"),
    import("us-atlas/states-10m.json"),
  ]);
  const worldTopo = world.default as unknown as Topology<{ countries: GeometryCollection }>;
  const usTopo = us.default as unknown as Topology<{ states: GeometryCollection }>;
  return {
    countries: feature(worldTopo, worldTopo.objects.countries) as FeatureCollection,
    states: mesh(usTopo, usTopo.objects.states, (a, b) => a !== b),
  };
}

const LAND = { color: "#64748b", weight: 1, fillColor: "#e2e8f0", fillOpacity: 1, opacity: 0.8 };
const LAND_DARK = { ...LAND, color: "#94a3b8", fillColor: "#1e293b" };
const STATES = { color: "#64748b", weight: 1, opacity: 0.7, dashArray: "4 3" };
const STATES_DARK = { ...STATES, color: "#94a3b8" };

/**
 * A low-detail basemap bundled with the app (country and US state outlines), always drawn under
 * the tiles: where tiles load they cover it, and where they cannot the map still has context.
 */
export function BasemapLayer({ dark }: { dark: boolean }) {
  const [outlines, setOutlines] = useState<Outlines>();
  useEffect(function loadBundledOutlines() {
    let live = true;
    void loadOutlines().then((loaded) => live && setOutlines(loaded));
    return function ignoreLateOutlines() {
      live = false;
    };
  }, []);
  return (
    <Pane name="basemap" style={{ zIndex: 150 }}>
      {outlines ? (
        <>
          <GeoJSON data={outlines.countries} style={dark ? LAND_DARK : LAND} interactive={false} />
          <GeoJSON data={outlines.states} style={dark ? STATES_DARK : STATES} interactive={false} />
        </>
      ) : null}
    </Pane>
  );
}
