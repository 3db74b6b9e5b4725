import { defineNamespace } from "../catalog";
import ar from "./ar/replay.json" with { type: "json" };
import en from "./en/replay.json" with { type: "json" };
import es from "./es/replay.json" with { type: "json" };

/** Replay in place of the live map: its controls, its scrub bar and what the bar marks. */
export const replay = defineNamespace(en, { es, ar });
