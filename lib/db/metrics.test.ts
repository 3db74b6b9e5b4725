import { describe, expect, it } from "vitest";
import { handleRoute } from "@/lib/http/handle-route";
import { DatabaseUnavailableError, reasonOf } from "./errors";
import { databaseMetrics, measured } from "./metrics";

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" });

describe("database metrics", () => {
  it("observes each query's time and counts its failures, by query name", async () => {
    const queries = measured("probe", {
      async works() {
        return 42;
      },
      async breaks(): Promise<number> {
        throw new Error('relation "nope" does not exist');
      },
    });
    expect(await queries.works()).toBe(42);
    await expect(queries.breaks()).rejects.toThrow(/does not exist/);
    const text = await databaseMetrics().registry.metrics();
    expect(text).toMatch(/fleet_db_query_duration_seconds_count\{query="probe.works"\} 1/);
    expect(text).toMatch(/fleet_db_query_duration_seconds_count\{query="probe.breaks"\} 1/);
    expect(text).toMatch(/fleet_db_query_errors_total\{query="probe.breaks"\} 1/);
    expect(text).not.toMatch(/fleet_db_query_errors_total\{query="probe.works"\}/);
  });

  it("turns a database that cannot be reached into one error, a 503 for routes", async () => {
    const queries = measured("probe", {
      async find(): Promise<number> {
        throw new Error("Failed query: select 1\nparams: ", { cause: refused() });
      },
    });
    const failure = queries.find();
    await expect(failure).rejects.toBeInstanceOf(DatabaseUnavailableError);
    const route = handleRoute(async () => Response.json(await queries.find()));
    const response = await route();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: {
        code: "database_unavailable",
        message: "The database cannot be reached right now; please try again in a moment.",
      },
    });
  });

  it("says why in the database's own words, without the SQL or an address with a password", () => {
    const wrapped = new Error("Failed query: select * from users where email = $1\nparams: ann", {
      cause: new Error("password authentication failed for postgres://fleet:pw@db/fleet"),
    });
    expect(reasonOf(wrapped)).toBe("password authentication failed for postgres://…");
    expect(reasonOf(new DatabaseUnavailableError({ cause: refused() }))).toBe(
      "connect ECONNREFUSED 10.0.0.5:5432",
    );
  });
});
