import { LABELS } from '../../lib/labels';
import { prepareEnvironments } from '../../lib/config';
import { isLabelKey, isLabelValue } from '../../lib/config/names';
import { ENVIRONMENTS } from '../../stacks/environments';
import { allManifests, allObjects } from './../support/render';
import { objectKey } from '../../lib/deploy/plan';
import { Quantity } from '../../lib/config/quantity';

const REQUIRED_LABELS = ['app.kubernetes.io/name', 'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by', 'app.kubernetes.io/component', LABELS.environment];
/** Namespaces and Kubernetes' own names are DNS-1123 labels (63); most other names are subdomains (253). */
const NAME_LIMITS: Record<string, number> = { Namespace: 63, Service: 63 };

describe.each(ENVIRONMENTS.map((e) => e.name))('invariants of every object in %s', (env) => {
  const objects = allObjects().filter((o) => o.environment === env);

  test('renders objects', () => {
    expect(objects.length).toBeGreaterThan(0);
  });

  test('kind/namespace/name is unique', () => {
    const ids = objects.map((o) => objectKey(o.object));
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  test('names fit the length their kind allows, with no hash suffixes', () => {
    for (const { object } of objects) {
      const limit = NAME_LIMITS[object.kind] ?? 253;
      expect({ id: objectKey(object), ok: object.metadata.name.length <= limit }).toEqual({ id: objectKey(object), ok: true });
      expect(object.metadata.name).not.toMatch(/-c8[0-9a-f]{8}$/);
    }
  });

  test('required labels are present, keys and values valid', () => {
    for (const { object } of objects) {
      const labels: Record<string, string> = object.metadata.labels ?? {};
      const missing = REQUIRED_LABELS.filter((key) => !labels[key]);
      expect({ id: objectKey(object), missing }).toEqual({ id: objectKey(object), missing: [] });
      for (const [key, value] of Object.entries(labels)) {
        expect({ id: objectKey(object), key, value, valid: isLabelKey(key) && isLabelValue(value) }).toEqual({ id: objectKey(object), key, value, valid: true });
      }
    }
  });

  test('namespaced objects come after their Namespace in apply order, or live in a declared prerequisite namespace', () => {
    const resolved = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === env)!;
    // Prometheus and Grafana run in namespaces the platform does not own; the environment names them.
    const external = new Set([resolved.observability.prometheusNamespace, resolved.observability.grafana.namespace]);
    const order = new Map<string, number>();
    // Objects are listed in file order, then document order: the order `kubectl apply -f dist/<env>/` uses.
    objects.forEach(({ object }, index) => {
      if (object.kind === 'Namespace') order.set(object.metadata.name, index);
    });
    objects.forEach(({ object }, index) => {
      const ns = object.metadata.namespace;
      if (ns === undefined || external.has(ns)) return;
      const created = order.get(ns);
      expect({ id: objectKey(object), namespaceRenderedBefore: created !== undefined && created < index })
        .toEqual({ id: objectKey(object), namespaceRenderedBefore: true });
    });
  });
});

describe('Volcano Queues are declared in full', () => {
  const envs = prepareEnvironments(ENVIRONMENTS);
  const queues = allObjects().filter((o) => o.object.kind === 'Queue');

  test('every environment renders its queues', () => {
    for (const env of envs) {
      expect(queues.filter((q) => q.environment === env.name).map((q) => q.object.metadata.name)).toEqual(env.queues.map((q) => q.name));
    }
  });

  test.each(queues.map((q) => [`${q.environment}/${q.object.metadata.name}`, q] as const))('%s has every field Volcano would default', (_id, { environment, object }) => {
    const env = envs.find((e) => e.name === environment)!;
    const spec = object.spec;
    expect(typeof spec.weight).toBe('number');
    expect(typeof spec.reclaimable).toBe('boolean');
    expect(typeof spec.priority).toBe('number');
    expect(typeof spec.parent).toBe('string');
    expect(spec.dequeueStrategy).toBe('traverse');
    // A resource missing from a capability is unlimited to Volcano: every cluster resource is written.
    expect(Object.keys(spec.capability ?? {}).sort()).toEqual(Object.keys(env.capacity).sort());
    if (env.sharingPolicy === 'capacity') expect(Object.keys(spec.deserved ?? {}).length).toBeGreaterThan(0);
    // Volcano's webhook requires deserved >= guarantee for every guaranteed resource, under either policy.
    for (const resource of Object.keys(spec.guarantee?.resource ?? {})) {
      expect(spec.deserved?.[resource]).toBeDefined();
    }
  });

  test('a disabled queue is rendered closed: 1m cpu, 1 byte of memory, 0 of the rest, no guarantee, left out of tenants', () => {
    const disabled = queues.filter((q) => q.object.metadata.annotations?.['volcano-platform.io/enabled'] === 'false');
    expect(disabled.length).toBeGreaterThan(0);
    for (const { environment, object } of disabled) {
      const env = envs.find((e) => e.name === environment)!;
      // Not zero: proportion.go and capacity.go read a cpu or memory capability of 0 as unlimited. These are
      // the smallest amounts Volcano keeps (MilliValue for cpu, Value for memory); others are read as written.
      const closed = Object.fromEntries(Object.keys(env.capacity).sort().map((r) => [r, r === 'cpu' ? '1m' : r === 'memory' ? '1' : '0']));
      expect({ queue: object.metadata.name, capability: object.spec.capability }).toEqual({ queue: object.metadata.name, capability: closed });
      expect(Object.values(object.spec.deserved ?? {}).every((v) => v === '0')).toBe(true);
      expect(object.spec.guarantee).toBeUndefined();
      const namespaces = allObjects().filter((o) => o.environment === environment && o.object.kind === 'Namespace');
      for (const ns of namespaces) {
        expect((ns.object.metadata.annotations?.['volcano-platform.io/allowed-queues'] ?? '').split(',')).not.toContain(object.metadata.name);
      }
    }
  });

  // The rules of Volcano v1.15.1's /queues/validate (pkg/webhooks/admission/queues/validate/validate_queue.go,
  // validateResourceQuantityOfQueue and validateChildAgainstAncestor), so that no Queue is refused on apply.
  test.each(queues.map((q) => [`${q.environment}/${q.object.metadata.name}`, q] as const))('Volcano\'s queue webhook accepts %s', (_id, { environment, object }) => {
    const parse = (list: Record<string, string> | undefined) => new Map(Object.entries(list ?? {}).map(([r, v]) => [r, Quantity.parse(v)] as const));
    const capability = parse(object.spec.capability);
    const deserved = parse(object.spec.deserved);
    const guarantee = parse(object.spec.guarantee?.resource);
    const problems: string[] = [];
    for (const [field, list] of [['capability', capability], ['deserved', deserved], ['guarantee', guarantee]] as const) {
      for (const [r, q] of list) {
        if (q.isNegative()) problems.push(`${field}[${r}] is negative`);
        // Extended resources (a domain-prefixed name) must be whole numbers (ValidateResourceQuantityValue).
        if (r.includes('/') && !q.isWhole()) problems.push(`${field}[${r}] ${q} is not a whole number`);
      }
    }
    for (const [r, g] of guarantee) {
      const d = deserved.get(r);
      if (d === undefined || d.compare(g) < 0) problems.push(`deserved[${r}] must be >= guarantee[${r}]`);
    }
    for (const [r, d] of deserved) {
      const c = capability.get(r);
      if (c !== undefined && d.compare(c) > 0) problems.push(`deserved[${r}] must be <= capability[${r}]`);
    }
    // A child's capability is at most its nearest ancestor's that sets the resource above zero.
    const byName = new Map(queues.filter((q) => q.environment === environment).map((q) => [q.object.metadata.name, q.object] as const));
    for (const [r, c] of capability) {
      for (let parent = byName.get(object.spec.parent); parent; parent = byName.get(parent.spec.parent)) {
        const limit = parse(parent.spec.capability).get(r);
        if (limit === undefined || !(limit.compare(Quantity.ZERO) > 0)) continue;
        if (c.compare(limit) > 0) problems.push(`capability[${r}] exceeds ${parent.metadata.name}'s`);
        break;
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Written out: data-science lists the disabled `analytics` queue, which must not be allowed. */
const EXPECTED_ALLOWED_QUEUES: Record<string, Record<string, string>> = {
  dev: { 'agent-runtime': 'interactive,batch', 'marketing-campaigns': 'batch', 'data-science': 'batch', workflows: 'batch' },
  prod: { 'agent-runtime': 'interactive,batch', 'marketing-campaigns': 'batch', 'data-science': 'batch', workflows: 'batch' },
  'gpu-lab': { 'lab-vision': 'lab-vision', 'lab-nlp': 'lab-nlp', 'lab-robotics': 'lab-robotics', teaching: 'teaching' },
};

describe('tenant namespaces', () => {
  test('carry their allowed queues and Pod Security labels', () => {
    const envs = prepareEnvironments(ENVIRONMENTS);
    for (const env of envs) {
      for (const tenant of env.tenants) {
        const ns = allObjects().find((o) => o.environment === env.name && o.object.kind === 'Namespace' && o.object.metadata.name === tenant.name);
        expect(ns).toBeDefined();
        expect(ns!.object.metadata.annotations?.['volcano-platform.io/allowed-queues']).toBe(EXPECTED_ALLOWED_QUEUES[env.name][tenant.name]);
        expect(ns!.object.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe(tenant.podSecurity);
        const kinds = allObjects().filter((o) => o.environment === env.name && o.object.metadata.namespace === tenant.name).map((o) => o.object.kind);
        expect(kinds).toEqual(expect.arrayContaining(['ResourceQuota', 'LimitRange']));
      }
    }
  });

  test('manifests are split into files in apply order', () => {
    for (const env of ENVIRONMENTS) {
      const files = allManifests().filter((m) => m.environment === env.name).map((m) => m.fileName);
      expect(files).toEqual([...files].sort());
    }
  });
});
