import "server-only";
import { z } from "zod";
import { HttpError } from "@/lib/http/http-error";
import { ROLES } from "@/lib/fleet/access";
import { UserStoreError, type StoredUser } from "./user-store";

/** What the admin API says about a user: never a password hash. */
export function userView(user: StoredUser) {
  return {
    email: user.email,
    role: user.role,
    password: user.passwordHash !== undefined,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    sessionsValidAfter: user.sessionsValidAfter,
  };
}

const PASSWORD = "A password needs 8 to 1024 characters.";

/** The body of `PATCH /api/admin/users/{email}`; either change ends the user's sessions. */
export const changeUserSchema = z
  .object(
    {
      role: z.enum(ROLES, { error: `The role must be one of ${ROLES.join(", ")}.` }).optional(),
      password: z.string({ error: PASSWORD }).min(8, PASSWORD).max(1024, PASSWORD).optional(),
    },
    { error: "Send a JSON object with a role, a password, or both." },
  )
  .refine((change) => change.role !== undefined || change.password !== undefined, {
    error: "Send a role, a password, or both.",
  });

/** The email in a route's path, decoded; 404 for one that cannot be a user's. */
export function emailParam(raw: string): string {
  let email: string;
  try {
    email = decodeURIComponent(raw);
  } catch {
    throw noSuchUser();
  }
  // No address holds a control character (Postgres text cannot even store a NUL) or runs past
  // the 254 characters an address may have: no user can be named so.
  if (email.length > 254 || /[\u0000-\u001f\u007f]/.test(email)) throw noSuchUser();
  return email;
}

function noSuchUser(): HttpError {
  return new HttpError("not_found", "There is no user with this email.");
}

/** The store's "No user …" becomes a 404; anything else it refuses, a 400. */
export function asHttpError(error: unknown): never {
  if (error instanceof UserStoreError) {
    throw /^No user /.test(error.message)
      ? new HttpError("not_found", "There is no user with this email.")
      : new HttpError("bad_request", `${error.message}.`);
  }
  throw error;
}

/** An admin may not remove or demote themselves: another admin must, so one always remains. */
export function refuseSelf(adminEmail: string, email: string, what: string): void {
  if (adminEmail === email.trim().toLowerCase()) {
    throw new HttpError("bad_request", `You cannot ${what} your own account; ask another admin.`);
  }
}
