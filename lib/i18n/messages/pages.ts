import { defineNamespace } from "../catalog";
import ar from "./ar/pages.json";
import en from "./en/pages.json";
import es from "./es/pages.json";

/** Whole-page states (not found, an error), a panel that failed, and the server's health. */
export const pages = defineNamespace(en, { es, ar });
