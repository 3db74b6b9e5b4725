import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { ROLES } from "../../fleet/access";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Who may sign in (lib/db/users.ts). The email is stored normalised (trimmed, lower case). */
export const users = pgTable(
  "users",
  {
    email: text().primaryKey(),
    role: text({ enum: ROLES }).notNull(),
    /** scrypt, parameters inside the string (lib/auth/password.ts); null for single sign-on only. */
    passwordHash: text("password_hash"),
    /** The accounts simulator mode creates; they never exist beside FleetUp. */
    demo: boolean().notNull().default(false),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    /**
     * A session signed in before this time is over: set when the password or the role changes,
     * when the user is created, and by "sign out everywhere". Null: every session counts.
     */
    sessionsValidAfter: at("sessions_valid_after"),
  },
  (table) => [
    check(
      "users_role_known",
      sql.raw(`${table.role.name} in (${ROLES.map((role) => `'${role}'`).join(", ")})`),
    ),
  ],
);
