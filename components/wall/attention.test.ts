import { describe, expect, it } from "vitest";
import type { Alert, AlertSeverity } from "@/lib/fleet/types";
import { ATTENTION_MAX_AGE_MS, AttentionQueue } from "./attention";

const NOW = 1_000_000_000;
const alert = (id: string, severity: AlertSeverity, time = NOW): Alert => ({
  id,
  type: "speeding",
  severity,
  time,
});

describe("AttentionQueue", () => {
  it("treats the alerts present at first sight as history", () => {
    const queue = new AttentionQueue();
    queue.observe([alert("a", "critical")], NOW);
    expect(queue.take()).toBeUndefined();
  });

  it("queues new alerts once, most severe first, newest first within a severity", () => {
    const queue = new AttentionQueue();
    queue.observe([alert("old", "critical")], NOW);
    const next = [
      alert("w1", "warning", NOW - 2000),
      alert("c1", "critical", NOW - 3000),
      alert("w2", "warning", NOW - 1000),
      alert("i1", "info"),
      alert("old", "critical"),
    ];
    queue.observe(next, NOW);
    queue.observe(next, NOW + 1000);
    expect([queue.take(), queue.take(), queue.take(), queue.take()].map((a) => a?.id)).toEqual([
      "c1",
      "w2",
      "w1",
      undefined,
    ]);
  });

  it("focuses info alerts only when asked to", () => {
    const queue = new AttentionQueue("info");
    queue.observe([], NOW);
    queue.observe([alert("i1", "info")], NOW);
    expect(queue.take()?.id).toBe("i1");
  });

  it("skips a backlog that arrives late, and keeps a storm short", () => {
    const queue = new AttentionQueue();
    queue.observe([], NOW);
    queue.observe([alert("late", "critical", NOW - ATTENTION_MAX_AGE_MS - 1)], NOW);
    expect(queue.size).toBe(0);
    queue.observe(
      Array.from({ length: 50 }, (_, i) => alert(`s${i}`, "warning", NOW - i)),
      NOW,
    );
    expect(queue.size).toBe(5);
    expect(queue.take()?.id).toBe("s0");
  });
});
