"use client";

import { usePathname } from "next/navigation";
import { ErrorScreen } from "@/components/ui/error-screen";
import { WallErrorScreen } from "@/components/wall/wall-error-screen";
import "./globals.css";

/**
 * The last boundary: the root layout itself failed, so this page brings its own <html>. A wall
 * screen still reloads itself; anyone else gets a message and "Try again".
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const wall = usePathname()?.startsWith("/wall") ?? false;
  return (
    <html lang="en">
      <body className="bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        {wall ? <WallErrorScreen error={error} /> : <ErrorScreen error={error} onRetry={retry} />}
      </body>
    </html>
  );
}
