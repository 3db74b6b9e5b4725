import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/catalog";
import { map } from "@/lib/i18n/messages/map";
import { clusterCursorLabel, clusterWords as words_ } from "./cluster-text";

const t = translator("en", map.en);
const clusterWords = (mark: Parameters<typeof words_>[0]) => words_(mark, t);

describe("clusterWords", () => {
  it("lists every status present, in legend order, and leaves out the absent ones", () => {
    const words = clusterWords({ count: 12, statuses: [5, 0, 4, 3], warnings: 0, criticals: 0 });
    expect(words.title).toBe("12 vehicles");
    expect(words.lines).toEqual(["5 moving · 4 stopped · 3 offline"]);
    expect(words.label).toBe("Cluster of 12 vehicles: 5 moving, 4 stopped, 3 offline. Zoom in");
  });

  it("says how many members have a critical alert or a warning", () => {
    const words = clusterWords({ count: 3, statuses: [2, 1, 0, 0], warnings: 2, criticals: 1 });
    expect(words.lines).toEqual([
      "2 moving · 1 idle",
      "1 vehicle with a critical alert",
      "2 vehicles with a warning",
    ]);
    expect(words.label).toContain("1 vehicle with a critical alert; 2 vehicles with a warning");
  });

  it("names the cluster the keyboard cursor is on, and how many there are", () => {
    const words = clusterWords({ count: 4, statuses: [4, 0, 0, 0], warnings: 0, criticals: 0 });
    expect(clusterCursorLabel(words, 2, 9, t)).toBe(
      "Cluster of 4 vehicles: 4 moving. Zoom in. Cluster 3 of 9; arrow keys for the others",
    );
  });
});

describe("clusterWords in Arabic", () => {
  it("writes counts in Arabic-Indic digits, with Arabic plurals and punctuation", () => {
    const ar = translator("ar", map.ar);
    const words = words_({ count: 12, statuses: [5, 0, 7, 0], warnings: 2, criticals: 0 }, ar);
    expect(words.title).toBe("١٢ مركبة");
    expect(words.lines).toEqual(["متحركة: ٥ · متوقفة: ٧", "مركبتان عليهما تحذير"]);
    expect(words.label).toBe(
      "مجموعة من ١٢ مركبة: متحركة: ٥، متوقفة: ٧؛ مركبتان عليهما تحذير. للتكبير",
    );
  });
});
