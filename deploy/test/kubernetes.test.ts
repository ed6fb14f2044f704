/**
 * deploy/k8s: every manifest validated against the Kubernetes API schemas (the model classes
 * of the npm package kubernetes-models), every kustomization's references resolved, and the
 * facts the services rely on (probes, replicas, budgets, selectors, settings and secrets).
 * Rendering is kustomize's job (`kubectl kustomize`, not on CI machines): this checks its inputs.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import t from 'tap';
import { ConfigError } from '../../packages/http/src/env.ts';
import { loadScheduleConfig } from '../../services/schedule/src/config.ts';
import { configVariables, deployPath, exists, readEnvFile, readText, readYaml, readYamlDocuments } from './support/files.ts';

interface Kustomization {
  apiVersion: string;
  kind: string;
  resources?: string[];
  configMapGenerator?: { name: string; behavior?: string; literals?: string[]; envs?: string[] }[];
  secretGenerator?: { name: string; envs?: string[]; literals?: string[] }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  namespace?: string;
}

/** The model class of each kind used here: constructing it and calling validate() checks the schema. */
const MODELS: Record<string, { validate(object: unknown): void }> = {
  'apps/v1/Deployment': { validate: (object) => new Deployment(object as never).validate() },
  'apps/v1/StatefulSet': { validate: (object) => new StatefulSet(object as never).validate() },
  'v1/Service': { validate: (object) => new Service(object as never).validate() },
  'networking.k8s.io/v1/Ingress': { validate: (object) => new Ingress(object as never).validate() },
  'policy/v1/PodDisruptionBudget': { validate: (object) => new PodDisruptionBudget(object as never).validate() },
};

const kustomizations = ['k8s', 'k8s/base', 'k8s/overlays/production'];
const base = readYaml<Kustomization>('k8s', 'base', 'kustomization.yaml');
const production = readYaml<Kustomization>('k8s', 'overlays', 'production', 'kustomization.yaml');

/** The resources of the base, parsed, by kind and name. */
const manifests = (base.resources ?? []).flatMap((file) => readYamlDocuments('k8s', 'base', file).map((object) => ({ file, object })));
const find = <T>(kind: string, name: string) =>
  manifests.find(({ object }) => (object as { kind: string }).kind === kind && (object as { metadata: { name: string } }).metadata.name === name)
    ?.object as T;

t.test('every kustomization references what exists', async (t) => {
  for (const dir of kustomizations) {
    const kustomization = readYaml<Kustomization>(dir, 'kustomization.yaml');
    t.equal(kustomization.apiVersion, 'kustomize.config.k8s.io/v1beta1', `${dir}: apiVersion`);
    t.equal(kustomization.kind, 'Kustomization');
    for (const resource of kustomization.resources ?? []) {
      const path = join(dir, resource);
      const isDir = exists(path) && statSync(deployPath(path)).isDirectory();
      t.ok(isDir ? exists(path, 'kustomization.yaml') : exists(path), `${dir}: resource ${resource} exists`);
    }
  }
  const inBase = new Set(readdirSync(deployPath('k8s', 'base')).filter((file) => file !== 'kustomization.yaml'));
  t.same(new Set(base.resources), inBase, 'every manifest of the base is listed, and only those');
  t.same(readYaml<Kustomization>('k8s', 'kustomization.yaml').resources, ['base'], '`kubectl kustomize deploy/k8s` renders the base');
  // kustomize refuses a base that contains its overlays: they are siblings.
  t.same(production.resources, ['../../base']);
});

t.test('every manifest is valid against the Kubernetes schemas', async (t) => {
  t.ok(manifests.length >= 7);
  for (const { file, object } of manifests) {
    const { apiVersion, kind } = object as { apiVersion: string; kind: string };
    const model = MODELS[`${apiVersion}/${kind}`];
    t.ok(model, `${file}: ${apiVersion} ${kind} is a kind this deployment means to use`);
    t.doesNotThrow(() => model?.validate(object), `${file}: valid ${kind}`);
  }
  // The validator does catch mistakes: a string where the schema wants an integer.
  const broken = structuredClone(find<Record<string, { replicas: unknown }>>('Deployment', 'schedule'));
  broken.spec!.replicas = 'two';
  t.throws(() => MODELS['apps/v1/Deployment']!.validate(broken), /replicas must be integer/);
});

interface Container {
  name: string;
  image: string;
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  startupProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean };
  volumeMounts: { name: string; mountPath: string }[];
}
interface ClaimTemplate {
  metadata: { name: string };
  spec: { accessModes: string[]; resources: { requests: { storage: string } }; storageClassName?: string };
}
/** A Deployment or a StatefulSet: the parts both have, and the StatefulSet's own. */
interface WorkloadShape {
  kind: 'Deployment' | 'StatefulSet';
  metadata: { name: string };
  spec: {
    replicas: number;
    selector: { matchLabels: Record<string, string> };
    strategy?: { type: string; rollingUpdate?: { maxUnavailable: number; maxSurge: number } };
    serviceName?: string;
    podManagementPolicy?: string;
    updateStrategy?: { type: string };
    persistentVolumeClaimRetentionPolicy?: { whenDeleted: string; whenScaled: string };
    volumeClaimTemplates?: ClaimTemplate[];
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        containers: Container[];
        securityContext: { runAsNonRoot: boolean; fsGroup?: number };
        volumes: { name: string }[];
        automountServiceAccountToken: boolean;
        terminationGracePeriodSeconds?: number;
      };
    };
  };
}
interface BudgetShape {
  spec: { minAvailable?: number; maxUnavailable?: number; unhealthyPodEvictionPolicy?: string; selector: { matchLabels: Record<string, string> } };
}

/**
 * schedule is stateless (in-memory read models rebuilt from the store): a Deployment of 2.
 * notify keeps its state in a SQLite file of its own: a StatefulSet of exactly 1 (deploy/README.md).
 */
const services = [
  ['schedule', 3000, 'Deployment', 2],
  ['notify', 3001, 'StatefulSet', 1],
] as const;
const workload = (name: string) => {
  const [, , kind] = services.find(([service]) => service === name)!;
  return find<WorkloadShape>(kind, name);
};

t.test('each service: its replicas, probes on /healthz and /readyz, requests and limits, not root', async (t) => {
  for (const [name, port, kind, replicas] of services) {
    const deployment = workload(name);
    t.ok(deployment, `${name}: a ${kind}`);
    t.equal(deployment.spec.replicas, replicas, `${name}: ${replicas} replica(s)`);
    const pod = deployment.spec.template;
    t.match(pod.metadata.labels, deployment.spec.selector.matchLabels, `${name}: the selector matches the pods`);
    const [container] = pod.spec.containers;
    t.equal(container?.image, `meridian/${name}`);
    t.same(container?.ports, [{ name: 'http', containerPort: port, protocol: 'TCP' }]);
    t.equal(container?.env.find((variable) => variable.name === 'PORT')?.value, String(port));
    t.equal(container?.env.find((variable) => variable.name === 'HOST')?.value, '0.0.0.0');
    t.same(container?.livenessProbe.httpGet, { path: '/healthz', port: 'http' }, `${name}: liveness`);
    t.same(container?.startupProbe.httpGet, { path: '/healthz', port: 'http' }, `${name}: start-up`);
    t.same(container?.readinessProbe.httpGet, { path: '/readyz', port: 'http' }, `${name}: readiness`);
    for (const resource of ['cpu', 'memory']) {
      t.ok(container?.resources.requests[resource], `${name}: requests ${resource}`);
      t.ok(container?.resources.limits[resource], `${name}: limits ${resource}`);
    }
    t.equal(pod.spec.securityContext.runAsNonRoot, true);
    t.equal(pod.spec.automountServiceAccountToken, false, `${name}: no API token it does not use`);
    t.same(container?.securityContext, { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    t.ok(container?.volumeMounts.some((mount) => mount.mountPath === '/tmp'), `${name}: a writable /tmp for tsx`);
    const volumes = new Set([...pod.spec.volumes, ...(deployment.spec.volumeClaimTemplates ?? []).map((claim) => claim.metadata)].map((volume) => volume.name));
    t.ok(container?.volumeMounts.every((mount) => volumes.has(mount.name)), `${name}: every mount has its volume`);
  }
});

t.test('schedule: a Deployment of 2 that rolls with no pod down', async (t) => {
  const schedule = find<WorkloadShape>('Deployment', 'schedule');
  t.equal(schedule.spec.replicas, 2);
  t.same(schedule.spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });
  t.notOk(schedule.spec.template.spec.containers[0]!.volumeMounts.some((mount) => mount.mountPath === '/data'), 'stateless: no data volume');
});

t.test('notify: exactly one pod, a StatefulSet with its SQLite file on a claim of its own', async (t) => {
  // Never two pods writing the file at once, in a rollout or otherwise: a StatefulSet recreates
  // notify-0 only once the old notify-0 is gone. (A Deployment, even with Recreate, starts a
  // replacement as soon as a pod is being deleted.)
  const notifyWorkloads = manifests.filter(({ object }) =>
    ((object as WorkloadShape).spec?.template?.spec?.containers ?? []).some((container) => container.image === 'meridian/notify'),
  );
  t.same(notifyWorkloads.map(({ object }) => (object as WorkloadShape).kind), ['StatefulSet'], 'one workload runs the notify image');
  t.notOk(find('Deployment', 'notify'), 'no notify Deployment');
  const notify = find<WorkloadShape>('StatefulSet', 'notify');
  t.equal(notify.spec.replicas, 1, 'replicas: 1');
  t.equal(notify.spec.updateStrategy?.type, 'RollingUpdate', 'updates delete notify-0, wait for it, then start the new one');
  t.equal(notify.spec.podManagementPolicy, 'OrderedReady');
  t.ok(find('Service', notify.spec.serviceName!), 'serviceName names a Service that exists');
  t.same(notify.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' }, 'personal data is never deleted with the workload');
  const claims = notify.spec.volumeClaimTemplates ?? [];
  t.same(claims.map((claim) => claim.metadata.name), ['data'], 'one claim template: data (the claim data-notify-0)');
  const [claim] = claims;
  t.same(claim?.spec.accessModes, ['ReadWriteOnce'], 'a volume one node mounts');
  t.match(claim?.spec.resources.requests.storage, /^\d+(Mi|Gi)$/);
  const container = notify.spec.template.spec.containers[0]!;
  t.same(
    container.volumeMounts.find((mount) => mount.name === 'data'),
    { name: 'data', mountPath: '/data' },
    'the claim is mounted at /data',
  );
  t.notOk(notify.spec.template.spec.volumes.some((volume) => volume.name === 'data'), 'data comes from the claim, not a pod volume');
  const file = container.env.find((variable) => variable.name === 'MERIDIAN_NOTIFY_DB');
  t.same(file, { name: 'MERIDIAN_NOTIFY_DB', value: '/data/notify.db' }, 'MERIDIAN_NOTIFY_DB is a file on the claim');
  t.equal(notify.spec.template.spec.securityContext.fsGroup, 1000, 'the volume is writable by the node user');
  t.ok((notify.spec.template.spec.terminationGracePeriodSeconds ?? 30) >= 30, 'time to finish deliveries and close the file');
});

t.test('notify links to the right origins', async (t) => {
  const env = find<WorkloadShape>('StatefulSet', 'notify').spec.template.spec.containers[0]!.env;
  const key = (name: string) => env.find((variable) => variable.name === name)?.valueFrom?.configMapKeyRef?.key;
  t.equal(key('MERIDIAN_PUBLIC_URL'), 'MERIDIAN_NOTIFY_URL', "notify's own origin: confirmation and unsubscribe links");
  t.equal(key('MERIDIAN_SCHEDULE_URL'), 'MERIDIAN_PUBLIC_URL', "the schedule service's origin: agenda links");
  t.equal(key('MAIL_FROM'), 'MAIL_FROM', 'a sender the relay accepts');
  t.equal(key('MERIDIAN_ORGANIZER_EMAIL'), 'MERIDIAN_ORGANIZER_EMAIL', 'the same ORGANIZER as the feeds');
});

t.test('Services, budgets and the Ingress select what exists', async (t) => {
  for (const [name] of services) {
    const deployment = workload(name);
    const labels = deployment.spec.template.metadata.labels;
    const service = find<{ spec: { selector: Record<string, string>; ports: { name: string; targetPort: string }[] } }>('Service', name);
    t.match(labels, service.spec.selector, `Service ${name} selects the pods`);
    t.ok(
      service.spec.ports.every((port) => deployment.spec.template.spec.containers[0]?.ports.some((container) => container.name === port.targetPort)),
      `Service ${name} targets a named container port`,
    );
    const budget = find<BudgetShape>('PodDisruptionBudget', name);
    t.match(labels, budget.spec.selector.matchLabels, `the budget of ${name} selects its pods`);
  }
  // schedule: one of two pods may go. notify: its only pod may be evicted, or a drain would
  // wait for ever (minAvailable: 1 of 1 allows no eviction); unhealthy, too.
  t.same(find<BudgetShape>('PodDisruptionBudget', 'schedule').spec.minAvailable, 1, 'schedule: minAvailable 1 of 2');
  const notifyBudget = find<BudgetShape>('PodDisruptionBudget', 'notify').spec;
  t.equal(notifyBudget.minAvailable, undefined, 'notify: no minAvailable');
  t.equal(notifyBudget.maxUnavailable, 1, 'notify: maxUnavailable 1');
  t.equal(notifyBudget.unhealthyPodEvictionPolicy, 'AlwaysAllow', 'notify: a pod that is not ready never blocks a drain');
  for (const [name, , , replicas] of services) {
    const spec = find<BudgetShape>('PodDisruptionBudget', name).spec;
    // What the disruption controller computes with every pod healthy.
    const desiredHealthy = spec.minAvailable ?? replicas - (spec.maxUnavailable ?? 0);
    t.ok(replicas - desiredHealthy >= 1, `${name}: a drain may evict one pod (${replicas} pods, ${desiredHealthy} must stay)`);
  }
  const ingress = find<{ spec: { rules: { host: string; http: { paths: { backend: { service: { name: string; port: { name: string } } } }[] } }[]; tls: unknown[] } }>(
    'Ingress',
    'meridian',
  );
  const backends = ingress.spec.rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service));
  t.same(backends.map((backend) => backend.name).sort(), ['notify', 'schedule']);
  for (const backend of backends) {
    const service = find<{ spec: { ports: { name: string }[] } }>('Service', backend.name);
    t.ok(service.spec.ports.some((port) => port.name === backend.port.name), `the Ingress reaches ${backend.name}:${backend.port.name}`);
  }
  t.equal(ingress.spec.tls.length, 1, 'TLS at the Ingress');
});

t.test('every setting a pod reads comes from the ConfigMap or the Secret, and exists there', async (t) => {
  const literals = (generator: Kustomization['configMapGenerator']) =>
    new Set((generator?.[0]?.literals ?? []).map((literal) => literal.slice(0, literal.indexOf('='))));
  const config = literals(base.configMapGenerator);
  t.same(literals(production.configMapGenerator), config, 'the overlay sets every key of the base ConfigMap');
  t.equal(production.configMapGenerator?.[0]?.behavior, 'merge');
  const secretFile = production.secretGenerator?.[0]?.envs?.[0];
  t.equal(secretFile, 'secrets.env', 'the Secret comes from a file that is never committed');
  t.match(readText('k8s', 'overlays', 'production', '.gitignore'), /^secrets\.env$/m, 'git ignores it');
  t.notOk(exists('k8s', 'overlays', 'production', 'secrets.env'), 'and it is not here');
  const secrets = readEnvFile('k8s', 'overlays', 'production', 'secrets.env.example');
  for (const value of secrets.values()) t.match(value, /REPLACE/, 'the example holds no real value');
  // A placeholder forgotten in secrets.env would be a publicly known organiser token or link secret.
  const refused = refusalsOf(() => loadScheduleConfig(Object.fromEntries(secrets), () => 'unused'));
  for (const variable of ['MERIDIAN_API_TOKENS', 'MERIDIAN_SECRET']) {
    t.ok(refused.some((problem) => problem.startsWith(`${variable}:`)), `the services refuse to start with the example's ${variable}`);
  }
  for (const [name] of services) {
    const env = workload(name).spec.template.spec.containers[0]!.env;
    const reads = configVariables(name);
    for (const variable of env) {
      t.ok(reads.has(variable.name), `${name}: ${variable.name} is read by services/${name}/src/config.ts`);
      const from = variable.valueFrom;
      if (from?.configMapKeyRef) {
        t.equal(from.configMapKeyRef.name, 'meridian-config');
        t.ok(config.has(from.configMapKeyRef.key), `${name}: ${from.configMapKeyRef.key} is in the ConfigMap`);
      } else if (from?.secretKeyRef) {
        t.equal(from.secretKeyRef.name, 'meridian-secrets');
        t.ok(secrets.has(from.secretKeyRef.key), `${name}: ${from.secretKeyRef.key} is in secrets.env.example`);
      } else {
        t.ok(['PORT', 'HOST', 'MERIDIAN_NOTIFY_DB'].includes(variable.name), `${name}: ${variable.name} is a plain value`);
      }
    }
  }
  const read = (name: string) => new Set(workload(name).spec.template.spec.containers[0]!.env.map((variable) => variable.name));
  t.ok(read('notify').has('SMTP_URL') && !read('schedule').has('SMTP_URL'), 'only notify gets the SMTP credentials');
  t.ok(read('notify').has('MERIDIAN_WEBHOOK_ALLOW_PRIVATE'));
  t.ok(read('schedule').has('MERIDIAN_NOTIFY_URL'));
  t.ok(read('notify').has('MERIDIAN_NOTIFY_DB') && !read('schedule').has('MERIDIAN_NOTIFY_DB'), 'only notify has a file of its own');
});

t.test('the overlay pins both images', async (t) => {
  const names = (production.images ?? []).map((image) => image.name).sort();
  t.same(names, ['meridian/notify', 'meridian/schedule']);
  t.ok((production.images ?? []).every((image) => image.newName && image.newTag), 'a registry and a tag each');
  t.equal(production.namespace, 'meridian');
  t.same(
    relative(deployPath('k8s', 'overlays', 'production'), deployPath('k8s', 'base')),
    join('..', '..', 'base'),
  );
});

/** What a configuration was refused for (none: it was accepted). */
function refusalsOf(load: () => unknown): readonly string[] {
  try {
    load();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
