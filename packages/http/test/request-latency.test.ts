import t from 'tap';
import { Histogram, Registry } from 'prom-client';
import { RequestLatencyHistogram } from '../src/request-latency.ts';

const buckets = [0.001, 0.0025, 0.01, 1];
const help = 'Time "from" routing \\ to\nsending';
// Bounds themselves, values between and beyond them, a route whose label needs escaping.
const observations: readonly (readonly [method: string, route: string, status: number, seconds: number])[] = [
  ['GET', '/meetings/:meetingId/calendar.ics', 304, 0.0004],
  ['GET', '/meetings/:meetingId/calendar.ics', 200, 0.001],
  ['POST', '/meetings', 201, 0.02],
  ['GET', '/meetings/:meetingId/calendar.ics', 304, 0.0025],
  ['GET', 'odd "route" \\ with\na line feed', 404, 3],
  ['GET', '/meetings/:meetingId/calendar.ics', 304, 0.0026],
  ['POST', '/meetings', 201, 1],
  ['HEAD', '/meetings/:meetingId/calendar.ics', 304, 0],
];

/** What prom-client itself writes for the same observations: the histogram must read the same. */
const promClientText = async (constantLabels: Record<string, string>) => {
  const registry = new Registry();
  registry.setDefaultLabels(constantLabels);
  const histogram = new Histogram({ name: 'http_request_duration_seconds', help, labelNames: ['method', 'route', 'status_code'], buckets, registers: [registry] });
  for (const [method, route, status, seconds] of observations) histogram.observe({ method, route, status_code: String(status) }, seconds);
  return registry.metrics();
};

const ownText = (constantLabels: Record<string, string>) => {
  const histogram = new RequestLatencyHistogram({ name: 'http_request_duration_seconds', help, buckets, constantLabels });
  for (const [method, route, status, seconds] of observations) histogram.observe(method, route, status, seconds);
  return histogram.exposition();
};

t.test('writes, byte for byte, the text prom-client writes for the same observations', async (t) => {
  t.equal(ownText({ service: 'schedule' }), await promClientText({ service: 'schedule' }));
  t.equal(ownText({}), await promClientText({}), 'also without constant labels');
});

t.test('counts each observation in the first bucket whose bound holds it, cumulatively', async (t) => {
  const histogram = new RequestLatencyHistogram({ name: 'latency', help: 'h', buckets: [0.1, 1], constantLabels: {} });
  for (const seconds of [0.05, 0.1, 0.5, 2]) histogram.observe('GET', '/x', 200, seconds);
  t.same(histogram.exposition().split('\n').filter((line) => line.startsWith('latency_')), [
    'latency_bucket{le="0.1",method="GET",route="/x",status_code="200"} 2',
    'latency_bucket{le="1",method="GET",route="/x",status_code="200"} 3',
    'latency_bucket{le="+Inf",method="GET",route="/x",status_code="200"} 4',
    'latency_sum{method="GET",route="/x",status_code="200"} 2.65',
    'latency_count{method="GET",route="/x",status_code="200"} 4',
  ]);
});

t.test('an unobserved histogram writes only its help and type', async (t) => {
  const histogram = new RequestLatencyHistogram({ name: 'latency', help: 'h', buckets: [1], constantLabels: {} });
  t.equal(histogram.exposition(), '# HELP latency h\n# TYPE latency histogram\n');
});
