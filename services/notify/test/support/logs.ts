import type { FastifyBaseLogger } from 'fastify';

/** A logger that keeps its error lines, and drops the rest. */
export const loggerKeepingErrors = () => {
  const errors: { fields: unknown; message: string }[] = [];
  const log = {
    error: (fields: unknown, message: string) => void errors.push({ fields, message }),
    warn: () => undefined,
    info: () => undefined,
    debug: () => undefined,
    child: () => log,
  };
  return { log: log as unknown as FastifyBaseLogger, errors };
};
