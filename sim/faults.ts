import type { Faults, MalformedKind } from "./config";
import type { Rng } from "./random";

/**
 * Damage for records and bodies: what a misbehaving FleetUp might send. Pure functions of the
 * fault settings and a seeded generator, so a failing test can be replayed.
 */

type Row = Record<string, unknown>;

export function malformRecords(records: unknown[], faults: Faults, rng: Rng): unknown[] {
  if (faults.malformedRate <= 0) return records;
  const out: unknown[] = [];
  for (const record of records) {
    if (!isRow(record) || !rng.chance(faults.malformedRate)) {
      out.push(record);
      continue;
    }
    const kind = rng.pick(faults.malformedKinds);
    if (kind === "duplicates") out.push(record, { ...record });
    else out.push(damage({ ...record }, kind, rng));
  }
  return out;
}

function isRow(value: unknown): value is Row {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function damage(record: Row, kind: Exclude<MalformedKind, "duplicates">, rng: Rng): Row {
  const numeric = Object.keys(record).filter((key) => typeof record[key] === "number");
  switch (kind) {
    case "missing_fields": {
      const wanted = ["lat", "lng", "devId", "alertId", "startTime"].filter((key) => key in record);
      const victim = rng.pick(wanted.length > 0 ? wanted : Object.keys(record));
      delete record[victim];
      return record;
    }
    case "nan": {
      // JSON cannot carry NaN; real feeds send it as text.
      if (numeric.length > 0) record[rng.pick(numeric)] = "NaN";
      return record;
    }
    case "string_numbers":
      for (const key of numeric) record[key] = String(record[key]);
      return record;
    case "out_of_range":
      // Out of range whether read as degrees or as milliseconds of arc.
      if ("lat" in record) record.lat = rng.chance(0.5) ? 1_000_000_000 : -1_000_000_000;
      else if ("startLocation" in record) record.startLocation = "999999999999,999999999999";
      else if (numeric.length > 0) record[rng.pick(numeric)] = -1;
      return record;
  }
}

/** Cuts a JSON body somewhere in its middle, leaving it syntactically invalid. */
export function truncateJson(body: string, rng: Rng): string {
  if (body.length < 2) return "{";
  const cut = Math.max(
    1,
    Math.min(body.length - 1, Math.floor(body.length * rng.between(0.2, 0.8))),
  );
  return body.slice(0, cut);
}
