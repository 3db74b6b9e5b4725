"use client";

import type { Fence } from "@/lib/fleet/types";

const KIND_LABEL: Record<Fence["kind"], string> = {
  circle: "circle",
  polygon: "polygon",
  unknown: "shape unknown",
};

/**
 * The fences by name; a click shows one on the map. A fence FleetUp names without a known shape
 * is listed too (not drawn, nothing to show).
 */
export function FencesPanel(props: { fences: readonly Fence[]; onFocus: (id: string) => void }) {
  if (props.fences.length === 0) {
    return <p className="p-3 text-sm text-slate-600 dark:text-slate-300">No fence defined.</p>;
  }
  const fences = [...props.fences].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <ul aria-label="Fences" className="min-h-0 flex-1 overflow-y-auto">
      {fences.map((fence) => (
        <li key={fence.id}>
          <button
            type="button"
            data-fence-id={fence.id}
            disabled={fence.kind === "unknown"}
            title={
              fence.kind === "unknown" ? "FleetUp does not say where this fence is" : undefined
            }
            onClick={() => props.onFocus(fence.id)}
            className="flex w-full justify-between gap-2 border-b border-slate-100 px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none focus-visible:ring-inset disabled:cursor-default disabled:hover:bg-transparent dark:border-slate-800/70 dark:hover:bg-slate-800/60"
          >
            <span className="truncate font-medium">{fence.name}</span>
            <span className="text-xs text-slate-600 dark:text-slate-300">
              {KIND_LABEL[fence.kind]}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
