import t from 'tap';
import { connect } from 'node:net';
import { startApp, createReferenceMeeting } from './support/app.ts';

/**
 * Writes raw HTTP/1.1 requests on one socket, the last with `Connection: close`, and resolves with
 * every byte answered: a 304 that announced a body it never sends would show up here, where a
 * lenient client would hang (or read the next answer's first bytes as that body).
 */
const pipelined = (port: number, requests: readonly { path: string; headers?: Record<string, string> }[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('the server kept the connection waiting')));
    socket.write(
      requests
        .map(({ path, headers = {} }, index) => {
          const connection = index === requests.length - 1 ? 'close' : 'keep-alive';
          const lines = Object.entries({ host: 'meridian.test', connection, ...headers }).map(([name, value]) => `${name}: ${value}\r\n`);
          return `GET ${path} HTTP/1.1\r\n${lines.join('')}\r\n`;
        })
        .join(''),
    );
  });

const head = (answer: string): string => answer.slice(0, answer.indexOf('\r\n\r\n') + 4);

for (const [route, path] of [
  ['the meeting feed', (meetingId: string) => `/meetings/${meetingId}/calendar.ics`],
  ['the agenda', (meetingId: string) => `/meetings/${meetingId}/agenda?tz=Asia/Tokyo&locale=fr`],
] as const) {
  t.test(`a 304 of ${route} has no body and announces none`, async (t) => {
    const test = await startApp(t);
    const url = path(await createReferenceMeeting(test));
    const { etag } = (await test.app.inject({ url })).headers;
    const notModified = await test.app.inject({ url, headers: { 'if-none-match': etag as string } });
    t.equal(notModified.statusCode, 304);
    t.equal(notModified.rawPayload.length, 0, 'no body');
    t.notOk(notModified.headers['content-length'], 'no Content-Length (a 304 describes the 200 it stands for, or nothing)');
    t.notOk(notModified.headers['content-type'], 'no Content-Type of a body that is not there');
    t.equal(notModified.headers.etag, etag, 'the ETag it validated');
  });

  t.test(`a keep-alive connection carries on after a 304 of ${route}`, async (t) => {
    const test = await startApp(t);
    const url = path(await createReferenceMeeting(test));
    const { etag } = (await test.app.inject({ url })).headers;
    const port = Number(new URL(await test.app.listen({ host: '127.0.0.1', port: 0 })).port);
    const answer = await pipelined(port, [{ path: url, headers: { 'if-none-match': etag as string } }, { path: url }]);
    const first = head(answer);
    t.match(first, /^HTTP\/1\.1 304 /);
    t.notMatch(first, /\r\ncontent-length: *[1-9]/i, 'no Content-Length of a body');
    t.match(answer.slice(first.length), /^HTTP\/1\.1 200 /, 'the next answer follows the 304 head at once: no body bytes between');
  });
}
