"use client";

import { WallErrorScreen } from "@/components/wall/wall-error-screen";
import { useT } from "@/lib/i18n/i18n-provider";

/** A wall screen that hit a render error reloads itself (nobody is there to press a button). */
export default function WallError({ error }: { error: unknown }) {
  return <WallErrorScreen error={error} t={useT("wall")} />;
}
