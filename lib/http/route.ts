import "server-only";
import { handleRoute } from "./handle-route";
import { errorResponse } from "./respond";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof METHODS)[number];

/** A route without dynamic segments may be called without a context (as its tests do). */
type ContextArgs<Context> = unknown extends Context ? [context?: Context] : [context: Context];
type Handler<Context> = (
  request: Request,
  ...context: ContextArgs<Context>
) => Promise<Response> | Response;
type Exported<Context> = (request: Request, ...context: ContextArgs<Context>) => Promise<Response>;

/**
 * A route module's handlers, each wrapped by `handleRoute`, and an answer for every other
 * method: 405 with the one error body and `Allow` (Next.js's own 405 has no body), and OPTIONS
 * with `Allow`. HEAD is left to Next.js, which answers it with GET's headers.
 *
 *   export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({ GET: async (request) => … });
 */
export function route<Context = unknown>(
  handlers: Partial<Record<Method, Handler<Context>>>,
): Record<Method | "OPTIONS", Exported<Context>> {
  const allowed = METHODS.filter((method) => handlers[method] !== undefined);
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const notAllowed = async (request: Request) =>
    errorResponse("method_not_allowed", `${request.method} is not allowed here; use ${allow}.`, {
      headers: { allow },
    });
  const wrapped = Object.fromEntries(
    METHODS.map((method) => {
      const handler = handlers[method];
      return [method, handler ? handleRoute(handler) : notAllowed];
    }),
  ) as Record<Method, Exported<Context>>;
  return {
    ...wrapped,
    OPTIONS: async () =>
      new Response(null, { status: 204, headers: { allow, "cache-control": "no-store" } }),
  };
}
