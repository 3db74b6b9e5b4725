import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { replay } from "@/lib/i18n/messages/replay";
import { advance, replayMarks } from "./replay-marks";

const t = translator("en", replay.en);

const range = { from: 1_000_000, to: 2_000_000 };

describe("replay marks", () => {
  it("ticks alerts in range only, spans stops and visits cut to the range, in time order", () => {
    const marks = replayMarks(
      range,
      {
        events: [
          { t: 1_500_000, kind: "alert", label: "Speeding", deviceId: "a" },
          { t: 900_000, kind: "alert", label: "Too early", deviceId: "a" },
          { t: 1_200_000, kind: "trip_start", label: "Trip started", deviceId: "a" },
        ],
        visits: [
          {
            fenceId: "f",
            fenceName: "Depot",
            deviceId: "a",
            enteredAt: 800_000,
            exitedAt: 1_100_000,
          },
          { fenceId: "g", fenceName: "Yard", deviceId: "a", enteredAt: 1_900_000, exitedAt: null },
        ],
        stops: [{ from: 1_300_000, to: 1_400_000, lat: 0, lng: 0 }],
      },
      t,
    );
    expect(marks).toEqual([
      { kind: "visit", from: 1_000_000, to: 1_100_000, label: "In Depot" },
      { kind: "stop", from: 1_300_000, to: 1_400_000, label: "Stopped" },
      { kind: "alert", from: 1_500_000, to: 1_500_000, label: "Speeding" },
      // A stay still going runs to the end of the range.
      { kind: "visit", from: 1_900_000, to: 2_000_000, label: "In Yard" },
    ]);
  });

  it("names the vehicle on a whole-fleet bar", () => {
    const marks = replayMarks(
      range,
      {
        events: [{ t: 1_500_000, kind: "alert", label: "Speeding", deviceId: "a" }],
        visits: [
          { fenceId: "f", fenceName: "Depot", deviceId: "b", enteredAt: 1_600_000, exitedAt: null },
        ],
        vehicleName: (id) => `Van ${id}`,
      },
      t,
    );
    expect(marks.map((mark) => mark.label)).toEqual(["Van a: Speeding", "Van b in Depot"]);
  });

  it("writes its words in the reader's language", () => {
    const marks = replayMarks(
      range,
      {
        events: [],
        visits: [
          { fenceId: "f", fenceName: "Depot", deviceId: "b", enteredAt: 1_600_000, exitedAt: null },
        ],
        stops: [{ from: 1_300_000, to: 1_400_000, lat: 0, lng: 0 }],
      },
      translator("es", replay.es),
    );
    expect(marks.map((mark) => mark.label)).toEqual(["Detenido", "En Depot"]);
  });

  it("plays at the chosen speed and stops at the end", () => {
    expect(advance(1_000_000, 500, 10, 2_000_000)).toBe(1_005_000);
    expect(advance(1_999_000, 1_000, 60, 2_000_000)).toBe(2_000_000);
  });
});
