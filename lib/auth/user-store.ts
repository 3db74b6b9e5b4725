import "server-only";
import type { Database } from "@/lib/db/database";
import { userQueries, type UserRow } from "@/lib/db/users";
import { hashPassword, type ScryptParams } from "./password";
import type { Role } from "@/lib/fleet/access";
import { sessionsChanged } from "./verified-cache";

/**
 * Who may sign in: each user's email, role and scrypt password hash, in the database
 * (lib/db/users.ts). The rules live here: normalised emails, password length, demo accounts,
 * and that a changed password or role, or "sign out everywhere", ends every session the user
 * already has (their `sessionsValidAfter` moves to now; lib/auth/session.ts checks it on every
 * request, on every instance).
 */
export type StoredUser = {
  email: string;
  role: Role;
  /** Absent for a single-sign-on-only user, who cannot sign in with a password. */
  passwordHash?: string;
  /** Set on the demo accounts that simulator mode creates; they never exist beside FleetUp. */
  demo?: boolean;
  createdAt: string;
  updatedAt: string;
  /** A session signed in before this time is over; null when no change has ended any. */
  sessionsValidAfter: string | null;
};

export const DEMO_PASSWORD = "fleet-demo";
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: "admin@demo.local", role: "admin" },
  { email: "dispatcher@demo.local", role: "dispatcher" },
  { email: "viewer@demo.local", role: "viewer" },
];

export class UserStoreError extends Error {
  override name = "UserStoreError";
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(email: string): boolean {
  return EMAIL.test(normalizeEmail(email)) && email.length <= 254;
}

/** The demo accounts, recognised by their flag or by the reserved demo.local domain. */
export function isDemoUser(user: Pick<StoredUser, "email" | "demo">): boolean {
  return user.demo === true || normalizeEmail(user.email).endsWith("@demo.local");
}

/**
 * The first second a session of this user may have started in: a session token counts sign-in
 * time in whole seconds, so one from the same second as a change is taken as older than it.
 */
export function sessionsValidFromS(user: Pick<StoredUser, "sessionsValidAfter">): number {
  return user.sessionsValidAfter === null
    ? 0
    : Math.ceil(Date.parse(user.sessionsValidAfter) / 1000);
}

function toStoredUser(row: UserRow): StoredUser {
  return {
    email: row.email,
    role: row.role,
    ...(row.passwordHash !== null ? { passwordHash: row.passwordHash } : {}),
    ...(row.demo ? { demo: true } : {}),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    sessionsValidAfter: row.sessionsValidAfter?.toISOString() ?? null,
  };
}

export type UserStoreOptions = {
  /** Lower scrypt parameters, for tests only. */
  hashParams?: ScryptParams;
  now?: () => Date;
};

export class UserStore {
  private readonly queries: ReturnType<typeof userQueries>;

  constructor(
    db: Database,
    private readonly options: UserStoreOptions = {},
  ) {
    this.queries = userQueries(db);
  }

  async list(): Promise<StoredUser[]> {
    return (await this.queries.list()).map(toStoredUser);
  }

  async find(email: string): Promise<StoredUser | undefined> {
    const row = await this.queries.find(normalizeEmail(email));
    return row && toStoredUser(row);
  }

  async add(input: {
    email: string;
    role: Role;
    password?: string;
    demo?: boolean;
  }): Promise<StoredUser> {
    const email = normalizeEmail(input.email);
    if (!isEmail(email)) throw new UserStoreError(`"${input.email}" is not an email address`);
    const passwordHash =
      input.password === undefined
        ? null
        : await hashPassword(checkedPassword(input.password), this.options.hashParams);
    const now = this.now();
    const [added] = await this.queries.insertNew([
      {
        email,
        role: input.role,
        passwordHash,
        demo: input.demo ?? false,
        createdAt: now,
        updatedAt: now,
        // A session left from an earlier account with this address is not this user's.
        sessionsValidAfter: now,
      },
    ]);
    if (!added) throw new UserStoreError(`A user ${email} already exists`);
    return toStoredUser(added);
  }

  /** Removes a user; their sessions end with them. */
  async remove(email: string): Promise<void> {
    const wanted = normalizeEmail(email);
    if (!(await this.queries.remove(wanted))) throw notFound(wanted);
    await sessionsChanged();
  }

  /** Changes the role; a different role ends the user's sessions (they sign in again). */
  async setRole(email: string, role: Role): Promise<StoredUser> {
    const wanted = normalizeEmail(email);
    const row = await this.queries.setRole(wanted, role, this.now());
    if (!row) throw notFound(wanted);
    await sessionsChanged();
    return toStoredUser(row);
  }

  /**
   * Sets a new password, or with `undefined` removes it (single sign-on only). Either way every
   * session the user has ends.
   */
  async setPassword(email: string, password: string | undefined): Promise<StoredUser> {
    const wanted = normalizeEmail(email);
    const passwordHash =
      password === undefined
        ? null
        : await hashPassword(checkedPassword(password), this.options.hashParams);
    const row = await this.queries.setPasswordHash(wanted, passwordHash, this.now());
    if (!row) throw notFound(wanted);
    await sessionsChanged();
    return toStoredUser(row);
  }

  /** "Sign out everywhere": ends every session the user has, on every instance. */
  async endSessions(email: string): Promise<StoredUser> {
    const wanted = normalizeEmail(email);
    const row = await this.queries.endSessions(wanted, this.now());
    if (!row) throw notFound(wanted);
    await sessionsChanged();
    return toStoredUser(row);
  }

  /** Creates the missing demo accounts (password `fleet-demo`); returns the emails it created. */
  async ensureDemoUsers(): Promise<string[]> {
    const existing = new Set((await this.list()).map((user) => user.email));
    const missing = DEMO_USERS.filter((demo) => !existing.has(demo.email));
    if (missing.length === 0) return [];
    const hashes = await Promise.all(
      missing.map(() => hashPassword(DEMO_PASSWORD, this.options.hashParams)),
    );
    const now = this.now();
    const added = await this.queries.insertNew(
      missing.map((demo, index) => ({
        email: demo.email,
        role: demo.role,
        passwordHash: hashes[index]!,
        demo: true,
        createdAt: now,
        updatedAt: now,
        sessionsValidAfter: now,
      })),
    );
    return added.map((user) => user.email);
  }

  /** Removes every demo account; returns the emails it removed. */
  removeDemoUsers(): Promise<string[]> {
    return this.queries.removeDemo();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

function notFound(email: string): UserStoreError {
  return new UserStoreError(`No user ${email}`);
}

function checkedPassword(password: string): string {
  if (password.length < 8) throw new UserStoreError("A password needs at least 8 characters");
  if (password.length > 1024)
    throw new UserStoreError("A password may have at most 1024 characters");
  return password;
}
