// Both services' OpenAPI documents, built in-process, linted with Redocly's `recommended` ruleset
// (plus two rules DESIGN.md asks for) and checked for what the issue promises: /docs renders, every
// route has a summary and problem responses where it can fail, every response and parameter is
// described, with examples, and every problem type resolves at /problems/<code>.
import t from 'tap';
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { startApp } from '../../services/schedule/test/support/app.ts';
import { startSystem } from '../../services/notify/test/support/system.ts';
import { operationsOf, PROBLEM_REF, isJsonMediaType, mediaTypeOf, type MediaTypeObject, type OpenApiDocument, type OperationObject } from '../support/openapi-document.ts';

/**
 * The ruleset: Redocly's `recommended`, plus
 * - `operation-4xx-problem-details-rfc7807` as an error: DESIGN.md says every error is `application/problem+json`;
 * - `parameter-description` as a warning: the issue says every parameter is described.
 */
const loadRuleset = () =>
  createConfig({
    extends: ['recommended'],
    rules: { 'operation-4xx-problem-details-rfc7807': 'error', 'parameter-description': 'warn' },
  });

type FastifyInstance = Awaited<ReturnType<typeof startApp>>['app'];

/**
 * Every error fails, and so does every warning except these, which do not change what a client
 * or a reader can rely on. (`operation-operationId` is NOT tolerated: client generators name their
 * methods after it, and openapi-typescript's `operations` stays empty without it.)
 */
const TOLERATED_WARNINGS: Readonly<Record<string, { why: string; where?: RegExp }>> = {
  'no-unused-components': { why: 'shared schemas registered for both services need not all be used by each' },
  'operation-description': { why: 'the summary is required; a longer description is optional' },
  'operation-4xx-response': { why: 'health and readiness take no input and no token: they cannot fail with a 4xx', where: /^#\/paths\/~1(healthz|readyz)\// },
  'info-contact': { why: 'no contact is published for a self-hosted service' },
};

/** The route whose 404 once inlined a copy of the Problem schema: held to the shared one by name. */
const INLINED_PROBLEM_ROUTE = 'GET /problems/{code}';

const partition = <T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] => [items.filter(test), items.filter((item) => !test(item))];

const isTolerated = (problem: NormalizedProblem): boolean => {
  const tolerated = TOLERATED_WARNINGS[problem.ruleId];
  if (problem.severity !== 'warn' || tolerated === undefined) return false;
  return tolerated.where === undefined || problem.location.some((location) => tolerated.where!.test(location.pointer ?? ''));
};

const isProblemRef = (media: MediaTypeObject | undefined): boolean => media?.schema?.$ref === PROBLEM_REF;

/** A route answered as a page for a person (the links of e-mails): its errors are pages too. */
const isHtmlPage = (operation: OperationObject): boolean =>
  Object.entries(operation.responses).some(([status, response]) => status.startsWith('2') && Object.keys(response.content ?? {}).includes('text/html'));

const hasExample = (document: OpenApiDocument, media: MediaTypeObject): boolean => {
  if (media.example !== undefined || media.examples !== undefined) return true;
  const schema = media.schema ?? {};
  if (schema.examples !== undefined || schema.example !== undefined) return true;
  const ref = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : undefined;
  return ref !== undefined && document.components?.schemas?.[ref]?.examples !== undefined;
};

const checkDocument = (service: string, getApp: () => FastifyInstance, getDocument: () => OpenApiDocument) => {
  t.test(`${service}: /openapi.json passes the OpenAPI linter`, async (t) => {
    const document = getDocument();
    t.equal(document.openapi, '3.1.0', 'OpenAPI 3.1');
    const config = await loadRuleset();
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: `${service}-openapi.json`, config });
    const counts = new Map<string, number>();
    for (const problem of problems) counts.set(`${problem.severity} ${problem.ruleId}`, (counts.get(`${problem.severity} ${problem.ruleId}`) ?? 0) + 1);
    t.comment(`Redocly recommended on ${service}: ${[...counts].map(([rule, count]) => `${rule}: ${count}`).join(', ') || 'nothing'}`);
    for (const problem of problems.filter(isTolerated)) {
      t.comment(`tolerated warning ${problem.ruleId} (${TOLERATED_WARNINGS[problem.ruleId]!.why}): ${problem.message} at ${problem.location[0]?.pointer}`);
    }
    const failing = problems.filter((problem) => !isTolerated(problem));
    const byRule = new Map<string, NormalizedProblem[]>();
    for (const problem of failing) byRule.set(problem.ruleId, [...(byRule.get(problem.ruleId) ?? []), problem]);
    for (const [ruleId, found] of byRule) {
      const where = found.map((problem) => `${problem.severity}: ${problem.message} at ${problem.location[0]?.pointer ?? '?'}`);
      t.same(where, [], `${ruleId}: ${found.length} ${found[0]!.severity === 'error' ? 'errors' : 'warnings'}`);
    }
    t.equal(failing.length, 0, 'no error, and no warning but the tolerated ones');
  });

  t.test(`${service}: /docs renders the document`, async (t) => {
    let docs = await getApp().inject({ method: 'GET', url: '/docs' });
    if (docs.statusCode >= 300 && docs.statusCode < 400) docs = await getApp().inject({ method: 'GET', url: String(docs.headers.location) });
    t.equal(docs.statusCode, 200);
    t.match(docs.headers['content-type'], /^text\/html/);
    t.match(docs.body, /swagger-ui/i);
  });

  t.test(`${service}: every route has a summary and, where it can fail, problem responses`, async (t) => {
    const document = getDocument();
    const operations = operationsOf(document);
    t.ok(operations.length > 10, `${operations.length} operations`);
    t.same(operations.filter(({ operation }) => !operation.summary?.trim()).map(({ name }) => name), [], 'every operation has a summary');
    const webhooks = Object.entries(document.webhooks ?? {}).flatMap(([name, item]) => Object.values(item).map((operation) => ({ name, operation })));
    t.same(webhooks.filter(({ operation }) => !operation.summary?.trim()).map(({ name }) => name), [], 'every webhook has a summary');

    // Input (parameters, a body) can be invalid, a token can be wrong: such routes can fail with a 4xx.
    const canFail = operations.filter(({ operation }) => (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined || (operation.security ?? []).length > 0);
    const withoutProblem = canFail
      .filter(({ operation }) => !isHtmlPage(operation))
      .filter(({ operation }) => !Object.entries(operation.responses).some(([status, response]) => status.startsWith('4') && Object.values(response.content ?? {}).some(isProblemRef)));
    const [inlined, missing] = partition(withoutProblem.map(({ name }) => name), (name) => name === INLINED_PROBLEM_ROUTE);
    t.same(missing, [], `each of the ${canFail.length} routes that can fail has a 4xx response referencing the Problem schema (pages for people excepted)`);
    t.same(inlined, [], `${INLINED_PROBLEM_ROUTE} references the Problem schema`);
    const errorsNotProblems = operations.flatMap(({ name, operation }) =>
      isHtmlPage(operation)
        ? []
        : Object.entries(operation.responses)
            .filter(([status]) => /^[45]/.test(status))
            .filter(([, response]) => !Object.values(response.content ?? {}).every(isProblemRef) || Object.keys(response.content ?? {}).length === 0)
            .map(([status]) => `${name} ${status}`),
    );
    const [inlinedErrors, otherErrors] = partition(errorsNotProblems, (name) => name.startsWith(`${INLINED_PROBLEM_ROUTE} `));
    t.same(otherErrors, [], 'every 4xx and 5xx response of the API references the Problem schema');
    t.same(inlinedErrors, [], `so do those of ${INLINED_PROBLEM_ROUTE}`);
  });

  t.test(`${service}: every response is described, with examples`, async (t) => {
    const document = getDocument();
    const operations = [
      ...operationsOf(document),
      ...Object.entries(document.webhooks ?? {}).flatMap(([name, item]) => Object.values(item).map((operation) => ({ name: `webhook ${name}`, operation }))),
    ];
    const undescribed = operations.flatMap(({ name, operation }) =>
      Object.entries(operation.responses)
        .filter(([, response]) => !response.description?.trim() || response.description === 'Default Response')
        .map(([status]) => `${name} ${status}`),
    );
    t.comment(`${undescribed.length} responses without a real description`);
    t.same(undescribed, [], 'every response says when it happens');

    const withoutExample = operations.flatMap(({ name, operation }) => [
      ...Object.entries(operation.requestBody?.content ?? {})
        .filter(([type, media]) => isJsonMediaType(type) && !hasExample(document, media))
        .map(([type]) => `${name} request ${type}`),
      ...Object.entries(operation.responses)
        .filter(([status]) => status.startsWith('2'))
        .flatMap(([status, response]) =>
          Object.entries(response.content ?? {})
            .filter(([type, media]) => isJsonMediaType(mediaTypeOf(type) ?? '') && !hasExample(document, media))
            .map(([type]) => `${name} ${status} ${type}`),
        ),
    ]);
    t.comment(`${withoutExample.length} JSON bodies without an example`);
    t.same(withoutExample, [], 'every JSON request body, success response and webhook payload has an example');
  });

  t.test(`${service}: every problem type named in the document resolves at /problems/<code>`, async (t) => {
    const document = getDocument();
    const catalogue = new Map([...(document.info.description ?? '').matchAll(/^- `([a-z0-9-]+)` \((\d{3})\)/gm)].map((match) => [match[1]!, Number(match[2])]));
    t.ok(catalogue.size >= 30, `the catalogue lists ${catalogue.size} problem types`);
    const mentioned = new Set([...JSON.stringify(document).matchAll(/\/problems\/([a-z0-9-]+)/g)].map((match) => match[1]!));
    for (const code of new Set([...catalogue.keys(), ...mentioned])) {
      const described = await getApp().inject({ method: 'GET', url: `/problems/${code}` });
      t.equal(described.statusCode, 200, `/problems/${code}`);
      t.match(described.json(), { type: `/problems/${code}`, code, ...(catalogue.has(code) && { status: catalogue.get(code) }) });
    }
    const unknown = await getApp().inject({ method: 'GET', url: '/problems/no-such-problem' });
    t.equal(unknown.statusCode, 404, 'an unknown code is a 404');
  });
};

/** The linter is live: a document with a broken reference and an operation without a summary fails it. */
t.test('the linter rejects a broken document', async (t) => {
  const config = await loadRuleset();
  const broken = {
    openapi: '3.1.0',
    info: { title: 'broken', version: '1', license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: 'https://meridian.test' }],
    security: [],
    paths: { '/x': { get: { operationId: 'x', responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Missing' } } } } } } } },
  };
  const problems = await lintFromString({ source: JSON.stringify(broken), absoluteRef: 'broken.json', config });
  t.ok(problems.some((problem) => problem.ruleId === 'no-unresolved-refs' && problem.severity === 'error'), 'unresolved $ref');
  t.ok(problems.some((problem) => problem.ruleId === 'operation-summary' && problem.severity === 'error'), 'missing summary');
});

// The schedule app is built first: it must not see the types the notify app brings afterwards.
let schedule: { app: FastifyInstance; document: OpenApiDocument } | undefined;
let notify: { app: FastifyInstance; document: OpenApiDocument } | undefined;
t.before(async () => {
  const scheduleApp = (await startApp(t)).app;
  schedule = { app: scheduleApp, document: (await scheduleApp.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument };
  const notifyApp = (await startSystem(t)).notify;
  notify = { app: notifyApp, document: (await notifyApp.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument };
});
checkDocument('schedule', () => schedule!.app, () => schedule!.document);
checkDocument('notify', () => notify!.app, () => notify!.document);

/** Both services run in this one process: each must still serve its own problem types, and only those. */
t.test('each service serves its own problem types, though both run in one process', async (t) => {
  const notifyOnly = ['email-unavailable', 'webhook-target-refused', 'not-a-webhook', 'subscription-not-found'];
  for (const code of notifyOnly) {
    t.equal((await notify!.app.inject({ method: 'GET', url: `/problems/${code}` })).statusCode, 200, `notify: /problems/${code}`);
    t.equal((await schedule!.app.inject({ method: 'GET', url: `/problems/${code}` })).statusCode, 404, `schedule: no /problems/${code}`);
    t.notMatch(schedule!.document.info.description ?? '', `\`${code}\``, `the schedule document does not list ${code}`);
  }
  t.match(notify!.document.info.description ?? '', '`not-a-webhook` (409)', 'the notify document lists its own types');
  const refused = await notify!.app.inject({ method: 'POST', url: '/subscriptions/s1/ping' });
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8', 'problems are sent as application/problem+json');
});
