"use client";

import dynamic from "next/dynamic";

const BenchMap = dynamic(() => import("./bench-map"), { ssr: false });

export function BenchHarness() {
  return (
    <main className="h-dvh w-full" aria-label="Map benchmark">
      <BenchMap />
    </main>
  );
}
