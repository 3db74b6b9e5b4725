import "server-only";
import { describe, expect, it } from "vitest";
import { extractList, parsers, PayloadShapeError, readSeverity, toFence } from "./parsers";

const now = Date.UTC(2026, 10, 28, 9, 0, 0);
const ctx = { now };

const fix = (devId: string, extra: Record<string, unknown> = {}) => ({
  devId,
  lat: 33.4484,
  lng: -112.074,
  speed: 54,
  direction: 270,
  gpsTime: "20261128085900",
  ...extra,
});

describe("extractList", () => {
  it("reads a data wrapper and a bare array alike", () => {
    expect(extractList({ data: [1, 2] }, [])).toEqual([1, 2]);
    expect(extractList([1, 2], [])).toEqual([1, 2]);
  });

  it("reads an endpoint's own list key and one level of nesting", () => {
    expect(extractList({ trips: [1] }, ["trips"])).toEqual([1]);
    expect(extractList({ data: { list: [1] } }, [])).toEqual([1]);
  });

  it("treats no body, null and a null list as no records", () => {
    expect(extractList(undefined, [])).toEqual([]);
    expect(extractList({ data: null }, [])).toEqual([]);
    expect(extractList({}, [])).toEqual([]);
  });

  it("rejects a body that is not JSON data", () => {
    expect(() => extractList("<html>", [])).toThrow(PayloadShapeError);
  });
});

describe("latest positions parser", () => {
  it("maps FleetUp's observed last-location record", () => {
    const result = parsers.deviceLastLocation({ data: [fix("213A", { rpm: 1650 })] }, ctx);
    expect(result.records).toEqual([
      {
        deviceId: "213A",
        lat: 33.4484,
        lng: -112.074,
        speedKph: 54,
        headingDeg: 270,
        fixTime: Date.UTC(2026, 10, 28, 8, 59, 0),
      },
    ]);
    expect(result.fieldsIgnored).toEqual(["rpm"]);
    expect(result.fieldsMapped).toEqual(["devId", "direction", "gpsTime", "lat", "lng", "speed"]);
  });

  it("yields the same positions from a wrapper or a bare array, degrees or milliseconds of arc", () => {
    const degrees = [fix("A"), fix("B", { lat: 40.5, lng: -74.25 })];
    const mas = degrees.map((record) => ({
      ...record,
      lat: Math.round(record.lat * 3_600_000),
      lng: Math.round(record.lng * 3_600_000),
    }));
    const expected = parsers.deviceLastLocation({ data: degrees }, ctx).records;
    expect(parsers.deviceLastLocation(degrees, ctx).records).toEqual(expected);
    expect(parsers.deviceLastLocation({ data: mas }, ctx).records).toEqual(expected);
    expect(parsers.latestGps(mas, ctx).records).toEqual(expected);
  });

  it("reads numbers sent as strings", () => {
    const record = { devId: 42, lat: "33.4484", lng: "-112.074", speed: "54", direction: "270" };
    expect(parsers.deviceLastLocation([record], ctx).records[0]).toMatchObject({
      deviceId: "42",
      lat: 33.4484,
      speedKph: 54,
      headingDeg: 270,
    });
  });

  it.each(["gpsTime", "gpsDate", "time", "tmTime", "timestamp", "dateTime"])(
    "reads the fix time from %s",
    (field) => {
      const record = { devId: "A", lat: 1, lng: 1, [field]: "2026-11-28T08:00:00Z" };
      expect(parsers.deviceLastLocation([record], ctx).records[0]?.fixTime).toBe(
        Date.UTC(2026, 10, 28, 8),
      );
    },
  );

  it("reads aliases in any letter case", () => {
    const record = { DeviceId: "A", Latitude: 10, Longitude: 20, Heading: 90, ACC: 1, Idling: 0 };
    expect(parsers.deviceLastLocation([record], ctx).records[0]).toEqual({
      deviceId: "A",
      lat: 10,
      lng: 20,
      headingDeg: 90,
      ignition: true,
      idling: false,
    });
  });

  it("keeps a fix without a time (FleetUp may send none)", () => {
    const result = parsers.deviceLastLocation([{ devId: "A", lat: 10, lng: 20 }], ctx);
    expect(result.records[0]?.fixTime).toBeUndefined();
  });

  it("drops a record only for its id or coordinates, by reason, and keeps the good ones around it", () => {
    const result = parsers.deviceLastLocation(
      {
        data: [
          fix("good-1"),
          fix("", {}),
          fix("no-lat", { lat: undefined }),
          fix("lat-91", { lat: 91 }),
          fix("nan", { lng: "NaN" }),
          "not a record",
          fix("good-2"),
          fix("good-1", { gpsTime: "20261128085800" }),
        ],
      },
      ctx,
    );
    expect(result.records.map((p) => p.deviceId)).toEqual(["good-1", "good-2"]);
    expect(result.received).toBe(8);
    expect(result.dropped).toEqual({
      missing_id: 1,
      missing_coordinates: 1,
      out_of_range: 1,
      non_finite: 1,
      not_an_object: 1,
      duplicate: 1,
    });
    expect(result.droppedFields).toEqual({});
  });

  it("keeps a vehicle whose heading, speed or fix time is unreadable, with that field unknown", () => {
    const result = parsers.deviceLastLocation(
      [
        fix("heading", { direction: 500 }),
        fix("speed", { speed: 2000 }),
        fix("nan-speed", { speed: "NaN" }),
        fix("future", { gpsTime: "20301128085900" }),
        fix("garbled", { gpsTime: "yesterday", direction: "north" }),
      ],
      ctx,
    );
    expect(result.records.map((p) => p.deviceId)).toEqual([
      "heading",
      "speed",
      "nan-speed",
      "future",
      "garbled",
    ]);
    expect(result.records[0]).toEqual({
      deviceId: "heading",
      lat: 33.4484,
      lng: -112.074,
      speedKph: 54,
      fixTime: Date.UTC(2026, 10, 28, 8, 59),
    });
    expect(result.records[3]?.fixTime).toBeUndefined();
    expect(result.dropped).toEqual({});
    expect(result.droppedFields).toEqual({
      direction: { impossible_value: 1, non_finite: 1 },
      speed: { impossible_value: 1, non_finite: 1 },
      gpsTime: { bad_time: 2 },
    });
  });

  it("keeps a record carrying NaN in a field we do not map, and counts that field", () => {
    const result = parsers.deviceLastLocation(
      [fix("A", { rpm: "NaN", fuelWear: "NaN" }), fix("B")],
      ctx,
    );
    expect(result.records.map((p) => p.deviceId)).toEqual(["A", "B"]);
    expect(result.dropped).toEqual({});
    expect(result.droppedFields).toEqual({ rpm: { non_finite: 1 }, fuelWear: { non_finite: 1 } });
  });

  it("drops a fix whose latitude is -999 next to a longitude in milliseconds of arc", () => {
    const result = parsers.deviceLastLocation([fix("A", { lat: -999, lng: -403466400 })], ctx);
    expect(result.dropped).toEqual({ out_of_range: 1 });
  });

  it("drops a fix whose latitude is -999 next to a longitude in degrees", () => {
    const result = parsers.deviceLastLocation([fix("A", { lat: -999 })], ctx);
    expect(result.dropped).toEqual({ out_of_range: 1 });
  });

  it("keeps the newer of two fixes for the same device", () => {
    const result = parsers.deviceLastLocation(
      [fix("A", { gpsTime: "20261128080000" }), fix("A", { gpsTime: "20261128085000", lat: 1 })],
      ctx,
    );
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.lat).toBe(1);
    expect(result.dropped.duplicate).toBe(1);
  });
});

describe("GPS history parser", () => {
  it("fills the asked-for device, sorts by time and drops repeated fixes", () => {
    const result = parsers.gpsHistory(
      {
        data: [
          { lat: 1, lng: 1, gpsTime: "20261128080200" },
          { lat: 2, lng: 2, gpsTime: "20261128080100" },
          { lat: 2, lng: 2, gpsTime: "20261128080100" },
        ],
      },
      { now, deviceId: "A" },
    );
    expect(result.records.map((p) => [p.deviceId, p.lat])).toEqual([
      ["A", 2],
      ["A", 1],
    ]);
    expect(result.dropped).toEqual({ duplicate: 1 });
  });
});

describe("device parser", () => {
  it("maps names, plates and drivers, using the id when there is no name", () => {
    const result = parsers.devices(
      {
        devices: [
          { devId: "A", devName: "Truck 7", plateNo: "AZ-123", driverName: "Ana", devType: "4CJ" },
          { deviceId: "B" },
          { name: "no id" },
        ],
      },
      ctx,
    );
    expect(result.records).toEqual([
      { id: "A", name: "Truck 7", plate: "AZ-123", driver: "Ana", deviceType: "4CJ" },
      { id: "B", name: "B" },
    ]);
    expect(result.dropped).toEqual({ missing_id: 1 });
  });
});

describe("trip parsers", () => {
  const trip = {
    startTime: "20261128070000",
    endTime: "20261128074500",
    startLocation: "120414240,-403466400",
    endLocation: "120603600,-403290000",
    startAddress: "100 W Washington St",
    tripMileage: "15230",
    fuelWear: 184,
    tripScore: 88,
    vehicle: "Truck 07",
  };

  it("maps a history trip: metres, centilitres to litres, positions in milliseconds of arc", () => {
    const result = parsers.tripHistory({ trips: [trip] }, { now, deviceId: "A" });
    expect(result.records).toEqual([
      {
        id: `A:${Date.UTC(2026, 10, 28, 7)}`,
        deviceId: "A",
        startTime: Date.UTC(2026, 10, 28, 7),
        endTime: Date.UTC(2026, 10, 28, 7, 45),
        start: [33.4484, -112.074],
        end: [33.501, -112.025],
        startAddress: "100 W Washington St",
        distanceM: 15230,
        fuelUsedL: 1.84,
        score: 88,
        vehicleName: "Truck 07",
      },
    ]);
  });

  it("keeps a trip whose end time is malformed, without the end time", () => {
    const result = parsers.tripHistory([{ ...trip, endTime: "garbage" }], { now, deviceId: "A" });
    expect(result.records[0]?.endTime).toBeUndefined();
  });

  it("drops a trip of 10 000 km", () => {
    const result = parsers.ongoingTrips([{ ...trip, devId: "A", tripMileage: 10_000_000 }], ctx);
    expect(result.dropped).toEqual({ impossible_value: 1 });
  });

  it('keeps a trip whose start is "0,0", without a start point', () => {
    const result = parsers.tripHistory([{ ...trip, startLocation: "0,0" }], { now, deviceId: "A" });
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.start).toBeUndefined();
    expect(result.records[0]?.end).toEqual([33.501, -112.025]);
    expect(result.droppedFields).toEqual({ startLocation: { impossible_value: 1 } });
  });

  it("drops an ongoing trip without a device or a start time", () => {
    const result = parsers.ongoingTrips(
      { trips: [{ ...trip }, { ...trip, devId: "A", startTime: undefined }] },
      ctx,
    );
    expect(result.dropped).toEqual({ missing_id: 1, bad_time: 1 });
  });

  it("reads start coordinates given as separate fields", () => {
    const result = parsers.ongoingTrips(
      [{ devId: "A", startTime: "20261128070000", startLat: 33.4, startLng: -112, distance: 5 }],
      ctx,
    );
    expect(result.records[0]).toMatchObject({ start: [33.4, -112], distanceM: 5 });
  });
});

describe("alert parsers", () => {
  it("maps an alert, keeping FleetUp's type as opaque text", () => {
    const result = parsers.alerts(
      {
        data: [
          {
            alertId: 7,
            devId: "A",
            alertType: "Harsh Braking",
            alertTime: "20261128080000",
            lat: 33.4,
            lng: -112,
            msg: "braked hard",
          },
        ],
      },
      ctx,
    );
    expect(result.records).toEqual([
      {
        id: "7",
        deviceId: "A",
        type: "Harsh Braking",
        severity: "warning",
        time: Date.UTC(2026, 10, 28, 8),
        position: [33.4, -112],
        message: "braked hard",
      },
    ]);
  });

  it("keeps the vehicle's speed when the alert fired, and drops only an impossible one", () => {
    const result = parsers.alerts(
      {
        data: [
          { alertId: 1, devId: "A", alertType: "Speeding", alertTime: "20261128080000", speed: 97 },
          { alertId: 2, devId: "A", alertType: "Speeding", alertTime: "20261128080000", speed: -4 },
        ],
      },
      ctx,
    );
    expect(result.records.map((alert) => [alert.id, alert.speedKph])).toEqual([
      ["1", 97],
      ["2", undefined],
    ]);
  });

  it("keeps an alert without a usable position (listed, not drawn)", () => {
    const result = parsers.alerts(
      [
        { alertId: 1, devId: "A", alertType: "Speeding", alertTime: "20261128080000" },
        {
          alertId: 2,
          devId: "A",
          alertType: "Speeding",
          alertTime: "20261128080000",
          lat: 0,
          lng: 0,
        },
        {
          alertId: 3,
          devId: "A",
          alertType: "Speeding",
          alertTime: "20261128080000",
          lat: "NaN",
          lng: 1,
        },
      ],
      ctx,
    );
    expect(result.records.map((alert) => [alert.id, alert.position])).toEqual([
      ["1", undefined],
      ["2", undefined],
      ["3", undefined],
    ]);
    expect(result.dropped).toEqual({});
    expect(result.droppedFields).toEqual({ lat: { impossible_value: 1, non_finite: 1 } });
  });

  it("builds a stable id when FleetUp sends none and drops an alert without a time", () => {
    const result = parsers.alerts(
      [
        { devId: "A", type: 12, time: "20261128080000" },
        { devId: "A", type: 12, time: "20261128080000" },
        { devId: "A", type: 12 },
      ],
      ctx,
    );
    expect(result.records.map((alert) => alert.id)).toEqual([`A:12:${Date.UTC(2026, 10, 28, 8)}`]);
    expect(result.dropped).toEqual({ duplicate: 1, bad_time: 1 });
  });

  it.each([
    ["critical", "x", "critical"],
    ["HIGH", "x", "critical"],
    ["warning", "x", "warning"],
    [3, "x", "critical"],
    ["2", "x", "warning"],
    [undefined, "SOS Panic", "critical"],
    [undefined, "Speeding", "warning"],
    [undefined, "Ignition On", "info"],
  ])("reads severity %s for type %s as %s", (value, type, expected) => {
    expect(readSeverity(value, type)).toBe(expected);
  });

  it("maps a geofence visit: entry from acconTime, exit from tmTime", () => {
    const result = parsers.fenceAlerts(
      {
        data: [
          {
            fenceName: "Main Depot",
            fenceId: 48213,
            acconTime: "20261128070000",
            tmTime: "20261128073000",
          },
        ],
      },
      { now, deviceId: "A" },
    );
    expect(result.records).toEqual([
      {
        id: `fence:A:48213:${Date.UTC(2026, 10, 28, 7)}`,
        deviceId: "A",
        type: "geofence",
        severity: "warning",
        time: Date.UTC(2026, 10, 28, 7),
        endTime: Date.UTC(2026, 10, 28, 7, 30),
        fenceId: "48213",
        fenceName: "Main Depot",
      },
    ]);
  });
});

describe("fence parsers", () => {
  it("reads fence names given as plain strings or as objects", () => {
    expect(parsers.fenceNames({ fenceNames: ["Main Depot", "North Yard"] }, ctx).records).toEqual([
      { name: "Main Depot" },
      { name: "North Yard" },
    ]);
    expect(
      parsers.fenceNames({ fenceNames: [{ fenceId: 1, fenceName: "Depot" }] }, ctx).records,
    ).toEqual([{ id: "1", name: "Depot" }]);
  });

  it("reads a fence list without geometry and a fence detail with it", () => {
    const list = parsers.fences({ data: [{ fenceId: "1", fenceName: "Depot" }] }, ctx);
    expect(list.records).toEqual([{ id: "1", name: "Depot" }]);
    const detail = parsers.fenceDetail(
      {
        data: {
          fenceId: "1",
          fenceName: "Depot",
          type: "circle",
          lat: 33.4,
          lng: -112,
          radius: 250,
        },
      },
      ctx,
    );
    expect(detail.records.map(toFence)).toEqual([
      { id: "1", name: "Depot", kind: "circle", center: [33.4, -112], radiusM: 250 },
    ]);
  });

  it("drops a fence whose polygon has a vertex at latitude 91", () => {
    const result = parsers.fences(
      [
        {
          fenceId: "2",
          points: [
            { lat: 91, lng: 1 },
            { lat: 1, lng: 2 },
            { lat: 2, lng: 2 },
          ],
        },
      ],
      ctx,
    );
    expect(result.dropped).toEqual({ out_of_range: 1 });
  });
});

/**
 * One test per simulator variant (sim/README.md): the records as that variant sends them, read
 * by the parsers. The adapter tests against the running simulator prove the same over HTTP.
 */
describe("simulator variants", () => {
  it("local-time timestamps (--time-zone America/Phoenix) read with FLEETUP_TIME_ZONE", () => {
    const local = { ...ctx, timeZone: "America/Phoenix" };
    const record = fix("A", { gpsTime: "20261128015900" });
    expect(parsers.deviceLastLocation([record], local).records[0]?.fixTime).toBe(
      Date.UTC(2026, 10, 28, 8, 59),
    );
    const trip = { devId: "A", startTime: "20261128000000", startLocation: "120414240,-403466400" };
    expect(parsers.ongoingTrips([trip], local).records[0]?.startTime).toBe(
      Date.UTC(2026, 10, 28, 7),
    );
    // Read as UTC, the same fix would be seven hours in the past.
    expect(parsers.deviceLastLocation([record], ctx).records[0]?.fixTime).toBe(
      Date.UTC(2026, 10, 28, 1, 59),
    );
  });

  it("GPS records without a fix time (--no-fix-time) keep their vehicle, time unknown", () => {
    const result = parsers.deviceLastLocation({ data: [fix("A", { gpsTime: undefined })] }, ctx);
    expect(result.records).toEqual([
      { deviceId: "A", lat: 33.4484, lng: -112.074, speedKph: 54, headingDeg: 270 },
    ]);
    expect(result.droppedFields).toEqual({});
  });

  it("heading -1 (--unknown-heading) is an unknown heading, not a dropped vehicle", () => {
    const result = parsers.deviceLastLocation([fix("A", { speed: 0, direction: -1 })], ctx);
    expect(result.records).toHaveLength(1);
    expect(result.records[0]?.headingDeg).toBeUndefined();
    expect(result.dropped).toEqual({});
    expect(result.droppedFields).toEqual({});
  });

  it("fence names as plain strings (--fence-names strings)", () => {
    expect(parsers.fenceNames({ fenceNames: ["Central Depot"] }, ctx).records).toEqual([
      { name: "Central Depot" },
    ]);
  });

  it("coordinates in microdegrees (--coords microdeg) with FLEETUP_COORD_UNIT=microdeg", () => {
    const record = fix("A", { lat: 33448400, lng: -112074000 });
    expect(
      parsers.deviceLastLocation([record], { ...ctx, coordUnit: "microdeg" }).records[0],
    ).toMatchObject({ lat: 33.4484, lng: -112.074 });
    const fence = {
      fenceId: "1",
      fenceType: "circle",
      center: { lat: 33448400, lng: -112074000 },
      radius: 300,
    };
    expect(parsers.fences([fence], { ...ctx, coordUnit: "microdeg" }).records.map(toFence)).toEqual(
      [{ id: "1", name: "1", kind: "circle", center: [33.4484, -112.074], radiusM: 300 }],
    );
  });
});
