"use client";

import { useTheme } from "@/components/dashboard/use-theme";
import { CreateDisplayForm } from "./create-display-form";
import { DisplayTable } from "./display-table";

const keepThemeOutOfUrl = () => {};

/** The admin's display links page: make a link for a wall screen, see the screens, revoke. */
export function DisplayLinks({ defaultDays }: { defaultDays: number }) {
  // The person's light or dark choice from the map, so this page does not flash the other one.
  useTheme(undefined, keepThemeOutOfUrl);
  return (
    <div className="space-y-8">
      <CreateDisplayForm defaultDays={defaultDays} />
      <DisplayTable />
    </div>
  );
}
