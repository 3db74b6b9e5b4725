import "server-only";
import { existsSync, readFileSync, renameSync } from "node:fs";
import { z } from "zod";
import { ROLES } from "@/lib/fleet/access";
import type { Database } from "./database";
import { displayQueries } from "./displays";
import { userQueries } from "./users";

/**
 * Before the database, users and display links lived in two JSON files (USERS_FILE,
 * DISPLAYS_FILE). At the first start with a database each file is imported once, in one
 * transaction, then renamed `<file>.imported` so it is never read again and nothing is lost. A
 * record already in the database is kept as it is. A file that cannot be read stops the start:
 * skipping it would lose the accounts in it.
 */
const time = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a time");

const usersFile = z.object({
  version: z.literal(1),
  users: z.array(
    z.object({
      email: z.string().min(3),
      role: z.enum(ROLES),
      passwordHash: z.string().optional(),
      demo: z.boolean().optional(),
      createdAt: time,
      updatedAt: time,
    }),
  ),
});

const displaysFile = z.object({
  version: z.literal(1),
  displays: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      createdAt: time,
      createdBy: z.string(),
      expiresAt: time.nullable(),
      revokedAt: time.nullable(),
      lastSeenAt: time.nullable(),
    }),
  ),
});

export class LegacyImportError extends Error {
  override name = "LegacyImportError";
}

function read<T>(path: string, schema: z.ZodType<T>, what: string): T | undefined {
  if (!existsSync(path)) return undefined;
  let parsed;
  try {
    parsed = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  } catch {
    parsed = undefined;
  }
  // Names the file, never its content (it holds password hashes).
  if (!parsed?.success) {
    throw new LegacyImportError(
      `${path} is not a valid ${what} file; fix or move it, then start again`,
    );
  }
  return parsed.data;
}

/** `<file>.imported`, or with a time stamp when an earlier import left that name taken. */
function retire(path: string): string {
  const target = existsSync(`${path}.imported`)
    ? `${path}.imported-${new Date().toISOString().replace(/[:.]/g, "-")}`
    : `${path}.imported`;
  try {
    renameSync(path, target);
  } catch (error) {
    // Another instance sharing the file renamed it first.
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return target;
}

export type ImportResult = {
  users?: { added: number; file: string };
  displays?: { added: number; file: string };
};

export async function importLegacyFiles(
  db: Database,
  files: { usersFile: string; displaysFile: string },
  log: (line: string) => void = () => {},
): Promise<ImportResult> {
  const people = read(files.usersFile, usersFile, "users");
  const screens = read(files.displaysFile, displaysFile, "display links");
  if (!people && !screens) return {};
  const date = (value: string) => new Date(value);

  const counts = await db.transaction(async (tx) => {
    const addedUsers = await userQueries(tx as unknown as Database).insertNew(
      (people?.users ?? []).map((user) => ({
        email: user.email.trim().toLowerCase(),
        role: user.role,
        passwordHash: user.passwordHash ?? null,
        demo: user.demo ?? false,
        createdAt: date(user.createdAt),
        updatedAt: date(user.updatedAt),
        // Their sessions stay valid: moving to the database signs nobody out.
        sessionsValidAfter: null,
      })),
    );
    const queries = displayQueries(tx as unknown as Database);
    const addedDisplays = await queries.insertNew(
      (screens?.displays ?? []).map((display) => ({
        id: display.id,
        name: display.name,
        createdAt: date(display.createdAt),
        createdBy: display.createdBy,
        expiresAt: display.expiresAt === null ? null : date(display.expiresAt),
        revokedAt: display.revokedAt === null ? null : date(display.revokedAt),
      })),
    );
    for (const display of screens?.displays ?? []) {
      if (display.lastSeenAt !== null) await queries.markSeen(display.id, date(display.lastSeenAt));
    }
    return { users: addedUsers.length, displays: addedDisplays };
  });

  const result: ImportResult = {};
  if (people) {
    const file = retire(files.usersFile);
    result.users = { added: counts.users, file };
    log(
      `[db] imported ${counts.users} of ${people.users.length} users from ${files.usersFile} (now ${file})`,
    );
  }
  if (screens) {
    const file = retire(files.displaysFile);
    result.displays = { added: counts.displays, file };
    log(
      `[db] imported ${counts.displays} of ${screens.displays.length} display links from ${files.displaysFile} (now ${file})`,
    );
  }
  return result;
}
