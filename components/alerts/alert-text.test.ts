import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { alerts as catalog } from "@/lib/i18n/messages/alerts";
import type { AlertWork } from "@/lib/fleet/alert-work";
import { alertLabel, countUnread, eventText, workLine } from "./alert-text";

const t = translator("en", catalog.en);

describe("alert text", () => {
  it("names known alert types and tidies unknown ones", () => {
    expect(alertLabel({ type: "fence_enter" }, t)).toBe("Entered fence");
    expect(alertLabel({ type: "tow_alert" }, t)).toBe("Tow alert");
    // A FleetUp code is data: it is not translated, in any language.
    expect(alertLabel({ type: "tow_alert" }, translator("es", catalog.es))).toBe("Tow alert");
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

  it("says where an alert stands with its own words for the reader's part in it", () => {
    const work: AlertWork = {
      alertId: "a",
      alertTime: 1,
      state: "acknowledged",
      version: 2,
      claimedBy: "ann@demo.local",
      assignedBy: "bob@demo.local",
    };
    expect(workLine(work, t)).toBe("Assigned to ann");
    expect(workLine(work, t, "ann@demo.local")).toBe("Assigned to you");
    // "you" is not slotted into the sentence for someone else: each language words it itself.
    const es = translator("es", catalog.es);
    expect(workLine(work, es, "ann@demo.local")).toBe("Asignada a usted");
    expect(workLine({ ...work, state: "resolved", resolvedBy: undefined }, es)).toBe(
      "Resuelta por alguien",
    );
  });

  it("leaves the actor's place in a history sentence for the page to fill", () => {
    const event = { version: 3, actor: "b@x", at: 1, previousHolder: "a@x" };
    expect(eventText({ ...event, action: "took_over" }, t)).toBe("{actor} took it over from a@x");
  });
});
