/** Fetches our own API. A non-2xx answer throws with the server's readable message. */
export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, {
    ...init,
    headers: { accept: "application/json", ...init?.headers },
  });
  if (!response.ok) throw await responseError(response);
  return (await response.json()) as T;
}

/** The error of a non-2xx answer, with the server's readable message when it sent one. */
export async function responseError(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => undefined)) as
    { error?: { message?: string } } | undefined;
  const path = new URL(response.url, "http://localhost").pathname;
  return new Error(body?.error?.message ?? `${path} answered ${response.status}`);
}
