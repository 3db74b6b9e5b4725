import { defineNamespace } from "../catalog";
import ar from "./ar/common.json" with { type: "json" };
import en from "./en/common.json" with { type: "json" };
import es from "./es/common.json" with { type: "json" };

/** Words every screen uses: vehicle states, the usual buttons, the language picker. */
export const common = defineNamespace(en, { es, ar });
