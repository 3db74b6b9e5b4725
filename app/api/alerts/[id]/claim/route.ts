import { route } from "@/lib/http/route";
import { alertActionRoute } from "../alert-action";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } = route({
  POST: alertActionRoute("claim"),
});
