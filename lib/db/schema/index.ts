/**
 * The whole schema, one file per concern. drizzle-kit reads this file to write migrations
 * (`npm run db:generate`); the query modules in lib/db import their tables from here.
 */
export * from "./alert-work";
export * from "./deployment";
export * from "./display-sessions";
export * from "./displays";
export * from "./fence-occupancy";
export * from "./history";
export * from "./last-looks";
export * from "./sessions";
export * from "./users";
