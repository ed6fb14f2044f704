import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { problemType, problemTypes } from './problem-types.ts';
import { HttpErrors } from './errors.ts';
import { ProblemSchema } from './schemas.ts';

export interface OpenApiOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly publicUrl: string;
  readonly tags: readonly { name: string; description: string }[];
  /** OpenAPI 3.1 `webhooks` (notify describes its payloads there) */
  readonly webhooks?: Record<string, unknown>;
}

/**
 * The OpenAPI 3.1 document at `/openapi.json`, generated from the route schemas that also
 * validate requests, rendered at `/docs`; and `/problems/<code>`, where every problem `type`
 * resolves to its description.
 */
export const openApiPlugin = fp(
  async (app: FastifyInstance, options: OpenApiOptions) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: options.title,
          description: `${options.description}\n\n## Problem types\n\nEvery error is \`application/problem+json\` (RFC 9457) whose \`type\` is \`/problems/<code>\`:\n\n${problemTypes()
            .map((type) => `- \`${type.code}\` (${type.status}) — ${type.description}`)
            .join('\n')}`,
          version: options.version,
          license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
        },
        servers: [{ url: options.publicUrl }],
        tags: options.tags.map((tag) => ({ ...tag })),
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An organiser token from MERIDIAN_API_TOKENS' } },
        },
        ...(options.webhooks && { webhooks: options.webhooks }),
      },
      refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => String(json.$id ?? `def-${index}`) },
    });
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

    app.withTypeProvider<TypeBoxTypeProvider>().get(
      '/problems/:code',
      {
        schema: {
          tags: ['meta'],
          summary: 'Describe a problem type',
          description: 'Where the `type` of every problem document resolves.',
          params: Type.Object({ code: Type.String({ maxLength: 100 }) }),
          response: {
            200: Type.Object({ type: Type.String(), code: Type.String(), title: Type.String(), status: Type.Integer(), description: Type.String() }),
            404: ProblemSchema,
          },
        },
      },
      async (request) => {
        const type = problemType(request.params.code);
        if (type === undefined) throw new HttpErrors.NotFound(`no problem type ${request.params.code}`);
        return { type: `/problems/${type.code}`, ...type };
      },
    );
  },
  { name: 'meridian-openapi' },
);
