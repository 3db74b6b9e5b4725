"use client";

import { Component, type ReactNode } from "react";
import { useT } from "@/lib/i18n/i18n-provider";
import { Button } from "./button";
import { describeError } from "./describe-error";

type Props = {
  /**
   * What broke, as a person names it in the page's language ("alerts panel", "vehicle detail",
   * "map"); shown in "The {name} could not be shown." and in the log line.
   */
  name: string;
  /** A new value (another vehicle, another tab) clears the error and tries again. */
  resetKey?: unknown;
  children: ReactNode;
};

type State = { error?: Error };

/**
 * Keeps a render error inside one part of the screen: that part says it could not be shown and
 * offers "Try again"; the map, the feed and every other panel keep working. The error is logged
 * once, without its details (describe-error.ts).
 */
export class PanelBoundary extends Component<Props, State> {
  override state: State = {};

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`[panel] ${this.props.name}: render error: ${describeError(error)}`);
  }

  override componentDidUpdate(previous: Props) {
    if (this.state.error && previous.resetKey !== this.props.resetKey) {
      this.setState({ error: undefined });
    }
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <PanelError name={this.props.name} onRetry={() => this.setState({ error: undefined })} />
    );
  }
}

function PanelError({ name, onRetry }: { name: string; onRetry: () => void }) {
  const t = useT("pages");
  const common = useT("common");
  return (
    <div
      role="alert"
      data-testid="panel-error"
      className="m-3 flex flex-col items-start gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
    >
      <p className="font-semibold">{t("panelErrorTitle", { name })}</p>
      <p>{t("panelErrorText")}</p>
      <Button onClick={onRetry}>{common("retry")}</Button>
    </div>
  );
}
