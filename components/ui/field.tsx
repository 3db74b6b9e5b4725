"use client";

import { useId, type ReactNode } from "react";

/** What a field's control needs to be named and described: spread it onto the input. */
export type FieldControl = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

const LOOK = {
  // Label above the control (forms).
  stack: { box: "flex flex-col gap-1", note: "text-sm" },
  // Label beside the control (a setting in a toolbar, a small inline form): the text's size is
  // the toolbar's.
  inline: { box: "flex flex-wrap items-center gap-1.5", note: "" },
} as const;

/** The ids a field's control is given, and what it is described by (hint first, then error). */
export function fieldIds(id: string, has: { hint: boolean; error: boolean }) {
  const hint = has.hint ? `${id}-hint` : undefined;
  const error = has.error ? `${id}-error` : undefined;
  const describedBy = [hint, error].filter(Boolean).join(" ") || undefined;
  return { hint, error, describedBy };
}

/**
 * A labelled control: the label names it (`htmlFor`), and a hint or an error below it describe
 * it (`aria-describedby`), so a screen reader reads all three and a test finds the control by
 * its label. The control comes from `children`, given the attributes to spread on it; what the
 * control needs around it (a copy button) goes there too. An error marks the control invalid
 * and is announced (role="alert").
 */
export function Field(props: {
  label: ReactNode;
  children: (control: FieldControl) => ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  /** A fixed id when something else refers to the control; generated otherwise. */
  id?: string;
  layout?: keyof typeof LOOK;
  /** Added to the box that holds label, control and notes. */
  className?: string;
  /** Replaces the label's look (text-sm font-medium); "" takes the surroundings'. */
  labelClassName?: string;
}) {
  const look = LOOK[props.layout ?? "stack"];
  const generated = useId();
  const id = props.id ?? generated;
  const hasError = props.error !== undefined && props.error !== null && props.error !== false;
  const ids = fieldIds(id, { hint: props.hint !== undefined, error: hasError });
  const control: FieldControl = {
    id,
    ...(ids.describedBy ? { "aria-describedby": ids.describedBy } : {}),
    ...(hasError ? { "aria-invalid": true } : {}),
  };
  return (
    <div className={props.className ? `${look.box} ${props.className}` : look.box}>
      <label htmlFor={id} className={props.labelClassName ?? "text-sm font-medium"}>
        {props.label}
      </label>
      {props.children(control)}
      {ids.hint ? (
        <p id={ids.hint} className="text-xs text-slate-600 dark:text-slate-400">
          {props.hint}
        </p>
      ) : null}
      {ids.error ? (
        <p id={ids.error} role="alert" className={`${look.note} text-red-700 dark:text-red-400`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
