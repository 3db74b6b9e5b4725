import { describe, expect, it } from "vitest";
import { alertLabel, countUnread } from "./alert-text";

describe("alert text", () => {
  it("names known alert types and tidies unknown ones", () => {
    expect(alertLabel({ type: "fence_enter" })).toBe("Entered fence");
    expect(alertLabel({ type: "tow_alert" })).toBe("Tow alert");
  });

  it("counts alerts newer than the last time they were read", () => {
    const alerts = [30, 20, 10].map((time) => ({
      id: String(time),
      type: "speeding",
      severity: "warning" as const,
      time,
    }));
    expect(countUnread(alerts, 15)).toBe(2);
    expect(countUnread(alerts, 30)).toBe(0);
  });
});
