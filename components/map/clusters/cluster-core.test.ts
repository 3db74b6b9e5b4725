import { describe, expect, it } from "vitest";
import { buildIndex, ITEM, queryIndex, STRIDE, vehicleCode } from "./cluster-core";

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

/** Items of a query as objects, for readable expectations. */
function items(out: Float64Array) {
  const list = [];
  for (let k = 0; k < out.length; k += STRIDE) {
    const s = k + ITEM.statuses;
    list.push({
      count: out[k + ITEM.count],
      index: out[k + ITEM.index],
      statuses: [out[s], out[s + 1], out[s + 2], out[s + 3]],
      warnings: out[k + ITEM.warnings],
      criticals: out[k + ITEM.criticals],
      bounds: [out[k + ITEM.west], out[k + ITEM.south], out[k + ITEM.east], out[k + ITEM.north]],
    });
  }
  return list;
}

describe("cluster index", () => {
  // Five vehicles a few hundred metres apart: moving, moving, idle, offline, stopped.
  const coords = new Float64Array([
    -112.07, 33.45, -112.071, 33.451, -112.069, 33.449, -112.072, 33.452, -112.068, 33.448,
  ]);
  const codes = new Uint8Array([
    vehicleCode(0, 0),
    vehicleCode(0, 2),
    vehicleCode(1, 1),
    vehicleCode(3, 0),
    vehicleCode(2, 1),
  ]);

  it("counts a cluster's members by status, so an offline member shows in its mix", () => {
    const [cluster] = items(queryIndex(buildIndex(coords, codes), { bbox: WORLD, zoom: 8 }));
    expect(cluster).toMatchObject({ count: 5, index: -1, statuses: [2, 1, 1, 1] });
  });

  it("counts members with an open critical alert and with a warning", () => {
    const [cluster] = items(queryIndex(buildIndex(coords, codes), { bbox: WORLD, zoom: 8 }));
    expect(cluster).toMatchObject({ criticals: 1, warnings: 2 });
  });

  it("carries the bounds of exactly its members, for a press that zooms to them", () => {
    const [cluster] = items(queryIndex(buildIndex(coords, codes), { bbox: WORLD, zoom: 8 }));
    expect(cluster!.bounds).toEqual([-112.072, 33.448, -112.068, 33.452]);
  });

  it("gives a vehicle drawn alone its own index, status and alert", () => {
    const alone = items(queryIndex(buildIndex(coords, codes), { bbox: WORLD, zoom: 18 }));
    expect(alone).toHaveLength(5);
    expect(alone.find((item) => item.index === 1)).toMatchObject({
      count: 1,
      statuses: [1, 0, 0, 0],
      criticals: 1,
      warnings: 0,
    });
  });
});
