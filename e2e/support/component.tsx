/**
 * Component tests: render a component as the page gives it, in English, with its own query
 * cache, and drive it as a person does (user-event). For test files that run in happy-dom
 * (`// @vitest-environment happy-dom` at the top); the rest of the unit suite stays in Node.
 */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render } from "@testing-library/react";
import { userEvent, type UserEvent } from "@testing-library/user-event";
import type { ReactNode } from "react";
import { afterEach, vi } from "vitest";
import type { FleetSnapshot } from "@/lib/fleet/live";
import { I18nProvider } from "@/lib/i18n/i18n-provider";
import { messagesFor } from "@/lib/i18n/messages";

// Testing Library unmounts after each test only where `afterEach` is a global; here it is not.
afterEach(cleanup);

const MESSAGES = messagesFor("en");

/**
 * `ui` inside the providers the root layout gives (I18nProvider, a QueryClient). Queries and
 * mutations are not retried, so a refusal shows at once. `client` may be given to seed the cache
 * before the first render.
 */
export function renderWithApp(
  ui: ReactNode,
  { client = testQueryClient() }: { client?: QueryClient } = {},
): ReturnType<typeof render> & { client: QueryClient; user: UserEvent } {
  const user = userEvent.setup();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider locale="en" messages={MESSAGES}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </I18nProvider>
  );
  const rendered: ReturnType<typeof render> = render(ui, { wrapper });
  return { ...rendered, client, user };
}

export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
}

/**
 * happy-dom lays nothing out: every element measures 0 × 0 and scrolling fires no event, so a
 * virtual list (@tanstack/react-virtual) would render no row and never follow a scroll. This
 * stands in for a browser's layout, for the scroll containers of such lists only: every element
 * is `width` × `height` on screen; its scrollable height is the tallest of that and its first
 * child's inline `height` (the virtual list's spacer); `scrollTo` clamps the offset to it and,
 * when it moved, fires "scroll" soon after, as a browser does. Spies: `restoreMocks` undoes them after each test, so call
 * it in `beforeEach`.
 */
export function fakeLayout({ width, height }: { width: number; height: number }) {
  const proto = HTMLElement.prototype;
  vi.spyOn(proto, "clientWidth", "get").mockReturnValue(width);
  vi.spyOn(proto, "clientHeight", "get").mockReturnValue(height);
  vi.spyOn(proto, "offsetWidth", "get").mockReturnValue(width);
  vi.spyOn(proto, "offsetHeight", "get").mockReturnValue(height);
  vi.spyOn(proto, "scrollHeight", "get").mockImplementation(function scrollHeight(
    this: HTMLElement,
  ) {
    const spacer = this.firstElementChild;
    const inner = spacer instanceof HTMLElement ? parseFloat(spacer.style.height) : NaN;
    return Math.max(height, Number.isNaN(inner) ? 0 : inner);
  });
  vi.spyOn(proto, "scrollTo").mockImplementation(function scrollTo(
    this: HTMLElement,
    ...args: [ScrollToOptions?] | [number, number]
  ) {
    const top = typeof args[0] === "number" ? args[1] : args[0]?.top;
    if (top === undefined) return;
    const to = Math.max(0, Math.min(top, this.scrollHeight - this.clientHeight));
    if (to === this.scrollTop) return;
    this.scrollTop = to;
    // A browser fires "scroll" on a later task, never inside the call (React warns otherwise).
    setTimeout(() => this.dispatchEvent(new Event("scroll")));
  });
}

/** A fleet snapshot with nothing in it, for the cache a component reads; `patch` fills it. */
export function testSnapshot(patch: Partial<FleetSnapshot> = {}): FleetSnapshot {
  return {
    version: 1,
    generatedAt: Date.now(),
    stale: false,
    vehicles: [],
    trips: [],
    alerts: [],
    fences: [],
    feeds: {},
    thresholds: { movingKph: 3, offlineAfterMs: 30 * 60_000, oldFixAfterMs: 5 * 60_000 },
    ...patch,
  };
}
