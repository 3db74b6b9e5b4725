/**
 * Simulated time = start + real elapsed × speedup + manual advances. Everything in the world,
 * including token expiry, reads this clock, so tests advance it instead of waiting.
 */
export class SimClock {
  private readonly realStart = performance.now();
  private manualMs = 0;

  constructor(
    readonly startTime: number,
    readonly speedup: number,
  ) {}

  now(): number {
    return Math.floor(
      this.startTime + (performance.now() - this.realStart) * this.speedup + this.manualMs,
    );
  }

  advance(ms: number) {
    this.manualMs += ms;
  }
}
