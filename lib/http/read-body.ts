import "server-only";
import type { z } from "zod";
import { HttpError } from "./http-error";

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
  let body: unknown;
  try {
    const text = await request.text();
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
