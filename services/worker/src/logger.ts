import winston from 'winston';

/**
 * Stdout gets the record as JSON; errors passed as `err` are spelled out there,
 * since an Error's own fields are not enumerable. The OTLP copy needs nothing
 * here: the winston instrumentation adds its transport to every logger and
 * stamps `trace_id`/`span_id` on records written inside a span.
 */
const errorAsJson = winston.format((info) => {
  const err: unknown = info.err;
  if (err instanceof Error) info.err = { type: err.name, message: err.message, stack: err.stack };
  return info;
});

export type Logger = winston.Logger;

export function createLogger(level = 'info'): Logger {
  return winston.createLogger({
    level,
    transports: [
      new winston.transports.Console({
        // A format on the transport works on a copy, so the OTLP transport still sees the Error.
        format: winston.format.combine(errorAsJson(), winston.format.timestamp(), winston.format.json()),
      }),
    ],
  });
}
