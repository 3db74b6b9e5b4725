"use client";

import { ErrorScreen } from "@/components/ui/error-screen";

/**
 * Errors a page did not catch itself (the dashboard's panels have their own boundaries, the wall
 * its own error page).
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  return <ErrorScreen error={error} onRetry={retry} />;
}
