import "server-only";
import { describe, expect, it } from "vitest";
import type { RawCallResult } from "./client";
import { FleetUpError } from "./errors";
import { errorRow, formatProbeTable, probeRow, redactSample } from "./probe";

const result: RawCallResult = {
  endpoint: "deviceLastLocation",
  path: "/gpsdata/device-last-location",
  status: 200,
  body: { data: [] },
  parsed: {
    records: [{}, {}],
    received: 3,
    dropped: { out_of_range: 1 },
    fieldsSeen: ["devId", "lat", "lng", "rpm"],
    fieldsMapped: ["devId", "lat", "lng"],
    fieldsIgnored: ["rpm"],
  },
};

describe("probe rows", () => {
  it("reports status, records kept of received, and the fields seen, mapped and ignored", () => {
    expect(probeRow(result)).toEqual({
      endpoint: "/gpsdata/device-last-location",
      status: "200",
      records: 3,
      kept: 2,
      dropped: "out_of_range=1",
      fieldsSeen: ["devId", "lat", "lng", "rpm"],
      fieldsMapped: ["devId", "lat", "lng"],
      fieldsIgnored: ["rpm"],
    });
  });

  it("reports a failed call by HTTP status, or by error kind when there was none", () => {
    const notFound = new FleetUpError({
      kind: "upstream",
      endpoint: "/geofence/fences",
      status: 404,
    });
    expect(errorRow("/geofence/fences", notFound)).toMatchObject({
      status: "404",
      note: "upstream",
    });
    const timedOut = new FleetUpError({ kind: "timeout", endpoint: "/gpsdata" });
    expect(errorRow("/gpsdata", timedOut)).toMatchObject({ status: "timeout" });
  });

  it("prints one aligned line per endpoint under a header", () => {
    const table = formatProbeTable([
      probeRow(result),
      errorRow("/geofence/fences", new Error("x")),
    ]);
    expect(table.split("\n")).toEqual([
      "endpoint                       status  records  seen  mapped  ignored  dropped / note",
      "-----------------------------  ------  -------  ----  ------  -------  ----------------",
      "/gpsdata/device-last-location  200     2/3      4     3       1: rpm   out_of_range=1",
      "/geofence/fences               error   -        0     0       0        unexpected error",
    ]);
  });
});

describe("redactSample", () => {
  it("removes secrets, tokens and the account id, and keeps the first records only", () => {
    const sample = redactSample(
      {
        acctId: "4711",
        token: "eyJ.abc.def",
        note: "called with key-1234 and eyJ.abc.def",
        data: [{ devId: "A", lat: 1 }, { devId: "B" }, { devId: "C" }],
      },
      ["key-1234", "eyJ.abc.def"],
      2,
    );
    expect(sample).toEqual({
      acctId: "[redacted]",
      token: "[redacted]",
      note: "called with [redacted] and [redacted]",
      data: [{ devId: "A", lat: 1 }, { devId: "B" }],
    });
  });
});
