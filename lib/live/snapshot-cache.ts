import "server-only";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { encodeSnapshot } from "@/lib/fleet/wire";
import type { FleetMirror } from "./mirror";

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** The content codings the snapshot is kept in, besides none. */
export type SnapshotCoding = "br" | "gzip";

/**
 * One snapshot version, encoded once for every reader: the wire JSON (lib/fleet/wire.ts) as
 * bytes, the same as a stream's snapshot event, and compressed on first demand (in the thread
 * pool, once per version and coding however many ask at once).
 */
export class EncodedSnapshot {
  readonly body: Buffer;
  /** The whole SSE event: what a stream that needs the snapshot is sent. */
  readonly frame: Buffer;
  private readonly compressed = new Map<SnapshotCoding, Promise<Buffer>>();

  constructor(
    readonly version: number,
    /** A weak validator: every coding of one version is the same snapshot. */
    readonly etag: string,
    json: string,
  ) {
    this.body = Buffer.from(json);
    this.frame = Buffer.from(`id: ${version}\nevent: snapshot\ndata: ${json}\n\n`);
  }

  coded(coding: SnapshotCoding): Promise<Buffer> {
    let bytes = this.compressed.get(coding);
    if (!bytes) {
      bytes =
        coding === "br"
          ? brotli(this.body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: 9,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
              },
            })
          : gzipped(this.body, { level: 9 });
      this.compressed.set(coding, bytes);
    }
    return bytes;
  }
}

/**
 * The snapshot encoded once per version, so a thousand screens asking for it cost one encoding
 * and one compression, not a thousand. An instance that lost contact with the leader marks the
 * same version stale, so that is part of the key.
 */
export class SnapshotCache {
  private entry: EncodedSnapshot | undefined;
  private key = "";

  constructor(private readonly mirror: FleetMirror) {}

  current(): EncodedSnapshot {
    const version = this.mirror.currentVersion;
    const lostContact = this.mirror.staleness().stale ? "-stale" : "";
    const key = `${version}${lostContact}`;
    if (!this.entry || this.key !== key) {
      const json = JSON.stringify(encodeSnapshot(this.mirror.snapshot()));
      this.entry = new EncodedSnapshot(version, `W/"fleet-${key}"`, json);
      this.key = key;
    }
    return this.entry;
  }
}
