"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useFormat, useT } from "@/lib/i18n/i18n-provider";
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
  const t = useT("admin");
  const common = useT("common");
  const format = useFormat();
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
        {formatDate(display.createdAt, format)}
        <span className="block text-xs text-slate-600 dark:text-slate-400">
          {t("createdBy", { email: display.createdBy })}
        </span>
      </td>
      <td className="px-3 py-2 whitespace-nowrap">{formatExpiry(display.expiresAt, t, format)}</td>
      <td className="px-3 py-2 whitespace-nowrap">
        {display.lastSeenAt ? (
          <time dateTime={display.lastSeenAt} title={formatDate(display.lastSeenAt, format)}>
            {formatLastSeen(display.lastSeenAt, now, t, format)}
          </time>
        ) : (
          formatLastSeen(null, now, t, format)
        )}
      </td>
      <td className="px-3 py-2">
        <span
          className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${STATE_STYLE[display.state]}`}
        >
          {t(STATE_LABEL[display.state])}
        </span>
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap items-center justify-end gap-2">
          {display.link && display.state === "active" ? (
            <CopyButton text={display.link} label={t("copyLink")} />
          ) : null}
          {display.state === "revoked" ? null : confirming ? (
            <>
              <span className="w-full text-end text-xs">{t("revokeWarning")}</span>
              <Button onClick={() => revoke.mutate()} disabled={revoke.isPending} tone="danger">
                {t("revokeConfirm")}
              </Button>
              <Button ref={cancel} onClick={() => setConfirming(false)}>
                {common("cancel")}
              </Button>
            </>
          ) : (
            <Button onClick={() => setConfirming(true)}>{t("revoke")}</Button>
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
