"use client";

import type { FeatureCollection, Geometry } from "geojson";
import { useEffect, useState } from "react";
import { GeoJSON, Pane } from "react-leaflet";
import { feature, mesh } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";

type Outlines = { countries: FeatureCollection; states: Geometry };

async function fetchTopology<T>(file: string): Promise<T> {
  const response = await fetch(`/basemap/${file}`);
  if (!response.ok) throw new Error(`basemap ${file}: ${response.status}`);
  return (await response.json()) as T;
}

async function loadOutlines(): Promise<Outlines> {
  // Static data from this site (app/basemap), never from the tile host, and never part of a
  // JavaScript bundle: it loads after the page, and the browser caches it.
  const [worldTopo, usTopo] = await Promise.all([
    fetchTopology<Topology<{ countries: GeometryCollection }>>("countries-110m.json"),
    fetchTopology<Topology<{ states: GeometryCollection }>>("states-10m.json"),
  ]);
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
    // Without outlines the tiles still show (and tests never depend on either): no retry.
    loadOutlines().then(
      (loaded) => live && setOutlines(loaded),
      () => undefined,
    );
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
