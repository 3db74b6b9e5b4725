import { vi } from "vitest";

// `server-only` throws outside React's server bundle; unit tests run server modules directly.
vi.mock("server-only", () => ({}));
