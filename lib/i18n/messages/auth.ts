import { defineNamespace } from "../catalog";
import ar from "./ar/auth.json";
import en from "./en/auth.json";
import es from "./es/auth.json";

/** Signing in and out, the account bar and the idle sign-out warning. */
export const auth = defineNamespace(en, { es, ar });
