import "server-only";

/**
 * Some APIs answer 200 with an error inside: `{"code": 401, "msg": "Token expired"}` or
 * `{"success": false, "message": "..."}`. FleetUp's error body shape is undocumented (GAPS R5),
 * so the adapter reads both forms as the error they are, never as an empty fleet.
 */
export type ErrorEnvelope = {
  /** FleetUp's code, as sent (a number or text), when there is one. */
  code?: number | string;
  /** The code when it is an HTTP-like status (400–599), which the adapter then acts on. */
  status?: number;
  message?: string;
  /** The code or the words say the token was refused: worth one refresh. */
  tokenRejected: boolean;
};

const CODE_KEYS = ["code", "errorCode", "errCode", "error_code", "status", "statusCode"];
const MESSAGE_KEYS = ["msg", "message", "errorMsg", "errMsg", "error", "errorMessage"];
/** Codes an API uses for "no error". */
const SUCCESS_CODES = new Set(["0", "200", "ok", "success", "true"]);
const TOKEN_WORDS = /token|jwt|unauthori[sz]ed|expired/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick(body: Record<string, unknown>, keys: readonly string[]): unknown {
  const byLower = new Map(Object.keys(body).map((key) => [key.toLowerCase(), key]));
  for (const key of keys) {
    const found = byLower.get(key.toLowerCase());
    if (found !== undefined && body[found] !== null && body[found] !== undefined) {
      return body[found];
    }
  }
  return undefined;
}

/**
 * The error a 200 body carries, or undefined for a body that is data. A body is an error when it
 * says `success: false`, or when it has a code that is not a success code, a message, and no
 * list at all (so a lone record that happens to have a `code` field stays a record).
 */
export function readErrorEnvelope(body: unknown): ErrorEnvelope | undefined {
  if (!isObject(body)) return undefined;
  const code = pick(body, CODE_KEYS);
  const codeText = typeof code === "number" || typeof code === "string" ? String(code) : undefined;
  const rawMessage = pick(body, MESSAGE_KEYS);
  const failed = body.success === false || body.ok === false;
  const hasList = Object.values(body).some(
    (value) =>
      Array.isArray(value) || (isObject(value) && Object.values(value).some(Array.isArray)),
  );
  const errorCode =
    codeText !== undefined &&
    !SUCCESS_CODES.has(codeText.trim().toLowerCase()) &&
    rawMessage !== undefined &&
    !hasList;
  if (!failed && !errorCode) return undefined;
  const message =
    typeof rawMessage === "string"
      ? rawMessage
      : isObject(rawMessage)
        ? JSON.stringify(rawMessage)
        : undefined;
  const numeric = codeText !== undefined && /^\d{3}$/.test(codeText) ? Number(codeText) : NaN;
  const status = numeric >= 400 && numeric <= 599 ? numeric : undefined;
  return {
    code: typeof code === "number" || typeof code === "string" ? code : undefined,
    status,
    message,
    tokenRejected: status === 401 || TOKEN_WORDS.test(`${codeText ?? ""} ${message ?? ""}`),
  };
}
