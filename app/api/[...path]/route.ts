import { errorResponse } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

/** Any /api address no route serves: 404 in the one error body, whatever the method. */
function notFound() {
  return errorResponse("not_found", "There is no such API.");
}

export {
  notFound as GET,
  notFound as POST,
  notFound as PUT,
  notFound as PATCH,
  notFound as DELETE,
  notFound as OPTIONS,
};
