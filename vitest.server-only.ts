// Stands in for `server-only` in tests (vitest.config.ts): server modules run directly here.
export {};
