"use client";

import { Component, type ReactNode } from "react";
import { Button } from "./button";
import { describeError } from "./describe-error";

type Props = {
  /** What broke, as a person names it: "alerts panel", "vehicle detail", "map". */
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
      <div
        role="alert"
        data-testid="panel-error"
        className="m-3 flex flex-col items-start gap-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-50"
      >
        <p className="font-semibold">The {this.props.name} could not be shown.</p>
        <p>It hit an error; the map and the other panels keep working.</p>
        <Button onClick={() => this.setState({ error: undefined })}>Try again</Button>
      </div>
    );
  }
}
