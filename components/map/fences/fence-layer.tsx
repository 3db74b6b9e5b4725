"use client";

import L, { type Path } from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { Circle, Marker, Pane, Polygon, useMap, useMapEvents } from "react-leaflet";
import { isRestrictedFence } from "@/lib/fleet/geofence";
import { hasShape, type Fence, type ShapedFence } from "@/lib/fleet/types";

const STYLE = { color: "#7c3aed", weight: 2, fillOpacity: 0.08, dashArray: "6 4" };
const RESTRICTED = { color: "#dc2626", weight: 2, fillOpacity: 0.1, dashArray: "6 4" };
/** Below this zoom a city's fences are too close together for their names to be readable. */
const NAMES_FROM_ZOOM = 12;

/** Where a fence's name goes: its northern edge, so the name never hides the vehicles inside. */
function labelPosition(fence: ShapedFence): [number, number] {
  if (fence.kind === "circle") {
    return [fence.center[0] + fence.radiusM / 111_320, fence.center[1]];
  }
  const top = fence.points.reduce((best, point) => (point[0] > best[0] ? point : best));
  const lng = fence.points.reduce((sum, point) => sum + point[1], 0) / fence.points.length;
  return [top[0], lng];
}

function labelIcon(name: string): L.DivIcon {
  const text = document.createElement("span");
  text.textContent = name;
  return L.divIcon({ html: text, className: "fence-label", iconSize: [0, 0], iconAnchor: [0, 0] });
}

/**
 * Hides the names that would overlap a name already shown (restricted zones first, then in
 * list order): fewer names, every one readable. Runs after every move of the map (a dozen names:
 * cheap).
 */
function declutter(pane: HTMLElement) {
  const shown: DOMRect[] = [];
  const spans = [...pane.querySelectorAll<HTMLElement>(".fence-label span")];
  const restricted = (span: HTMLElement) => (/restricted/i.test(span.textContent ?? "") ? 0 : 1);
  spans.sort((a, b) => restricted(a) - restricted(b));
  for (const span of spans) {
    span.style.visibility = "";
    const box = span.getBoundingClientRect();
    const hit = shown.some(
      (other) =>
        box.left < other.right &&
        other.left < box.right &&
        box.top < other.bottom &&
        other.top < box.bottom,
    );
    if (hit) span.style.visibility = "hidden";
    else shown.push(box);
  }
}

/**
 * Keeps the names decluttered: once they are on the map, and after every move of it (a fit or a
 * resize may move names relative to each other). Listens itself, so a pan re-renders nothing.
 */
function NameDeclutter({ labels }: { labels: unknown }) {
  const map = useMap();
  useEffect(
    function declutterAfterEachMove() {
      let frame = 0;
      const schedule = () => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => {
          const pane = map.getPane("fence-labels");
          if (pane) declutter(pane);
        });
      };
      schedule();
      map.on("moveend", schedule);
      return () => {
        map.off("moveend", schedule);
        cancelAnimationFrame(frame);
      };
    },
    [map, labels],
  );
  return null;
}

function markFence(id: string) {
  return {
    add(event: { target: Path }) {
      event.target.getElement()?.setAttribute("data-fence-id", id);
    },
  };
}

/**
 * Fences as dashed outlines (a restricted zone in red), named at their northern edge. A fence
 * whose shape is unknown is only listed (fences panel), not drawn.
 */
export function FenceLayer(props: { fences: readonly Fence[] }) {
  const [zoom, setZoom] = useState<number>();
  const map = useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  const fences = useMemo(() => props.fences.filter(hasShape), [props.fences]);
  const labels = useMemo(
    () =>
      fences.map((fence) => ({
        id: fence.id,
        at: labelPosition(fence),
        icon: labelIcon(fence.name),
      })),
    [fences],
  );
  const named = (zoom ?? map.getZoom()) >= NAMES_FROM_ZOOM;
  return (
    <>
      {fences.map((fence) => {
        const pathOptions = isRestrictedFence(fence) ? RESTRICTED : STYLE;
        return fence.kind === "circle" ? (
          <Circle
            key={fence.id}
            center={[fence.center[0], fence.center[1]]}
            radius={fence.radiusM}
            pathOptions={pathOptions}
            interactive={false}
            eventHandlers={markFence(fence.id)}
          />
        ) : (
          <Polygon
            key={fence.id}
            positions={[fence.points, ...(fence.holes ?? [])].map((ring) =>
              ring.map(([lat, lng]) => [lat, lng] as [number, number]),
            )}
            pathOptions={pathOptions}
            interactive={false}
            eventHandlers={markFence(fence.id)}
          />
        );
      })}
      {named ? (
        <Pane name="fence-labels" style={{ zIndex: 440 }}>
          {labels.map((label) => (
            <Marker
              key={label.id}
              position={label.at}
              icon={label.icon}
              interactive={false}
              keyboard={false}
            />
          ))}
          {/* After the names: its effect runs once they are on the map. */}
          <NameDeclutter labels={labels} />
        </Pane>
      ) : null}
    </>
  );
}
