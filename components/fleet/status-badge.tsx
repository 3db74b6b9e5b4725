"use client";

import type { VehicleStatus } from "@/lib/fleet/status";
import { useT } from "@/lib/i18n/i18n-provider";

/** A vehicle status in the page's language (the `common` namespace names them after it). */
export function useStatusLabel(): (status: VehicleStatus) => string {
  return useT("common");
}

const DOT: Record<VehicleStatus, string> = {
  moving: "bg-status-moving rounded-full",
  idle: "bg-status-idle rounded-full ring-2 ring-inset ring-white/70",
  stopped: "bg-status-stopped rounded-[2px]",
  offline: "bg-status-offline rounded-full",
};

/** The map symbol's colour and shape, as a legend dot. */
export function StatusDot({ status }: { status: VehicleStatus }) {
  return <span aria-hidden="true" className={`inline-block size-2.5 shrink-0 ${DOT[status]}`} />;
}

export function StatusBadge({ status }: { status: VehicleStatus }) {
  const label = useStatusLabel();
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-slate-700 dark:text-slate-200">
      <StatusDot status={status} />
      {label(status)}
    </span>
  );
}
