/**
 * The cluster index the vehicle layer asks, in a Web Worker for large fleets and on the main
 * thread for smaller ones; both answer asynchronously, and only the latest question is answered.
 */
import { buildIndex, queryIndex, type ClusterIndexData, type ClusterQuery } from "./cluster-core";
import { clusterInWorker } from "./cluster-policy";

export type ClusterAnswer = { generation: number; items: Float64Array };

export class ClusterIndex {
  private worker: Worker | undefined;
  /** Set when the worker cannot run (e.g. a policy blocks its scripts): cluster here instead. */
  private workerFailed = false;
  private local: ClusterIndexData | undefined;
  private coords: Float64Array = new Float64Array();
  private codes: Uint8Array = new Uint8Array();
  private lastQuery: ClusterQuery | undefined;
  private generation = 0;
  private request = 0;

  constructor(private readonly onAnswer: (answer: ClusterAnswer) => void) {}

  /** New positions or statuses: rebuild. Returns the generation answers will carry. */
  load(coords: Float64Array, codes: Uint8Array): number {
    this.generation += 1;
    this.coords = coords;
    this.codes = codes;
    const count = coords.length / 2;
    if (clusterInWorker(count) && !this.workerFailed) {
      this.local = undefined;
      // Copied, not transferred: the main thread keeps the positions in case the worker fails.
      this.ensureWorker().postMessage({ kind: "load", generation: this.generation, coords, codes });
    } else {
      this.local = buildIndex(coords, codes);
    }
    return this.generation;
  }

  query(query: ClusterQuery) {
    this.lastQuery = query;
    const request = ++this.request;
    const generation = this.generation;
    if (this.local) {
      const items = queryIndex(this.local, query);
      queueMicrotask(() => {
        if (request === this.request) this.onAnswer({ generation, items });
      });
    } else if (this.worker) {
      this.worker.postMessage({ kind: "query", generation, request, query });
    }
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = new Worker(new URL("./cluster.worker.ts", import.meta.url));
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.workerFailed = true;
        this.worker?.terminate();
        this.worker = undefined;
        this.local = buildIndex(this.coords, this.codes);
        if (this.lastQuery) this.query(this.lastQuery);
      };
      this.worker.onmessage = (
        event: MessageEvent<{ generation: number; request: number; items: Float64Array }>,
      ) => {
        if (event.data.request === this.request && event.data.generation === this.generation) {
          this.onAnswer({ generation: event.data.generation, items: event.data.items });
        }
      };
    }
    return this.worker;
  }

  dispose() {
    this.worker?.terminate();
    this.worker = undefined;
    this.local = undefined;
  }
}
