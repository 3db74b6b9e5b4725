import "server-only";

export {
  createFleetUpClient,
  FencesFileError,
  type CallOptions,
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
export { parseRetryAfter } from "./transport";
export { systemClock, type Clock } from "./clock";
