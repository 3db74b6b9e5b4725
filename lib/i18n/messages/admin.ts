import { defineNamespace } from "../catalog";
import ar from "./ar/admin.json" with { type: "json" };
import en from "./en/admin.json" with { type: "json" };
import es from "./es/admin.json" with { type: "json" };

/** The admin pages: display links for wall screens (/admin/displays). */
export const admin = defineNamespace(en, { es, ar });
