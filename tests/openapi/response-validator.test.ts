// The validator the end-to-end test relies on catches what it claims to: a response passes only when
// its status, media type, headers and body are the ones the document gives.
import t from 'tap';
import { createResponseValidator } from '../support/response-validator.ts';
import type { OpenApiDocument } from '../support/openapi-document.ts';

const document: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'fixture', version: '1' },
  components: {
    schemas: {
      Problem: { type: 'object', required: ['type', 'status'], properties: { type: { type: 'string' }, status: { type: 'integer', minimum: 400 } } },
      Thing: { type: 'object', required: ['id', 'link'], properties: { id: { type: 'string' }, link: { type: 'string', format: 'uri' }, tags: { type: 'array', items: { type: 'string' } } } },
    },
  },
  paths: {
    '/things/{thingId}': {
      get: {
        responses: {
          200: { description: 'a thing', headers: { ETag: { schema: { type: 'string', pattern: '^"\\d+"$' } } }, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: { description: 'none', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        },
      },
      delete: { responses: { 204: { description: 'gone' } } },
    },
  },
};

const respond = (status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }) => ({
  status,
  headers: new Headers(headers),
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

t.test('a response that matches the document passes', async (t) => {
  const validator = createResponseValidator(document);
  const get = { method: 'GET', path: '/things/{thingId}' };
  t.same(validator.check(get, respond(200, { id: 'a', link: 'https://meridian.test/a' }, { 'content-type': 'application/json', etag: '"7"' })).mismatches, []);
  t.same(validator.check(get, respond(404, { type: '/problems/not-found', status: 404 }, { 'content-type': 'application/problem+json' })).mismatches, []);
  t.same(validator.check({ method: 'DELETE', path: '/things/{thingId}' }, respond(204, '', {})).mismatches, []);
  t.equal(validator.checked.length, 3, 'every check is counted');
});

t.test('each kind of disagreement is caught', async (t) => {
  const validator = createResponseValidator(document);
  const get = { method: 'GET', path: '/things/{thingId}' };
  const kinds = (result: ReturnType<typeof validator.check>) => result.mismatches.map((mismatch) => mismatch.kind);
  t.same(kinds(validator.check(get, respond(500, { type: 'x', status: 500 }))), ['status'], 'an undocumented status');
  t.same(kinds(validator.check(get, respond(200, { id: 'a' }))), ['body'], 'a required member missing (through a $ref)');
  t.same(kinds(validator.check(get, respond(200, { id: 'a', link: 'not a uri' }))), ['body'], 'a format (ajv-formats)');
  t.same(kinds(validator.check(get, respond(200, { id: 'a', link: 'https://x.test', tags: [1] }))), ['body'], 'a nested type');
  t.same(kinds(validator.check(get, respond(200, '{"id":', { 'content-type': 'application/json' }))), ['body'], 'a body that is not JSON');
  t.same(kinds(validator.check(get, respond(200, { id: 'a', link: 'https://x.test' }, { 'content-type': 'application/json', etag: 'W/"7"' }))), ['header'], 'a header off its schema');
  t.same(
    kinds(validator.check(get, respond(404, { type: '/problems/not-found', status: 200 }, { 'content-type': 'application/json' }))),
    ['media-type', 'body'],
    'another media type, and the body still held to the one schema given',
  );
  t.same(kinds(validator.check({ method: 'DELETE', path: '/things/{thingId}' }, respond(204, 'unexpected', {}))), ['body'], 'a body where none is described');
  t.same(kinds(validator.check({ method: 'PUT', path: '/things/{thingId}' }, respond(200, {}))), ['status'], 'an operation the document lacks');
});

t.test('a payload is checked against any schema of the document, e.g. a webhook', async (t) => {
  const validator = createResponseValidator(document);
  t.same(validator.checkAt(['components', 'schemas', 'Thing'], { id: 'a', link: 'https://x.test' }), []);
  t.ok(validator.checkAt(['components', 'schemas', 'Thing'], { id: 1 }).length > 0);
});
