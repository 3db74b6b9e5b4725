import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";

export type PostgresProcess = {
  url: string;
  port: number;
  stop(): Promise<void>;
};

/** Debian's server binaries (the `postgresql` package), newest version first, or PATH. */
function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, "bin", "postgres")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(root, versions[0], "bin");
  const fromPgConfig = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (fromPgConfig.status === 0) return fromPgConfig.stdout.trim();
  throw new Error("no Postgres server found (Debian: apt-get install -y postgresql)");
}

/**
 * Postgres refuses to run as root: as root (CI), the server runs as the `postgres` account the
 * Debian package creates (or `nobody`); otherwise as whoever runs the tests.
 */
function serverAccount(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ["postgres", "nobody"]) {
    const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (uid.status === 0 && gid.status === 0) {
      return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
    }
  }
  throw new Error("running as root, and there is no postgres or nobody account to run Postgres as");
}

/** A free TCP port on 127.0.0.1, for runs that do not set E2E_PG_PORT. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no free port");
  return address.port;
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A throwaway Postgres server: a fresh cluster in a temporary folder (trust authentication,
 * no durability, which a test does not need), listening on 127.0.0.1:`port`. `stop()` shuts it
 * down and deletes the folder; `restart` keeps the data, as a real server restart does.
 */
export async function startPostgres(
  port: number,
): Promise<PostgresProcess & { restart(): Promise<void> }> {
  const bin = binDir();
  const account = serverAccount();
  const folder = mkdtempSync(join(tmpdir(), "fleet-live-pg-"));
  if (account) chownSync(folder, account.uid, account.gid);
  const data = join(folder, "data");
  const as = account ? { uid: account.uid, gid: account.gid } : {};
  const init = spawnSync(
    join(bin, "initdb"),
    ["-D", data, "-U", "fleet", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"],
    { ...as, encoding: "utf8" },
  );
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const url = `postgres://fleet@127.0.0.1:${port}/postgres`;

  let child: ChildProcess;
  const launch = async () => {
    child = spawn(
      join(bin, "postgres"),
      [
        ["-D", data],
        ["-p", String(port)],
        ["-k", folder],
        ["-c", "listen_addresses=127.0.0.1"],
        ["-c", "fsync=off"],
        ["-c", "synchronous_commit=off"],
        ["-c", "full_page_writes=off"],
      ].flat(),
      { ...as, stdio: "ignore" },
    );
    const deadline = Date.now() + 20_000;
    while (!(await answers(url))) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`Postgres did not start on port ${port} (in use?)`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const halt = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGINT"); // Postgres's "fast" shutdown: ends sessions, then stops cleanly
    await exited;
  };
  await launch();
  return {
    url,
    port,
    restart: async () => {
      await halt();
      await launch();
    },
    stop: async () => {
      await halt();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The port for a test's Postgres: E2E_PG_PORT when set, else a free one. */
export async function postgresPort(): Promise<number> {
  return process.env.E2E_PG_PORT ? Number(process.env.E2E_PG_PORT) : freePort();
}
