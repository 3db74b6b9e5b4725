/** Fetches our own API. A non-2xx answer throws with the server's readable message. */
export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: "application/json", ...init?.headers },
  });
  if (!response.ok) throw await responseError(response);
  return (await response.json()) as T;
}

/** A non-2xx answer from our API: the server's readable message, and the status. */
export class ResponseError extends Error {
  override name = "ResponseError";
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The error of a non-2xx answer, with the server's readable message when it sent one. */
export async function responseError(response: Response): Promise<ResponseError> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { message?: string } } | undefined;
  const path = new URL(response.url, "http://localhost").pathname;
  return new ResponseError(
    body?.error?.message ?? `${path} answered ${response.status}`,
    response.status,
  );
}

/** True for an answer that refuses the session itself (401, 403), not a passing failure. */
export function isSessionRefused(error: unknown): boolean {
  return error instanceof ResponseError && (error.status === 401 || error.status === 403);
}
