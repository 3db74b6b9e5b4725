import { defineNamespace } from "../catalog";
import ar from "./ar/pages.json" with { type: "json" };
import en from "./en/pages.json" with { type: "json" };
import es from "./es/pages.json" with { type: "json" };

/** Whole-page states (not found, an error), a panel that failed, and the server's health. */
export const pages = defineNamespace(en, { es, ar });
