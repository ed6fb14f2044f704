import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { problemOf, setRetryAfter } from '@meridian/http';
import { refusalPage } from '@meridian/notices';
import { problem } from '../schemas.ts';

/**
 * Sends a page of this service: HTML, never cached, loading nothing, posting only back here, and
 * in no other site's frame (its button, under another page's decoy, would unsubscribe unseen).
 */
export const sendPage = (reply: FastifyReply, html: string): FastifyReply =>
  reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(html);

/**
 * Routes of `app` (a plugin's own context) are opened by people: a browser that cannot have what
 * it asked for gets a page saying why, with the problem's status, title and detail. Anything else
 * (a mail client's one-click POST, a script), and every server error, goes on to the service's
 * own handler: a problem document, and the server error logged.
 */
export const refuseBrowsersWithPages = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const refused = problemOf(error, request.id, app.problemTypes);
    if (refused.status >= 500 || !/\btext\/html\b/.test(request.headers.accept ?? '')) throw error;
    if (refused.status === 429) setRetryAfter(reply, error);
    return sendPage(reply.code(refused.status), refusalPage(refused.title, refused.detail));
  });
};

/** The schema of a refusal of such a route: a problem document, or for a browser an HTML page saying the same. */
export const pageRefusal = (description: string) => ({
  description: `${description} A browser (\`Accept: text/html\`) gets an HTML page saying so.`,
  content: { ...problem(description).content, 'text/html': { schema: Type.String() } },
});
