/**
 * What happens to a Pod before validating admission policies see it: the API server's defaulting, then
 * the LimitRanger mutating admission plugin with the namespace's LimitRanges. Only Pod CREATE requests
 * are changed; Volcano Jobs, PodGroups and workload templates are not pods and are never defaulted.
 *
 * - defaulting (SetDefaults_Pod): a container with a limit but no request for a resource requests its limit;
 * - LimitRange defaulting: a `Container` item's missing `defaultRequest` entries come from `default`;
 * - LimitRanger: each container and init container gets the `default` limit and the `defaultRequest`
 *   request of every resource it does not set itself.
 */

type Json = Record<string, any>;
type ResourceList = Record<string, string>;

/** The Pod as validating admission sees it on CREATE, given the LimitRanges of its namespace. */
export function defaultPod(pod: Json, limitRanges: readonly Json[]): Json {
  const items = limitRanges.flatMap((lr) => (lr.spec?.limits ?? []) as Json[]).filter((item) => item.type === 'Container');
  const limits: ResourceList = {};
  const requests: ResourceList = {};
  for (const item of items) {
    Object.assign(limits, item.default ?? {});
    Object.assign(requests, item.default ?? {}, item.defaultRequest ?? {});
  }
  // A JSON copy, not structuredClone: under jest that yields arrays of another realm, which CEL refuses.
  const copy: Json = JSON.parse(JSON.stringify(pod));
  for (const key of ['containers', 'initContainers']) {
    for (const container of (copy.spec?.[key] ?? []) as Json[]) {
      const resources: Json = (container.resources ??= {});
      const own = { limits: { ...(resources.limits ?? {}) } as ResourceList, requests: { ...(resources.requests ?? {}) } as ResourceList };
      for (const [name, value] of Object.entries(own.limits)) own.requests[name] ??= value;
      for (const [name, value] of Object.entries(limits)) own.limits[name] ??= value;
      for (const [name, value] of Object.entries(requests)) own.requests[name] ??= value;
      if (Object.keys(own.limits).length > 0) resources.limits = own.limits;
      if (Object.keys(own.requests).length > 0) resources.requests = own.requests;
    }
  }
  return copy;
}

/** The request after mutating admission: a created Pod defaulted by its namespace's LimitRanges, anything else as is. */
export function afterMutatingAdmission<T extends { operation: string; object: Json | null }>(input: T, limitRangesOf: (namespace: string) => readonly Json[]): T {
  const object = input.object;
  if (input.operation !== 'CREATE' || !object || object.kind !== 'Pod' || object.apiVersion !== 'v1') return input;
  return { ...input, object: defaultPod(object, limitRangesOf(object.metadata?.namespace ?? '')) };
}
