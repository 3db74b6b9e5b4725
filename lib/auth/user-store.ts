import "server-only";
import { z } from "zod";
import { hashPassword, type ScryptParams } from "./password";
import { RecordFile } from "./record-file";
import { ROLES, type Role } from "./roles";

/**
 * The user store: one JSON file (USERS_FILE, default .data/users.json) holding each user's email,
 * role and scrypt password hash, kept as a RecordFile (atomic writes, mode 0600, read again only
 * when the file changes, so the per-request role lookup costs one stat).
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
};

export const DEMO_PASSWORD = "fleet-demo";
export const DEMO_USERS: ReadonlyArray<{ email: string; role: Role }> = [
  { email: "admin@demo.local", role: "admin" },
  { email: "dispatcher@demo.local", role: "dispatcher" },
  { email: "viewer@demo.local", role: "viewer" },
];

const userSchema = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  passwordHash: z.string().optional(),
  demo: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

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

export type UserStoreOptions = {
  /** Lower scrypt parameters, for tests only. */
  hashParams?: ScryptParams;
  now?: () => Date;
};

export class UserStore {
  private readonly file: RecordFile<StoredUser>;

  constructor(
    readonly path: string,
    private readonly options: UserStoreOptions = {},
  ) {
    this.file = new RecordFile(
      path,
      "users",
      userSchema,
      () => new UserStoreError(`The user store ${path} is not a valid users file`),
    );
  }

  list(): Promise<StoredUser[]> {
    return this.file.list();
  }

  async find(email: string): Promise<StoredUser | undefined> {
    const wanted = normalizeEmail(email);
    return (await this.list()).find((user) => user.email === wanted);
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
        ? undefined
        : await hashPassword(checkedPassword(input.password), this.options.hashParams);
    return this.update((users) => {
      if (users.some((user) => user.email === email)) {
        throw new UserStoreError(`A user ${email} already exists`);
      }
      const now = this.now();
      const user: StoredUser = {
        email,
        role: input.role,
        ...(passwordHash ? { passwordHash } : {}),
        ...(input.demo ? { demo: true } : {}),
        createdAt: now,
        updatedAt: now,
      };
      return { users: [...users, user], result: user };
    });
  }

  async remove(email: string): Promise<void> {
    const wanted = normalizeEmail(email);
    await this.update((users) => {
      if (!users.some((user) => user.email === wanted)) throw notFound(wanted);
      return { users: users.filter((user) => user.email !== wanted), result: undefined };
    });
  }

  async setRole(email: string, role: Role): Promise<StoredUser> {
    const wanted = normalizeEmail(email);
    return this.change(wanted, (user) => ({ ...user, role }));
  }

  /** Sets a new password, or with `undefined` removes it (single sign-on only). */
  async setPassword(email: string, password: string | undefined): Promise<StoredUser> {
    const wanted = normalizeEmail(email);
    const passwordHash =
      password === undefined
        ? undefined
        : await hashPassword(checkedPassword(password), this.options.hashParams);
    return this.change(wanted, ({ passwordHash: _old, ...user }) => ({
      ...user,
      ...(passwordHash ? { passwordHash } : {}),
    }));
  }

  /** Creates the missing demo accounts (password `fleet-demo`); returns the emails it created. */
  async ensureDemoUsers(): Promise<string[]> {
    const existing = await this.list();
    const missing = DEMO_USERS.filter(
      (demo) => !existing.some((user) => user.email === demo.email),
    );
    if (missing.length === 0) return [];
    const hashes = await Promise.all(
      missing.map(() => hashPassword(DEMO_PASSWORD, this.options.hashParams)),
    );
    return this.update((users) => {
      const now = this.now();
      const created = missing
        .filter((demo) => !users.some((user) => user.email === demo.email))
        .map((demo, index) => ({
          email: demo.email,
          role: demo.role,
          passwordHash: hashes[index]!,
          demo: true,
          createdAt: now,
          updatedAt: now,
        }));
      return { users: [...users, ...created], result: created.map((user) => user.email) };
    });
  }

  /** Removes every demo account; returns the emails it removed. */
  async removeDemoUsers(): Promise<string[]> {
    if (!(await this.list()).some(isDemoUser)) return [];
    return this.update((users) => ({
      users: users.filter((user) => !isDemoUser(user)),
      result: users.filter(isDemoUser).map((user) => user.email),
    }));
  }

  private async change(email: string, edit: (user: StoredUser) => StoredUser): Promise<StoredUser> {
    return this.update((users) => {
      const index = users.findIndex((user) => user.email === email);
      const found = users[index];
      if (!found) throw notFound(email);
      const changed = { ...edit(found), updatedAt: this.now() };
      return { users: users.with(index, changed), result: changed };
    });
  }

  private update<T>(edit: (users: StoredUser[]) => { users: StoredUser[]; result: T }): Promise<T> {
    return this.file.update((records) => {
      const { users, result } = edit(records);
      return { records: users, result };
    });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
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
