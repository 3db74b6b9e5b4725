/** Where the e2e suite runs the dashboard and the simulator (playwright.config.ts starts both). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 4110);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_SIM_URL = `http://127.0.0.1:${E2E_SIM_PORT}`;

/** Faster polling than production, so tests wait seconds rather than tens of seconds. */
export const E2E_POLL = { positionsS: 2, tripsS: 4, alertsS: 4 };
