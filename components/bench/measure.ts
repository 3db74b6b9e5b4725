/** Timings of one change, measured in the page: until painted, and the long tasks meanwhile. */
export type Measurement = {
  toPaintMs: number;
  longestTaskMs: number;
  longTasks: number;
  domNodes: number;
};

function afterPaint(inFrame: boolean): Promise<void> {
  // Drawn inside an animation frame: this frame's paint comes next, then a task runs.
  // Changed outside one (React committing DOM): wait for the next frame, then its paint.
  return new Promise((resolve) => {
    if (inFrame) setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

export function measure(
  start: (finished: () => void) => void,
  inFrame: boolean,
): Promise<Measurement> {
  const tasks: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: "longtask" });
  const t0 = performance.now();
  return new Promise<Measurement>((resolve) => {
    let settled = false;
    start(() => {
      if (settled) return;
      settled = true;
      void afterPaint(inFrame).then(() => {
        const t1 = performance.now();
        // Long tasks are reported a little later than they end.
        setTimeout(() => {
          observer.takeRecords().forEach((entry) => tasks.push(entry));
          observer.disconnect();
          const inside = tasks.filter((t) => t.startTime + t.duration >= t0 && t.startTime <= t1);
          resolve({
            toPaintMs: t1 - t0,
            longestTaskMs: Math.max(0, ...inside.map((t) => t.duration)),
            longTasks: inside.length,
            domNodes: document.getElementsByTagName("*").length,
          });
        }, 50);
      });
    });
  });
}
