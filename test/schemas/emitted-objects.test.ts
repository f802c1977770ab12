import { parseAllDocuments } from 'yaml';
import { KubeObject } from '../../lib/synth/render';
import { builtInOutputFiles } from '../support/render';
import { isBuiltInApiVersion, schemaValidator, validateCoreObject } from '../support/schemas';

/**
 * Every object synthesis writes (dist/, examples/, any YAML file of any folder it owns) validates against
 * its schema: built-in kinds against the Kubernetes schema of `kubernetes-models`, every custom resource
 * against the committed schema of its pinned upstream CRD in schemas/. A custom resource kind without a
 * schema fails here by name, so a newly emitted kind cannot go unchecked.
 */
const emitted = builtInOutputFiles()
  .filter((file) => /\.ya?ml$/.test(file.path))
  .flatMap((file) => parseAllDocuments(file.content).map((doc, index) => ({ file: file.path, index, object: doc.toJSON() as KubeObject | null })))
  .filter((entry): entry is { file: string; index: number; object: KubeObject } =>
    typeof entry.object?.apiVersion === 'string' && typeof entry.object?.kind === 'string')
  // kustomize's own build files (flux/stages/*/kustomization.yaml) are read by kustomize, never sent to an API server.
  .filter((entry) => !entry.object.apiVersion.startsWith('kustomize.config.k8s.io/'));

const label = ({ file, object }: { file: string; object: KubeObject }) =>
  `${file} ${object.apiVersion} ${object.kind}/${object.metadata?.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata?.name}`;
const builtIn = emitted.filter((e) => isBuiltInApiVersion(e.object.apiVersion));
const custom = emitted.filter((e) => !isBuiltInApiVersion(e.object.apiVersion));

test('synthesis writes both built-in objects and custom resources, from dist/, flux/ and examples/', () => {
  expect([...new Set(emitted.map((e) => e.file.split('/')[0]))]).toEqual(expect.arrayContaining(['dist', 'flux', 'examples']));
  expect(custom.map((e) => e.object.kind)).toEqual(expect.arrayContaining([
    'Queue', 'HelmRelease', 'HelmRepository', 'ServiceMonitor', 'PrometheusRule', 'Job', 'PodGroup', 'Kustomization', 'Workflow', 'WorkflowTemplate',
  ]));
  expect(builtIn.map((e) => e.object.kind)).toEqual(expect.arrayContaining(['Namespace', 'ResourceQuota', 'ValidatingAdmissionPolicy', 'Pod']));
});

test('every emitted custom resource kind has a schema in schemas/', () => {
  const kinds = [...new Set(custom.map((e) => `${e.object.apiVersion} ${e.object.kind}`))].sort();
  const missing = kinds.filter((key) => {
    const [apiVersion, kind] = key.split(' ');
    try {
      schemaValidator(apiVersion, kind);
      return false;
    } catch {
      return true;
    }
  });
  expect(missing).toEqual([]);
});

test.each(custom.map((e) => [label(e), e.object] as const))('%s matches the upstream CRD schema', (_label, object) => {
  expect(schemaValidator(object.apiVersion, object.kind)(object)).toEqual([]);
});

test.each(builtIn.map((e) => [label(e), e.object] as const))('%s matches the Kubernetes schema', (_label, object) => {
  expect(() => validateCoreObject(object)).not.toThrow();
});

describe('the check itself', () => {
  test('a custom resource kind without a schema fails, naming the kind', () => {
    expect(() => schemaValidator('widgets.example.com/v1', 'Widget')).toThrow(/no schema for Widget \(widgets\.example\.com\/v1\) in schemas\//);
  });

  test('a version the CRD does not serve fails, naming the versions it has', () => {
    expect(() => schemaValidator('scheduling.volcano.sh/v1alpha1', 'Queue')).toThrow(/no served version v1alpha1 \(it has v1beta1\)/);
  });

  test('only Kubernetes\' own groups count as built-in', () => {
    expect(['v1', 'apps/v1', 'batch/v1', 'scheduling.k8s.io/v1', 'admissionregistration.k8s.io/v1'].every(isBuiltInApiVersion)).toBe(true);
    expect(['batch.volcano.sh/v1alpha1', 'argoproj.io/v1alpha1', 'kustomize.toolkit.fluxcd.io/v1', 'monitoring.coreos.com/v1'].some(isBuiltInApiVersion)).toBe(false);
  });

  test('Flux Kustomization and Argo Workflow schemas accept a minimal object and catch a misspelt field', () => {
    const kustomization = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'volcano-queues', namespace: 'flux-system' },
      spec: { interval: '10m', path: './dist/prod', prune: true, sourceRef: { kind: 'GitRepository', name: 'platform' }, dependsOn: [{ name: 'volcano-release' }] },
    };
    const validateKustomization = schemaValidator('kustomize.toolkit.fluxcd.io/v1', 'Kustomization');
    expect(validateKustomization(kustomization)).toEqual([]);
    expect(validateKustomization({ ...kustomization, spec: { ...kustomization.spec, dependOn: [] } })).toContain('/spec must NOT have additional properties (dependOn)');
    const workflow = {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { generateName: 'train-', namespace: 'lab-nlp', name: 'train' },
      spec: { entrypoint: 'main', schedulerName: 'volcano', templates: [{ name: 'main', container: { image: 'busybox:1.36', command: ['true'] } }] },
    };
    const validateWorkflow = schemaValidator('argoproj.io/v1alpha1', 'Workflow');
    expect(validateWorkflow(workflow)).toEqual([]);
    expect(validateWorkflow({ ...workflow, spec: { ...workflow.spec, entryPoint: 'main' } })).toContain('/spec must NOT have additional properties (entryPoint)');
  });

  test('a field shared through $defs is still checked (Argo\'s repeated container schema)', () => {
    const validate = schemaValidator('argoproj.io/v1alpha1', 'WorkflowTemplate');
    const template = (container: object) => ({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'WorkflowTemplate', metadata: { name: 't' },
      spec: { entrypoint: 'main', templates: [{ name: 'main', container }] },
    });
    expect(validate(template({ image: 'busybox:1.36', command: ['true'] }))).toEqual([]);
    expect(validate(template({ image: 'busybox:1.36', comand: ['true'] }))).toContain('/spec/templates/0/container must NOT have additional properties (comand)');
    expect(validate(template({ image: 'busybox:1.36', ports: [{ containerPort: 'http' }] }))).toContain('/spec/templates/0/container/ports/0/containerPort must be integer');
  });
});
