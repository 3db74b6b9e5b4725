"use client";

import { ErrorScreen } from "@/components/ui/error-screen";
import { useT } from "@/lib/i18n/i18n-provider";

/**
 * Errors a page did not catch itself (the dashboard's panels have their own boundaries, the wall
 * its own error page).
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT("pages");
  const common = useT("common");
  return <ErrorScreen error={error} onRetry={retry} t={t} retry={common("retry")} />;
}
