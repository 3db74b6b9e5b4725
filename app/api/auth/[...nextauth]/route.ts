import { authRoute } from "@/lib/auth/auth-route";

export const dynamic = "force-dynamic";

/**
 * next-auth's endpoints (csrf, providers, session, sign-in callbacks, sign-out), behind the gate
 * in lib/auth/auth-route.ts; every other method answers 405 there.
 */
export {
  authRoute as GET,
  authRoute as POST,
  authRoute as PUT,
  authRoute as PATCH,
  authRoute as DELETE,
};
