"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { displayQueries, revokeDisplay, type DisplayLink } from "@/lib/queries/displays";
import { CopyButton } from "./copy-button";
import { formatDate, formatExpiry, formatLastSeen, STATE_LABEL } from "./display-format";

const STATE_STYLE: Record<DisplayLink["state"], string> = {
  active: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-300",
  expired: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300",
  revoked: "bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
};

/** One link: what it is, when its screen was last seen, and copy or revoke (with a confirm step). */
export function DisplayRow({ display, now }: { display: DisplayLink; now: number }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const revoke = useMutation({
    mutationFn: () => revokeDisplay(display.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: displayQueries.all() }),
  });

  useEffect(
    function focusTheSafeChoice() {
      // The Revoke button just disappeared; keep keyboard focus in the row, on the harmless answer.
      if (confirming) cancel.current?.focus();
    },
    [confirming],
  );

  return (
    <tr data-display-id={display.id} className="align-top">
      <td className="px-3 py-2 font-medium">{display.name}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {formatDate(display.createdAt)}
        <span className="block text-xs text-slate-600 dark:text-slate-400">
          by {display.createdBy}
        </span>
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{formatExpiry(display.expiresAt)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {display.lastSeenAt ? (
          <time dateTime={display.lastSeenAt} title={formatDate(display.lastSeenAt)}>
            {formatLastSeen(display.lastSeenAt, now)}
          </time>
        ) : (
          formatLastSeen(null, now)
        )}
      </td>
      <td className="px-3 py-2">
        <span
          className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLE[display.state]}`}
        >
          {STATE_LABEL[display.state]}
        </span>
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-center justify-end gap-2">
          {display.link && display.state === "active" ? (
            <CopyButton text={display.link} label="Copy link" />
          ) : null}
          {display.state === "revoked" ? null : confirming ? (
            <>
              <span className="w-full text-right text-xs">The screen stops within a minute.</span>
              <Button onClick={() => revoke.mutate()} disabled={revoke.isPending} tone="danger">
                Revoke link
              </Button>
              <Button ref={cancel} onClick={() => setConfirming(false)}>
                Cancel
              </Button>
            </>
          ) : (
            <Button onClick={() => setConfirming(true)}>Revoke</Button>
          )}
        </div>
        {revoke.isError ? (
          <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
            {revoke.error.message}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
