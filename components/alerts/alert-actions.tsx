"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { offeredActions, type AlertItem, type OfferedAction } from "@/lib/fleet/alert-work";
import {
  alertQueries,
  postAlertAction,
  showWork,
  type AlertActionBody,
  type AlertActionKind,
} from "@/lib/queries/alerts";
import { useT } from "@/lib/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { personName } from "./alert-text";

const BUTTON = {
  acknowledge: ["acknowledge", "ack", {}],
  claim: ["claim", "claim", {}],
  take_over: ["takeOver", "claim", { takeOver: true }],
  release: ["release", "assign", { to: null }],
  resolve: ["resolve", "resolve", {}],
} as const satisfies Record<
  Exclude<OfferedAction, "assign">,
  readonly [string, AlertActionKind, AlertActionBody]
>;

/**
 * What the person may do with an alert, and nothing else (the buttons come from the same rules
 * the server applies): acknowledge, claim, take over, release, assign, resolve, each with the
 * optional note above them. A refusal (someone else acted first) is shown in the server's words.
 */
export function AlertActions({ item, me }: { item: AlertItem; me: string }) {
  const t = useT("alerts");
  const client = useQueryClient();
  const [note, setNote] = useState("");
  const [assignee, setAssignee] = useState("");
  const offered = offeredActions(item.work, me);
  const assignees = useQuery({ ...alertQueries.assignees(), enabled: offered.includes("assign") });
  const action = useMutation({
    mutationFn: ({
      kind,
      body,
      sent,
    }: {
      kind: AlertActionKind;
      body: AlertActionBody;
      sent: string;
    }) => postAlertAction(item.alert.id, kind, { ...body, note: sent || undefined }),
    onSuccess: ({ item: answered }, { sent }) => {
      showWork(client, [answered.work]);
      // The note went with the action; one typed while the answer was on its way stays.
      setNote((current) => (current.trim() === sent ? "" : current));
    },
  });
  if (offered.length === 0) return null;
  const others = (assignees.data?.assignees ?? []).filter(
    (person) => person.email !== item.work.claimedBy,
  );
  const holder = item.work.claimedBy;

  return (
    <section aria-label={t("actionsLabel")} className="flex flex-col gap-2">
      {holder && holder !== me ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {t("handledBy", { who: personName(holder, t) })}
        </p>
      ) : null}
      <Field label={t("note")} className="text-sm">
        {(control) => (
          <textarea
            {...control}
            value={note}
            maxLength={1000}
            rows={2}
            onChange={(event) => setNote(event.target.value)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 font-normal focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900"
          />
        )}
      </Field>
      <div className="flex flex-wrap gap-2">
        {offered.map((name) => {
          if (name === "assign") return null;
          const [label, kind, body] = BUTTON[name];
          return (
            <Button
              key={name}
              disabled={action.isPending}
              onClick={() => action.mutate({ kind, body, sent: note.trim() })}
            >
              {t(label)}
            </Button>
          );
        })}
      </div>
      {offered.includes("assign") ? (
        <div className="flex gap-2">
          <select
            aria-label={t("assignTo")}
            value={assignee}
            onChange={(event) => setAssignee(event.target.value)}
            className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">{t("assignToChoose")}</option>
            {others.map((person) => (
              <option key={person.email} value={person.email}>
                {person.email}
              </option>
            ))}
          </select>
          <Button
            disabled={!assignee || action.isPending}
            onClick={() =>
              action.mutate({ kind: "assign", body: { to: assignee }, sent: note.trim() })
            }
          >
            {t("assign")}
          </Button>
        </div>
      ) : null}
      {action.error ? (
        <p role="alert" className="text-sm font-medium text-red-800 dark:text-red-300">
          {action.error.message}
        </p>
      ) : null}
    </section>
  );
}
