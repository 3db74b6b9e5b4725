/// <reference lib="webworker" />
import { buildIndex, queryIndex, type ClusterIndexData, type ClusterQuery } from "./cluster-core";

/** Builds the cluster index off the main thread; answers the latest query for each generation. */
type Message =
  | { kind: "load"; generation: number; coords: Float64Array; codes: Uint8Array }
  | { kind: "query"; generation: number; request: number; query: ClusterQuery };

let index: ClusterIndexData | undefined;
let generation = -1;

self.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.kind === "load") {
    index = buildIndex(message.coords, message.codes);
    generation = message.generation;
    return;
  }
  if (!index || message.generation !== generation) return;
  const items = queryIndex(index, message.query);
  (self as unknown as Worker).postMessage(
    { generation, request: message.request, items },
    { transfer: [items.buffer] },
  );
};
