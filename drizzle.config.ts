import { defineConfig } from "drizzle-kit";

/**
 * drizzle-kit writes a numbered migration from a change to lib/db/schema: `npm run db:generate --
 * --name <what-changed>`. A landed migration is never edited; a change is a new one.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./lib/db/migrations",
});
