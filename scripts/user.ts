/**
 * `npm run user -- <command>`: manages who may sign in (the user store, USERS_FILE).
 *
 *   add <email> --role <admin|dispatcher|viewer> [--password <pw> | --password-stdin | --sso]
 *   remove <email>
 *   list
 *   set-role <email> <admin|dispatcher|viewer>
 *   set-password <email> [--password <pw> | --password-stdin]
 *
 * Without a password option, `add` and `set-password` generate a strong password and print it
 * once. `--sso` adds a user who signs in only through single sign-on (OIDC).
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { generatePassword } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/roles";
import { UserStore, UserStoreError } from "@/lib/auth/user-store";
import { environmentLikeNextStart } from "./lib/env-files";
import { PROJECT_ROOT } from "./lib/simulator-process";

const USAGE = `Usage: npm run user -- <command>

  add <email> --role <role> [--password <pw> | --password-stdin | --sso]
  remove <email>
  list
  set-role <email> <role>
  set-password <email> [--password <pw> | --password-stdin]

Roles: ${ROLES.join(", ")}. Without a password option a strong one is generated and printed.
The store is USERS_FILE (default .data/users.json), read from the environment or .env.local.`;

class UsageError extends Error {}

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
  const path = resolve(PROJECT_ROOT, environmentLikeNextStart().USERS_FILE || ".data/users.json");
  const store = new UserStore(path);
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
      console.log(`Added ${user.email} (${user.role}) to ${path}.`);
      if (secret?.generated) console.log(`Password (shown once): ${secret.password}`);
      if (values.sso) console.log("This user signs in with single sign-on only.");
      return;
    }
    case "remove":
      await store.remove(needEmail());
      console.log(`Removed ${email}. Their open sessions end at their next request.`);
      return;
    case "list": {
      const users = await store.list();
      if (users.length === 0) {
        console.log(`No users in ${path}.`);
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
      console.log(`${user.email} is now ${user.role}; this applies to their next request.`);
      return;
    }
    case "set-password": {
      const secret = await passwordFrom(values);
      await store.setPassword(needEmail(), secret.password);
      console.log(`Set a new password for ${email}.`);
      if (secret.generated) console.log(`Password (shown once): ${secret.password}`);
      return;
    }
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
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`user: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
});
