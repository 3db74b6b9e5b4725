import { defineNamespace } from "../catalog";
import ar from "./ar/auth.json" with { type: "json" };
import en from "./en/auth.json" with { type: "json" };
import es from "./es/auth.json" with { type: "json" };

/** Signing in and out, the account bar and the idle sign-out warning. */
export const auth = defineNamespace(en, { es, ar });
