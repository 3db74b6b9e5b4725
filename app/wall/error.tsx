"use client";

import { WallErrorScreen } from "@/components/wall/wall-error-screen";

/** A wall screen that hit a render error reloads itself (nobody is there to press a button). */
export default function WallError({ error }: { error: unknown }) {
  return <WallErrorScreen error={error} />;
}
