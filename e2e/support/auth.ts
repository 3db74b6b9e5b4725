import type { PlaywrightWorkerArgs } from "@playwright/test";
import { DEMO_PASSWORD, demoEmail, type DemoRole } from "../fixtures/auth";
import { E2E_BASE_URL } from "./servers";

/**
 * Signs in through next-auth's credentials endpoint, as the sign-in form does, and returns the
 * session cookie header for HTTP clients outside the browser (fetch, SSE readers).
 */
export async function signedInCookie(
  playwright: PlaywrightWorkerArgs["playwright"],
  role: DemoRole,
  baseURL = E2E_BASE_URL,
): Promise<string> {
  const api = await playwright.request.newContext({ baseURL });
  try {
    const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await api.post("/api/auth/callback/credentials", {
      form: { csrfToken, email: demoEmail(role), password: DEMO_PASSWORD, callbackUrl: "/" },
      maxRedirects: 0,
    });
    const { cookies } = await api.storageState();
    const session = cookies.find((cookie) => cookie.name.includes("session-token"));
    if (!session) throw new Error(`signing in as ${role}@demo.local gave no session cookie`);
    return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  } finally {
    await api.dispose();
  }
}
