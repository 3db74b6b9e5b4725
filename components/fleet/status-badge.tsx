import type { VehicleStatus } from "@/lib/fleet/status";

export const STATUS_LABEL: Record<VehicleStatus, string> = {
  moving: "Moving",
  idle: "Idle",
  stopped: "Stopped",
  offline: "Offline",
};

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
  return (
    <span className="inline-flex items-center gap-1 text-xs font-medium text-slate-700 dark:text-slate-200">
      <StatusDot status={status} />
      {STATUS_LABEL[status]}
    </span>
  );
}
