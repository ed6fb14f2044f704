import t from 'tap';
import { AllowedMethods } from '../src/allowed-methods.ts';

t.test('the methods of a path, as the router matches it', async (t) => {
  const allowed = new AllowedMethods();
  allowed.add('GET', '/meetings/:meetingId');
  allowed.add(['PATCH', 'GET'], '/meetings/:meetingId');
  allowed.add('HEAD', '/meetings/:meetingId');
  allowed.add('POST', '/meetings/:meetingId/releases');
  t.same(allowed.of('/meetings/m-1'), ['GET', 'HEAD', 'PATCH'], 'a parameter matches any id; a route added twice counts once');
  t.same(allowed.of('/meetings/m-1/'), ['GET', 'HEAD', 'PATCH'], 'a trailing slash is ignored, as Fastify is told to');
  t.same(allowed.of('/meetings/m-1/releases'), ['POST']);
  t.same(allowed.of('/meetings/m-1/sessions'), [], 'no route has this path');
});

t.test('a route on every path is allowed only where some other route is', async (t) => {
  const allowed = new AllowedMethods();
  allowed.add('OPTIONS', '*');
  allowed.add('POST', '/subscriptions');
  t.same(allowed.of('/subscriptions'), ['OPTIONS', 'POST']);
  t.same(allowed.of('/nowhere'), [], 'the CORS preflight route does not make every path exist');
});
