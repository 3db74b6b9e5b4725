"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { useT } from "@/lib/i18n/i18n-provider";
import { createDisplay, displayQueries, type DisplayLink } from "@/lib/queries/displays";
import { CopyButton } from "./copy-button";
import { expiryChoices } from "./display-format";

const CONTROL =
  "h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none dark:border-slate-700 dark:bg-slate-950";

/**
 * Names a new display link and its expiry (the server's default, DISPLAY_LINK_DAYS, first);
 * shows the new link, ready to copy to the screen, until a screen has opened it.
 */
export function CreateDisplayForm({ defaultDays }: { defaultDays: number }) {
  const t = useT("admin");
  const choices = expiryChoices(defaultDays, t);
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [expiry, setExpiry] = useState(0);
  const [created, setCreated] = useState<DisplayLink | undefined>();
  // The new link stays on show until it is revoked below (the list shares this query's cache).
  const { data } = useQuery(displayQueries.list());
  const createdNow = data?.displays.find((display) => display.id === created?.id);
  const create = useMutation({
    mutationFn: createDisplay,
    onSuccess: (display) => {
      setCreated(display);
      setName("");
      void queryClient.invalidateQueries({ queryKey: displayQueries.all() });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = choices[expiry]?.days;
    create.mutate({ name, ...(days === undefined ? {} : { expiresInDays: days }) });
  }

  const link = created?.link;
  return (
    <section aria-labelledby="new-display-heading" className="space-y-3">
      <h2 id="new-display-heading" className="text-base font-semibold">
        {t("newHeading")}
      </h2>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
        <Field label={t("nameLabel")}>
          {(control) => (
            <input
              {...control}
              value={name}
              onChange={(event) => setName(event.target.value)}
              required
              maxLength={80}
              placeholder={t("namePlaceholder")}
              className={`w-72 ${CONTROL}`}
            />
          )}
        </Field>
        <Field label={t("expiresLabel")}>
          {(control) => (
            <select
              {...control}
              value={expiry}
              onChange={(event) => setExpiry(Number(event.target.value))}
              className={CONTROL}
            >
              {choices.map((choice, index) => (
                <option key={choice.label} value={index}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {t("create")}
        </Button>
      </form>
      {create.isError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {create.error.message}
        </p>
      ) : null}
      {created && link && createdNow?.state !== "revoked" && !createdNow?.openedAt ? (
        <Field
          label={t("linkFor", { name: created.name })}
          hint={t("linkHelp")}
          className="rounded-md border border-blue-200 bg-blue-50 p-3 dark:border-blue-900 dark:bg-blue-950/40"
        >
          {(control) => (
            <div className="flex flex-wrap items-center gap-2">
              <input
                {...control}
                data-testid="display-link"
                dir="ltr"
                readOnly
                value={link}
                onFocus={(event) => event.currentTarget.select()}
                className={`min-w-0 flex-1 font-mono ${CONTROL}`}
              />
              <CopyButton text={link} label={t("copy")} />
            </div>
          )}
        </Field>
      ) : null}
    </section>
  );
}
