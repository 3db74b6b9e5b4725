import { alertActionRoute } from "../alert-action";

export const dynamic = "force-dynamic";

export const POST = alertActionRoute("acknowledge");
