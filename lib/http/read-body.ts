import "server-only";
import type { z } from "zod";
import { HttpError } from "./http-error";

/** The largest JSON body a route reads; none of ours needs more than a few hundred bytes. */
export const MAX_JSON_BODY = 64 * 1024;

/**
 * A request's body as text, refused with 413 past `maxBytes` without buffering the rest, and
 * with 400 when it is not UTF-8.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(part.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError("bad_request", "The request body must be UTF-8 text.");
  }
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    "payload_too_large",
    `The request body may have at most ${Math.round(maxBytes / 1024)} KB.`,
  );
}

/**
 * A JSON request body checked against `schema`: 400 for a body that is not JSON or does not fit,
 * with the first issue's message (so a schema's messages should be whole sentences). With
 * `emptyIs`, an empty body stands for that value (a POST whose fields are all optional).
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  { emptyIs }: { emptyIs?: unknown } = {},
): Promise<z.output<Schema>> {
  const text = await readTextBody(request, MAX_JSON_BODY);
  let body: unknown;
  try {
    body = emptyIs !== undefined && text.trim() === "" ? emptyIs : JSON.parse(text);
  } catch {
    throw new HttpError("bad_request", "The request body must be JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new HttpError(
      "bad_request",
      result.error.issues[0]?.message ?? "The request is invalid.",
    );
  }
  return result.data;
}
