import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React's server bundle; tests run server modules directly
      // (the global setup too, where vi.mock does not reach).
      "server-only": fileURLToPath(new URL("./vitest.server-only.ts", import.meta.url)),
    },
  },
  test: {
    include: ["**/*.test.{ts,tsx}"],
    exclude: ["node_modules/**", ".next/**", "e2e/**"],
    globalSetup: ["./vitest.global-setup.ts"],
    environment: "node",
    // Two at a time even on two cores (vitest's default there is one): many files wait on
    // Redis, servers and real timers rather than compute; 3.4 instead of 4.2 minutes measured.
    maxWorkers: 2,
    // A test file's fresh database loads in beforeAll: about a second, longer on a busy machine.
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
