import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { HttpErrors } from './errors.ts';
import { problemResponse } from './schemas.ts';

export interface OpenApiOptions {
  readonly title: string;
  readonly description: string;
  readonly version: string;
  readonly publicUrl: string;
  readonly tags: readonly { name: string; description: string }[];
  /** what the `bearer` security scheme's tokens are */
  readonly bearer: string;
  /** OpenAPI 3.1 `webhooks` (notify describes its payloads there) */
  readonly webhooks?: Record<string, unknown>;
}

/**
 * The OpenAPI 3.1 document at `/openapi.json`, generated from the route schemas that also
 * validate requests, rendered at `/docs`; and `/problems/<code>`, where every problem `type` of
 * the service's catalogue (`app.problemTypes`, from the problem-details plugin) resolves to its
 * description.
 */
export const openApiPlugin = fp(
  async (app: FastifyInstance, options: OpenApiOptions) => {
    const catalogue = app.problemTypes;
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: options.title,
          description: `${options.description}\n\n## Problem types\n\nEvery error is \`application/problem+json\` (RFC 9457) whose \`type\` is \`/problems/<code>\`:\n\n${catalogue.types
            .map((type) => `- \`${type.code}\` (${type.status}) — ${type.description}`)
            .join('\n')}`,
          version: options.version,
          license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
        },
        servers: [{ url: options.publicUrl }],
        tags: options.tags.map((tag) => ({ ...tag })),
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: options.bearer } },
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
          operationId: 'getProblemType',
          security: [],
          params: Type.Object({
            code: Type.String({ maxLength: 100, description: 'the stable code a problem\'s `type` ends with', examples: ['nonexistent-local-time'] }),
          }),
          response: {
            200: Type.Object(
              { type: Type.String(), code: Type.String(), title: Type.String(), status: Type.Integer(), description: Type.String() },
              {
                description: 'The problem type: its status, title and what it means.',
                examples: [
                  {
                    type: '/problems/nonexistent-local-time',
                    code: 'nonexistent-local-time',
                    status: 422,
                    title: 'Nonexistent local time',
                    description: 'The clocks skip this wall time in the meeting zone (spring forward); `validAlternatives` names the nearest valid times.',
                  },
                ],
              },
            ),
            404: problemResponse('This service has no problem type with this code.'),
          },
        },
      },
      async (request) => {
        const type = catalogue.get(request.params.code);
        if (type === undefined) throw new HttpErrors.NotFound(`no problem type ${request.params.code}`);
        return { type: `/problems/${type.code}`, ...type };
      },
    );
  },
  { name: 'meridian-openapi', dependencies: ['meridian-problem-details'] },
);
