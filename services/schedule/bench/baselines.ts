import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';

/** Static bytes a baseline route answers, registered once their size is known. */
export interface StaticBody {
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface BaselineServer {
  readonly app: FastifyInstance;
  readonly url: string;
  /** serves `body` at `/static/<name>` from then on */
  setStatic(name: string, body: StaticBody): void;
}

/**
 * The yardsticks every route is compared against: a plain Fastify 5 app (default options, no
 * logger, no hooks) in the same process as the service, on its own port.
 * - `GET /hello`, `POST /hello`: the hello-world of the Fastify docs (`{ hello: 'world' }`);
 * - `GET /static/<name>`: bytes rendered once, sent as they are, the size of a service answer.
 */
export const startBaselineServer = async (): Promise<BaselineServer> => {
  const app = Fastify();
  const statics = new Map<string, StaticBody>();
  app.get('/hello', async () => ({ hello: 'world' }));
  app.post('/hello', async () => ({ hello: 'world' }));
  app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
    const body = statics.get(request.params.name);
    if (body === undefined) return reply.code(404).send();
    return reply.type(body.contentType).send(body.bytes);
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, setStatic: (name, body) => statics.set(name, body) };
};

/** `length` bytes of printable filler: a static body exactly as large as a measured answer. */
export const fillerBytes = (length: number): Buffer => Buffer.alloc(length, 'abcdefghij\n');

/**
 * One GET without keep-alive (the bench waits for servers to have no open connection between
 * runs; `fetch` would keep its sockets for the server's 72 s keep-alive).
 */
export const getOnce = (url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(url, { agent: false, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
