/** Where the e2e suite runs the dashboard and the simulator (playwright.config.ts starts both). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;

/**
 * Faster polling than production, so tests wait seconds rather than tens of seconds, yet within
 * FleetUp's budget (one start per 1.15 s, 0.87 a second): 1/2 + 1/8 + 1/5 = 0.825 a second,
 * leaving room for fences, devices and trails. The earlier 2/4/4 s asked for a whole request a
 * second, more than the budget, so alerts could wait their turn for over 20 s.
 */
export const E2E_POLL = { positionsS: 2, tripsS: 8, alertsS: 5 };
