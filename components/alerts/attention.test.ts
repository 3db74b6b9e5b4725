import { describe, expect, it } from "vitest";
import { alertItem, initialWork, type AlertItem, type AlertWork } from "@/lib/fleet/alert-work";
import type { Alert, AlertSeverity } from "@/lib/fleet/types";
import { translator } from "@/lib/i18n/catalog";
import { alerts as catalog } from "@/lib/i18n/messages/alerts";
import { announce, NewAlerts, soundFor } from "./attention";

const NOW = 1_800_000_000_000;
const t = translator("en", catalog.en);

function item(
  id: string,
  severity: AlertSeverity,
  change: Partial<AlertWork> = {},
  alert: Partial<Alert> = {},
): AlertItem {
  const raw: Alert = {
    id,
    type: "speeding",
    severity,
    time: NOW - 60_000,
    deviceId: `dev-${id}`,
    ...alert,
  };
  return alertItem(raw, { ...initialWork(raw), ...change }, 0, NOW);
}

describe("the repeating sound", () => {
  it("sounds for the most severe open warning or critical alert nobody acknowledged", () => {
    expect(soundFor([item("w", "warning"), item("c", "critical")], NOW)).toBe("critical");
    expect(soundFor([item("w", "warning"), item("i", "info")], NOW)).toBe("warning");
  });

  it("is silent once they are acknowledged, for info alerts, and for ones no longer open", () => {
    expect(soundFor([item("c", "critical", { state: "acknowledged" })], NOW)).toBeUndefined();
    expect(soundFor([item("c", "critical", { state: "resolved" })], NOW)).toBeUndefined();
    expect(soundFor([item("i", "info")], NOW)).toBeUndefined();
    expect(soundFor([item("c", "critical", {}, { endTime: NOW - 1 })], NOW)).toBeUndefined();
    expect(soundFor([item("c", "critical", {}, { time: NOW - 2 * 3_600_000 })], NOW)).toBe(
      undefined,
    );
  });
});

describe("news", () => {
  it("treats the list at first sight as history, and later arrivals as news, once", () => {
    const news = new NewAlerts();
    expect(news.observe([item("a", "warning")])).toEqual([]);
    const fresh = item("b", "critical");
    expect(news.observe([fresh, item("a", "warning")])).toEqual([fresh]);
    expect(news.observe([fresh, item("a", "warning")])).toEqual([]);
  });
});

describe("the live region's words", () => {
  const names = (id: string | undefined) => (id === "dev-c" ? "Truck 7" : undefined);

  it("announces new warning and critical alerts with their vehicle and fence, not info", () => {
    const fence = item("c", "critical", {}, { type: "fence_enter", fenceName: "Depot" });
    expect(announce([fence, item("i", "info")], names, t)).toBe(
      "Critical alert: Entered fence, Truck 7, Depot.",
    );
    expect(announce([item("i", "info")], names, t)).toBe("");
  });

  it("reads out three and counts the rest, so a burst stays short", () => {
    const burst = ["1", "2", "3", "4", "5"].map((id) => item(id, "warning"));
    const words = announce(burst, names, t);
    expect(words.match(/Warning alert/g)).toHaveLength(3);
    expect(words).toMatch(/And 2 more\.$/);
  });
});
