import "server-only";
import { redactSecrets } from "./errors";

export type LogFields = Record<string, string | number | boolean | undefined | null>;

/** The adapter's log sink. Messages are plain text; fields are flat and JSON-friendly. */
export type Logger = {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
};

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** One JSON line per event on stderr/stdout, tagged with the component. */
export const consoleLogger: Logger = {
  debug: (message, fields) => console.debug(line("debug", message, fields)),
  info: (message, fields) => console.info(line("info", message, fields)),
  warn: (message, fields) => console.warn(line("warn", message, fields)),
  error: (message, fields) => console.error(line("error", message, fields)),
};

function line(level: string, message: string, fields?: LogFields): string {
  return JSON.stringify({ level, component: "fleetup", message, ...fields });
}

/**
 * Wraps a logger so that no message or field value can carry a secret or a token, whatever a
 * caller passes: the adapter never logs them on purpose, and this is the second guard.
 */
export function redactingLogger(
  inner: Logger,
  secrets: () => readonly (string | undefined)[],
): Logger {
  const clean =
    (level: keyof Logger) =>
    (message: string, fields?: LogFields): void => {
      const list = secrets();
      const safeFields = fields
        ? Object.fromEntries(
            Object.entries(fields).map(([key, value]) => [
              key,
              typeof value === "string" ? redactSecrets(value, list) : value,
            ]),
          )
        : undefined;
      inner[level](redactSecrets(message, list), safeFields);
    };
  return { debug: clean("debug"), info: clean("info"), warn: clean("warn"), error: clean("error") };
}
