import { defineNamespace } from "../catalog";
import ar from "./ar/format.json" with { type: "json" };
import en from "./en/format.json" with { type: "json" };
import es from "./es/format.json" with { type: "json" };

/** Units and relative times, as `components/fleet/format.ts` writes them. */
export const format = defineNamespace(en, { es, ar });
