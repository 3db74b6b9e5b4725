import { describe, expect, it } from "vitest";
import { occupancyBoard } from "./occupancy";
import type { Fence } from "./types";

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const fences: Fence[] = [
  { id: "F1", name: "Depot", kind: "circle", center: [0, 0], radiusM: 100 },
  { id: "F2", name: "Restricted - Zone", kind: "unknown" },
];

describe("occupancyBoard", () => {
  it("lists who is inside now and since when, the day's visits and their average dwell", () => {
    const board = occupancyBoard(
      fences,
      [
        { fenceId: "F1", deviceId: "A", enteredAt: T0 - 30 * MIN, exitedAt: T0 - 10 * MIN },
        { fenceId: "F1", deviceId: "B", enteredAt: T0 - 15 * MIN, exitedAt: T0 - 5 * MIN },
        { fenceId: "F1", deviceId: "C", enteredAt: T0 - 3 * MIN, exitedAt: null },
        { fenceId: "F1", deviceId: "D", enteredAt: T0 - 90 * MIN, exitedAt: null },
        // Ended before the day began: not today's.
        { fenceId: "F1", deviceId: "E", enteredAt: T0 - 200 * MIN, exitedAt: T0 - 100 * MIN },
      ],
      new Map([["F1", 3600]]),
      (id) => `Van ${id}`,
      T0 - 60 * MIN,
      T0,
    );
    expect(board.fences[0]).toEqual({
      fenceId: "F1",
      name: "Depot",
      restricted: false,
      dwellLimitS: 3600,
      inside: [
        { deviceId: "D", name: "Van D", since: T0 - 90 * MIN },
        { deviceId: "C", name: "Van C", since: T0 - 3 * MIN },
      ],
      visits: 4,
      averageDwellS: 15 * 60,
    });
    expect(board.fences[1]).toMatchObject({
      name: "Restricted - Zone",
      restricted: true,
      dwellLimitS: null,
      inside: [],
      visits: 0,
      averageDwellS: null,
    });
  });
});
