import "server-only";
import { getEnv } from "../env";
import { createFleetUpClient, type FleetUpClient } from "./client";
import { configFromEnv } from "./config";
import { consoleLogger } from "./logger";

export {
  createFleetUpClient,
  parseRetryAfter,
  type EndpointName,
  type FleetUpClient,
  type FleetUpDeps,
  type FleetUpMetrics,
  type RawCallResult,
  type TimeWindow,
} from "./client";
export { configFromEnv, DEFAULT_TUNING, type FleetUpConfig } from "./config";
export { FleetUpError, isFleetUpError, redactSecrets, type FleetUpErrorKind } from "./errors";
export { RequestLimiter, type LimiterStats } from "./limiter";
export type { Priority } from "./limiter";
export { consoleLogger, silentLogger, type Logger } from "./logger";
export { parsers, type ParseResult } from "./parsers";
export {
  computeExpiry,
  MemoryTokenStore,
  TokenManager,
  type StoredToken,
  type TokenStore,
} from "./token";
export { systemClock, type Clock } from "./clock";

// Kept on globalThis so Next.js dev reloads (which re-evaluate modules) do not create a second
// client with its own token and its own request budget.
const holder = globalThis as typeof globalThis & { __fleetLiveFleetUpClient?: FleetUpClient };

/**
 * The deployment's one FleetUp client, configured from the environment. One per process, so
 * one limiter and one token for everything this process asks of FleetUp.
 */
export function getFleetUpClient(): FleetUpClient {
  holder.__fleetLiveFleetUpClient ??= createFleetUpClient(configFromEnv(getEnv()), {
    logger: consoleLogger,
  });
  return holder.__fleetLiveFleetUpClient;
}
