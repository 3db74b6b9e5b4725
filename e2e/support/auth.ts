import { DEMO_PASSWORD, demoEmail, type DemoRole } from "../fixtures/auth";
import { E2E_BASE_URL } from "./servers";

/**
 * Sign-in as the sign-in form does it, through next-auth's credentials endpoint, for HTTP
 * clients outside a browser (fetch, SSE readers): the one helper of e2e, the benches and the
 * unit tests that need a session.
 */

const cookiesOf = (response: Response) =>
  response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);

/** One credentials attempt: next-auth's answer, not followed. */
export async function credentialsAttempt(
  base: string,
  form: { email: string; password: string; json?: "true" },
  headers: Record<string, string> = {},
): Promise<{ response: Response; jar: string[] }> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      ...headers,
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.join("; "),
    },
    body: new URLSearchParams({ csrfToken, ...form }),
  });
  return { response, jar };
}

/** Signs in with an email and password: the cookie header with the session, or throws. */
export async function signInAs(base: string, email: string, password: string): Promise<string> {
  const { response, jar } = await credentialsAttempt(base, { email, password });
  const set = cookiesOf(response);
  if (!set.some((cookie) => cookie.includes("session-token=") && !cookie.endsWith("="))) {
    throw new Error(`signing in as ${email} gave no session`);
  }
  return [...jar, ...set].join("; ");
}

/** A demo user's session (`npm run demo`'s accounts), as a cookie header. */
export function signedInCookie(role: DemoRole, base = E2E_BASE_URL): Promise<string> {
  return signInAs(base, demoEmail(role), DEMO_PASSWORD);
}

/** One wrong password: next-auth's error code for it ("CredentialsSignin", or why it refused). */
export async function wrongPassword(
  base: string,
  email: string,
  headers: Record<string, string> = {},
): Promise<string | null> {
  const { response } = await credentialsAttempt(
    base,
    { email, password: "wrong-password", json: "true" },
    headers,
  );
  const { url } = (await response.json()) as { url: string };
  return new URL(url).searchParams.get("error");
}
