import { defineNamespace } from "../catalog";
import ar from "./ar/shell.json" with { type: "json" };
import en from "./en/shell.json" with { type: "json" };
import es from "./es/shell.json" with { type: "json" };

/** The dashboard's frame: header, the panels' tabs, the phone's sheet and the tablet's panel. */
export const shell = defineNamespace(en, { es, ar });
