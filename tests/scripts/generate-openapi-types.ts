// Regenerates tests/e2e/generated/*.d.ts from the services' live OpenAPI documents, started exactly
// as tests/e2e/generated-client.test.ts starts them (which fails while these files are stale).
// Run: corepack pnpm --filter @meridian/tests generate:openapi-types
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fetchDocument, startLiveServices } from '../support/live-services.ts';
import { GENERATED_TYPES, generateTypes } from '../support/openapi-types.ts';

const teardowns: (() => unknown)[] = [];
try {
  const live = await startLiveServices({ teardown: (fn: () => unknown) => void teardowns.push(fn) });
  for (const [service, url] of [['schedule', live.scheduleUrl], ['notify', live.notifyUrl]] as const) {
    const file = GENERATED_TYPES[service];
    writeFileSync(file, await generateTypes(service, await fetchDocument(url)));
    console.log(`wrote ${relative(process.cwd(), file)}`);
  }
} finally {
  for (const teardown of teardowns.reverse()) await teardown();
}
