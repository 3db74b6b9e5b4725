import type { IncomingMessage, ServerResponse } from "node:http";

/** Small HTTP helpers shared by the FleetUp routes and the control endpoint. */

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type ParsedBody = { kind: "empty" } | { kind: "json"; value: unknown } | { kind: "invalid" };

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return { kind: "invalid" };
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return { kind: "empty" };
  try {
    return { kind: "json", value: JSON.parse(text) as unknown };
  } catch {
    return { kind: "invalid" };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function writeJson(
  res: ServerResponse,
  status: number,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
) {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `open` + parts joined by commas + `close`, encoded once into one buffer: for a 50,000-record
 * list this avoids building an 8 MB string and then copying it again to send it.
 */
export function joinJson(open: string, parts: readonly string[], close: string): Buffer {
  let length = Buffer.byteLength(open) + Buffer.byteLength(close) + Math.max(0, parts.length - 1);
  for (const part of parts) length += Buffer.byteLength(part);
  const out = Buffer.allocUnsafe(length);
  let at = out.write(open, 0);
  parts.forEach((part, index) => {
    if (index > 0) at += out.write(",", at);
    at += out.write(part, at);
  });
  out.write(close, at);
  return out;
}
