/// <reference lib="webworker" />
import type Supercluster from "supercluster";
import { buildIndex, queryIndex, type ClusterQuery } from "./cluster-core";

/** Builds the cluster index off the main thread; answers the latest query for each generation. */
type Message =
  | { kind: "load"; generation: number; coords: Float64Array }
  | { kind: "query"; generation: number; request: number; query: ClusterQuery };

let index: Supercluster | undefined;
let generation = -1;

self.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data;
  if (message.kind === "load") {
    index = buildIndex(message.coords);
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
