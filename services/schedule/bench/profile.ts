import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/** A V8 CPU profile, as `node --cpu-prof` writes it and DevTools reads it. */
export interface CpuProfile {
  readonly nodes: readonly { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/**
 * Profiles this process while `work` runs (the inspector's profiler: the same samples as
 * `node --cpu-prof`, limited to the load window), and writes the `.cpuprofile` to `file`.
 */
export const profileWhile = async <T>(file: string, work: () => Promise<T>): Promise<{ result: T; profile: CpuProfile }> => {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    const result = await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    return { result, profile };
  } finally {
    session.disconnect();
  }
};

// The first delta runs from Profiler.enable to the first sample: it belongs to no function.
const sampleTime = (profile: CpuProfile, index: number): number => (index === 0 ? 0 : (profile.timeDeltas[index] ?? 0));

const where = (url: string): string => {
  if (url === '') return '(native)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pnpm) return pnpm[1]!;
  const own = /\/(packages|services)\/([^/]+)\/(src|bench)\//.exec(url);
  if (own) return `${own[1]}/${own[2]}${own[3] === 'bench' ? '/bench' : ''}`;
  if (url.startsWith('node:')) return 'node:internal';
  return url;
};

/** Share of the sampled time, by function (self time) and by package (self time). */
export const summariseProfile = (profile: CpuProfile, top = 15) => {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = sampleTime(profile, index);
    self.set(id, (self.get(id) ?? 0) + delta);
    total += delta;
  });
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, time] of self) {
    const { callFrame } = byId.get(id)!;
    const name = `${callFrame.functionName || '(anonymous)'} ${where(callFrame.url)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
    const pkg = callFrame.url === '' ? callFrame.functionName || '(native)' : where(callFrame.url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + time);
  }
  const share = (entries: Map<string, number>) =>
    [...entries].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, time]) => ({ name, percent: (100 * time) / total }));
  return { totalMs: total / 1000, functions: share(byFunction), packages: share(byPackage) };
};

/**
 * Inclusive share of the sampled time spent under frames that match each label: a function name,
 * a name prefix (`validate*`: Ajv's generated validators), or a piece of a file path
 * (`meeting/decide.ts`, `temporal-polyfill`; tsx-compiled async functions often lose their names
 * once resumed, their file stays). A sample counts once per label, however deep the recursion.
 */
export const inclusiveShares = (profile: CpuProfile, labels: readonly string[]): Record<string, number> => {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const matches = (label: string, frame: CpuProfile['nodes'][number]['callFrame']) =>
    label.endsWith('*')
      ? frame.functionName.startsWith(label.slice(0, -1))
      : /[./-]/.test(label)
        ? frame.url.includes(label)
        : frame.functionName === label;
  const time = new Map<string, number>(labels.map((label) => [label, 0]));
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = sampleTime(profile, index);
    total += delta;
    const frames: CpuProfile['nodes'][number]['callFrame'][] = [];
    for (let node: number | undefined = id; node !== undefined; node = parent.get(node)) frames.push(byId.get(node)!.callFrame);
    for (const label of labels) if (frames.some((frame) => matches(label, frame))) time.set(label, time.get(label)! + delta);
  });
  return Object.fromEntries([...time].map(([label, spent]) => [label, (100 * spent) / total]));
};
