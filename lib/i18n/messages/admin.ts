import { defineNamespace } from "../catalog";
import ar from "./ar/admin.json";
import en from "./en/admin.json";
import es from "./es/admin.json";

/** The admin pages: display links for wall screens (/admin/displays). */
export const admin = defineNamespace(en, { es, ar });
