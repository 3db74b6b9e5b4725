import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./users";

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** When each person last had the dashboard open ("since you last looked", lib/db/last-looks.ts). */
export const userLastLooks = pgTable("user_last_looks", {
  email: text()
    .primaryKey()
    .references(() => users.email, { onDelete: "cascade", onUpdate: "cascade" }),
  lookedAt: at("looked_at").notNull(),
});
