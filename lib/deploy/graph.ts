import { KubeObject } from '../synth/render';
import { DEPLOYMENT_GROUPS, DeploymentGroup, DeploymentPlan, GROUP_DEPENDENCIES } from './plan';

/**
 * The deployment graph of one environment: every step the Pulumi program takes and what it waits for.
 * Pure, so the program and the deployment rehearsal read the same graph.
 */

/** The id of the release step in the deployment graph. */
export const RELEASE_ID = 'HelmRelease(Pulumi)/volcano';
/** The prometheus-operator CRDs monitoring objects need. */
export const MONITORING_CRDS: Readonly<Record<string, string>> = {
  ServiceMonitor: 'servicemonitors.monitoring.coreos.com',
  PrometheusRule: 'prometheusrules.monitoring.coreos.com',
  PodMonitor: 'podmonitors.monitoring.coreos.com',
};

/** One step of the deployment. */
export interface GraphNode {
  /** `kind/namespace/name` of the object, or the step's own id. */
  readonly id: string;
  /** The deployment group it belongs to. */
  readonly group: DeploymentGroup;
  /** `object`: a planned object; `release`: the Helm release; `lookup`: a read of something the cluster must already have. */
  readonly step: 'object' | 'release' | 'lookup';
  /** Ids of the steps it waits for, earlier in the graph. */
  readonly dependsOn: readonly string[];
  /** The object written (steps of kind `object`). */
  readonly object?: KubeObject;
  /** For a lookup: the settings that name what is looked up (empty for CRDs). */
  readonly settings?: readonly string[];
}

/**
 * The graph: lookups first, then group by group (see `GROUP_DEPENDENCIES`), each step depending on every
 * step of the groups it waits for and on the objects it needs itself (its Namespace; a child Queue its
 * parent). `monitoring: false` leaves out the monitoring objects and their lookups.
 */
export function deploymentGraph(plan: DeploymentPlan, options: { readonly monitoring: boolean }): GraphNode[] {
  const deployed = plan.objects.filter((o) => options.monitoring || (o.group !== 'monitoring' && o.group !== 'monitoring-config'));
  const nodes: GraphNode[] = [];
  const added = new Set<string>();
  const byGroup = new Map<DeploymentGroup, string[]>();
  const add = (node: Omit<GraphNode, 'dependsOn'>, needs: readonly string[] = []) => {
    const dependsOn = GROUP_DEPENDENCIES[node.group].flatMap((g) => byGroup.get(g) ?? []);
    for (const need of needs) {
      if (!added.has(need)) throw new Error(`${plan.environment}: ${node.id} needs ${need}, which is not created before it: fix the rendered order`);
      if (!dependsOn.includes(need)) dependsOn.push(need);
    }
    nodes.push({ ...node, dependsOn });
    added.add(node.id);
    byGroup.set(node.group, [...(byGroup.get(node.group) ?? []), node.id]);
  };
  for (const group of DEPLOYMENT_GROUPS) {
    if (group === 'volcano-release') {
      add({ id: RELEASE_ID, group, step: 'release' });
    } else if (group === 'prerequisites') {
      for (const lookup of prerequisiteLookups(plan, deployed)) add({ ...lookup, group, step: 'lookup' });
    } else {
      for (const planned of deployed.filter((o) => o.group === group)) add({ id: planned.id, group, step: 'object', object: planned.object }, planned.needs);
    }
  }
  return nodes;
}

/**
 * What the cluster must already have, looked up before anything is written: the prometheus-operator CRDs
 * of the monitoring kinds deployed, and the namespaces objects are written into that the platform does not
 * create, each with the settings that name it.
 */
function prerequisiteLookups(plan: DeploymentPlan, deployed: DeploymentPlan['objects']): Array<{ id: string; settings: readonly string[] }> {
  const kinds = new Set(deployed.filter((o) => o.group === 'monitoring').map((o) => o.object.kind));
  const crds = [...kinds].sort().map((kind) => {
    const crd = MONITORING_CRDS[kind];
    if (!crd) throw new Error(`${plan.environment}: no prerequisite known for monitoring kind ${kind}`);
    return { id: `CustomResourceDefinition/-/${crd}`, settings: [] };
  });
  const used = new Set(deployed.map((o) => o.object.metadata.namespace));
  const namespaces = plan.namespacePrerequisites.filter((p) => used.has(p.namespace)).map(({ namespace, settings }) => ({ id: `Namespace/-/${namespace}`, settings }));
  return [...crds, ...namespaces];
}
