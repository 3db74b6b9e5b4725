import "server-only";
import type { FleetMirror } from "./mirror";

export type SerializedSnapshot = {
  version: number;
  etag: string;
  json: string;
};

/**
 * The snapshot serialised once per version, so a thousand screens asking for it cost one
 * JSON.stringify, not a thousand. (Next.js compresses route responses itself and drops a
 * Content-Encoding set by a handler, so the gzip happens there, per request.) An instance that
 * lost contact with the leader marks the same version stale, so that is part of the key.
 */
export class SnapshotCache {
  private entry: (SerializedSnapshot & { key: string }) | undefined;

  constructor(private readonly mirror: FleetMirror) {}

  current(): SerializedSnapshot {
    const version = this.mirror.currentVersion;
    const lostContact = this.mirror.staleness().stale ? "-stale" : "";
    const key = `${version}${lostContact}`;
    if (this.entry?.key !== key) {
      const json = JSON.stringify(this.mirror.snapshot());
      this.entry = { key, version, etag: `"fleet-${key}"`, json };
    }
    return this.entry;
  }
}
