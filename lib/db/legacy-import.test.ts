import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./database";
import { displayQueries } from "./displays";
import { importLegacyFiles, LegacyImportError } from "./legacy-import";
import { createTestDatabase, emptyTables } from "@/e2e/support/test-database";
import { userQueries } from "./users";

let handle: DatabaseHandle;
let folder: string;
let files: { usersFile: string; displaysFile: string };

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

beforeEach(async () => {
  await emptyTables(handle.db);
  folder = mkdtempSync(join(tmpdir(), "legacy-import-"));
  files = { usersFile: join(folder, "users.json"), displaysFile: join(folder, "displays.json") };
});

const user = (email: string, role = "viewer") => ({
  email,
  role,
  passwordHash: "scrypt$1024$8$1$c2FsdA==$a2V5",
  createdAt: "2026-01-05T09:00:00.000Z",
  updatedAt: "2026-01-06T09:00:00.000Z",
});
const display = (id: string, extra: Record<string, string | null> = {}) => ({
  id,
  name: `Screen ${id}`,
  createdAt: "2026-01-07T09:00:00.000Z",
  createdBy: "ann@example.com",
  expiresAt: null,
  revokedAt: null,
  lastSeenAt: null,
  ...extra,
});
const write = (path: string, body: unknown) => writeFileSync(path, JSON.stringify(body));

describe("importing the JSON files from before the database", () => {
  it("imports every user and display link once, and renames the files", async () => {
    write(files.usersFile, {
      version: 1,
      users: [user("Ann@Example.com", "admin"), user("ben@example.com")],
    });
    write(files.displaysFile, {
      version: 1,
      displays: [
        display("AAAAAAAAAAAAAAAA", { lastSeenAt: "2026-02-01T08:00:00.000Z" }),
        display("BBBBBBBBBBBBBBBB", {
          revokedAt: "2026-01-20T09:00:00.000Z",
          expiresAt: "2027-01-01T00:00:00.000Z",
        }),
      ],
    });
    const lines: string[] = [];
    const result = await importLegacyFiles(handle.db, files, (line) => lines.push(line));
    expect(result).toEqual({
      users: { added: 2, file: `${files.usersFile}.imported` },
      displays: { added: 2, file: `${files.displaysFile}.imported` },
    });
    expect(lines).toHaveLength(2);
    expect(existsSync(files.usersFile)).toBe(false);
    expect(JSON.parse(readFileSync(`${files.usersFile}.imported`, "utf8")).users).toHaveLength(2);

    const ann = await userQueries(handle.db).find("ann@example.com");
    expect(ann).toMatchObject({
      role: "admin",
      passwordHash: "scrypt$1024$8$1$c2FsdA==$a2V5",
      demo: false,
      createdAt: new Date("2026-01-05T09:00:00.000Z"),
      // Moving to the database signs nobody out.
      sessionsValidAfter: null,
    });
    const screens = displayQueries(handle.db);
    expect(await screens.find("AAAAAAAAAAAAAAAA")).toMatchObject({
      lastSeenAt: new Date("2026-02-01T08:00:00.000Z"),
      revokedAt: null,
    });
    expect(await screens.find("BBBBBBBBBBBBBBBB")).toMatchObject({
      revokedAt: new Date("2026-01-20T09:00:00.000Z"),
      expiresAt: new Date("2027-01-01T00:00:00.000Z"),
    });

    // The renamed files are never read again.
    expect(await importLegacyFiles(handle.db, files)).toEqual({});
  });

  it("keeps a record the database already has", async () => {
    await userQueries(handle.db).insertNew([
      {
        ...user("ann@example.com", "viewer"),
        role: "viewer",
        createdAt: new Date(),
        updatedAt: new Date(),
      },
    ]);
    write(files.usersFile, {
      version: 1,
      users: [user("ann@example.com", "admin"), user("ben@example.com")],
    });
    const result = await importLegacyFiles(handle.db, files);
    expect(result.users?.added).toBe(1);
    expect((await userQueries(handle.db).find("ann@example.com"))?.role).toBe("viewer");
  });

  it("does not overwrite an earlier import's file", async () => {
    writeFileSync(`${files.usersFile}.imported`, "from the first import");
    write(files.usersFile, { version: 1, users: [user("ann@example.com")] });
    const result = await importLegacyFiles(handle.db, files);
    expect(result.users?.file).toMatch(/users\.json\.imported-\d{4}-/);
    expect(readFileSync(`${files.usersFile}.imported`, "utf8")).toBe("from the first import");
  });

  it("stops on a file it cannot read, naming it without its content, and imports nothing", async () => {
    write(files.usersFile, { version: 1, users: [user("ann@example.com")] });
    write(files.displaysFile, { version: 1, displays: [{ id: "x", secret: "hash-like-content" }] });
    const failure = importLegacyFiles(handle.db, files);
    await expect(failure).rejects.toThrow(LegacyImportError);
    await expect(failure).rejects.toThrow(
      `${files.displaysFile} is not a valid display links file`,
    );
    await failure.catch((error: Error) => expect(error.message).not.toContain("hash-like"));
    expect(existsSync(files.usersFile)).toBe(true);
    expect(await userQueries(handle.db).list()).toEqual([]);
  });
});
