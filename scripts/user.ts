/**
 * `npm run user -- <command>`: manages who may sign in (the users in the database).
 *
 *   add <email> --role <admin|dispatcher|viewer> [--password <pw> | --password-stdin | --sso]
 *   remove <email>
 *   list
 *   set-role <email> <admin|dispatcher|viewer>
 *   set-password <email> [--password <pw> | --password-stdin]
 *   sign-out-everywhere <email>
 *
 * Without a password option, `add` and `set-password` generate a strong password and print it
 * once. `--sso` adds a user who signs in only through single sign-on (OIDC). A changed password
 * or role, a removal and `sign-out-everywhere` end the user's sessions on every instance.
 */
import { parseArgs } from "node:util";
import { generatePassword } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/fleet/access";
import { UserStore, UserStoreError } from "@/lib/auth/user-store";
import { EmbeddedInUseError } from "@/lib/db/embedded";
import { EnvError } from "@/lib/env";
import { withDatabase } from "./lib/database";

const USAGE = `Usage: npm run user -- <command>

  add <email> --role <role> [--password <pw> | --password-stdin | --sso]
  remove <email>
  list
  set-role <email> <role>
  set-password <email> [--password <pw> | --password-stdin]
  sign-out-everywhere <email>

Roles: ${ROLES.join(", ")}. Without a password option a strong one is generated and printed.
A new password or role, a removal and sign-out-everywhere end the user's sessions everywhere.
The users are in the server's database: DATABASE_URL, or DATABASE_DIR (default .data/db),
read from the environment or .env.local; with a running server, through that server.`;

class UsageError extends Error {}

const COMMANDS = ["add", "remove", "list", "set-role", "set-password", "sign-out-everywhere"];

function role(value: string | undefined): Role {
  if (!ROLES.includes(value as Role)) {
    throw new UsageError(`--role must be one of ${ROLES.join(", ")} (got "${value ?? ""}")`);
  }
  return value as Role;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function passwordFrom(values: {
  password?: string;
  "password-stdin"?: boolean;
}): Promise<{ password: string; generated: boolean }> {
  if (values.password !== undefined && values["password-stdin"]) {
    throw new UsageError("give --password or --password-stdin, not both");
  }
  if (values.password !== undefined) return { password: values.password, generated: false };
  if (values["password-stdin"]) return { password: await readStdin(), generated: false };
  return { password: generatePassword(), generated: true };
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: "string" },
      password: { type: "string" },
      "password-stdin": { type: "boolean" },
      sso: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, email, extra] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  if (!COMMANDS.includes(command)) throw new UsageError(`unknown command "${command}"`);
  await withDatabase((handle) => run(new UserStore(handle.db), command, email, extra, values));
}

async function run(
  store: UserStore,
  command: string,
  email: string | undefined,
  extra: string | undefined,
  values: {
    role?: string;
    password?: string;
    "password-stdin"?: boolean;
    sso?: boolean;
  },
): Promise<void> {
  const needEmail = () => {
    if (!email) throw new UsageError(`${command} needs an email address`);
    return email;
  };

  switch (command) {
    case "add": {
      const address = needEmail();
      if (values.sso && (values.password !== undefined || values["password-stdin"])) {
        throw new UsageError("--sso users have no password; drop --password");
      }
      const secret = values.sso ? undefined : await passwordFrom(values);
      const user = await store.add({
        email: address,
        role: role(values.role),
        password: secret?.password,
      });
      console.log(`Added ${user.email} (${user.role}).`);
      if (secret?.generated) console.log(`Password (shown once): ${secret.password}`);
      if (values.sso) console.log("This user signs in with single sign-on only.");
      return;
    }
    case "remove":
      await store.remove(needEmail());
      console.log(`Removed ${email}. Their sessions end at their next request, on every instance.`);
      return;
    case "list": {
      const users = await store.list();
      if (users.length === 0) {
        console.log("No users yet.");
        return;
      }
      const width = Math.max(...users.map((user) => user.email.length));
      for (const user of users) {
        const how = user.passwordHash ? "password" : "single sign-on";
        const demo = user.demo ? ", demo" : "";
        console.log(`${user.email.padEnd(width)}  ${user.role.padEnd(10)}  ${how}${demo}`);
      }
      return;
    }
    case "set-role": {
      const user = await store.setRole(needEmail(), role(extra ?? values.role));
      console.log(`${user.email} is now ${user.role}; they sign in again to use it.`);
      return;
    }
    case "set-password": {
      const secret = await passwordFrom(values);
      await store.setPassword(needEmail(), secret.password);
      console.log(`Set a new password for ${email}; their sessions have ended.`);
      if (secret.generated) console.log(`Password (shown once): ${secret.password}`);
      return;
    }
    case "sign-out-everywhere":
      await store.endSessions(needEmail());
      console.log(`Signed ${email} out everywhere; they can sign in again.`);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`user: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (
    error instanceof UserStoreError ||
    error instanceof EmbeddedInUseError ||
    error instanceof EnvError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`user: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
});
