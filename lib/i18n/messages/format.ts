import { defineNamespace } from "../catalog";
import ar from "./ar/format.json";
import en from "./en/format.json";
import es from "./es/format.json";

/** Units and relative times, as `components/fleet/format.ts` writes them. */
export const format = defineNamespace(en, { es, ar });
