/**
 * One log line for what a boundary caught: the error's name, message and digest. A server
 * component's error reaches the browser with a generic message and a digest to find it in the
 * server's log; nothing else (no props, no state, no request) is logged. A thrown non-Error is
 * named by its type only.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const digest = (error as { digest?: unknown }).digest;
  return `${error.name}: ${error.message}${typeof digest === "string" ? ` (digest ${digest})` : ""}`;
}
