import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import AjvCompiler from '@fastify/ajv-compiler';
import { ROUTER_OPTIONS } from './allowed-methods.ts';
import { refusingInfinity } from './finite-numbers.ts';
import { redactedRequest } from './log-redaction.ts';
import { requestIds } from './request-ids.ts';
import { frameworkErrors } from './problem-details.ts';
import { SHARED_PROBLEM_CATALOGUE, problemTypeUri } from './problem-types.ts';

export interface ServerOptionsInput {
  readonly logLevel: string;
  /** false in tests that want silence */
  readonly logger?: boolean;
  /** bytes; bodies beyond are refused with a 413 problem */
  readonly bodyLimit?: number;
  /** the reverse proxies whose `X-Forwarded-For` names the client (`request.ip`: rate limits, logs) */
  readonly trustedProxies?: readonly string[] | null;
}

/**
 * The Fastify factory options both services share: pino logs with request ids (never a token,
 * in a header or in the URL),
 * a body limit, strict schemas (unknown fields are errors, not silently dropped), and
 * problem+json for the errors Fastify raises before any route runs.
 */
export const serverOptions = (input: ServerOptionsInput): FastifyServerOptions => ({
  logger:
    input.logger === false
      ? false
      : {
          level: input.logLevel,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
          serializers: { req: redactedRequest },
        },
  genReqId: requestIds(),
  bodyLimit: input.bodyLimit ?? 256 * 1024,
  routerOptions: ROUTER_OPTIONS,
  ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true } },
  schemaController: { compilersFactory: { buildValidator: strictBodies } },
  frameworkErrors,
  clientErrorHandler,
  return503OnClosing: true,
  ...(input.trustedProxies != null && { trustProxy: [...input.trustedProxies] }),
});

const ajvCompiler = AjvCompiler();

/**
 * Query strings, path parameters and headers are text, so their numbers and booleans are coerced
 * from it; a JSON body says what type it means, so `{"notify": "false"}` is an error, not `false`.
 */
function strictBodies(
  externalSchemas: Parameters<ReturnType<typeof AjvCompiler>>[0],
  ajvOptions: Parameters<ReturnType<typeof AjvCompiler>>[1],
) {
  const lenient = ajvCompiler(externalSchemas, ajvOptions);
  const options = ajvOptions as { customOptions?: Record<string, unknown> } | undefined;
  const strict = ajvCompiler(externalSchemas, { ...options, customOptions: { ...options?.customOptions, coerceTypes: false } } as typeof ajvOptions);
  return (route: Parameters<typeof lenient>[0]) => (route.httpPart === 'body' ? strict(route) : refusingInfinity(lenient(route), route.schema));
}

/**
 * Malformed HTTP that never becomes a request (a request line or headers too large, broken
 * framing): answered with a problem document written on the socket, as Node gives us nothing else.
 */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return;
  const [code, reason, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? ['headers-too-large', 'Request Header Fields Too Large', 'the request line or its headers are too large']
      : ['invalid-request', 'Bad Request', 'the request is not well-formed HTTP'];
  const type = SHARED_PROBLEM_CATALOGUE.get(code)!;
  const body = JSON.stringify({ type: problemTypeUri(code), title: type.title, status: type.status, detail, code });
  socket.end(
    `HTTP/1.1 ${type.status} ${reason}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
