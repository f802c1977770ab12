import { ResolvedEnvironment } from '../config/model';
import { AdmissionPolicy } from './admission-policies';
import { POLICY_NAMES, PolicyName } from './policies/names';
import { POLICIES } from './policies';
import { Construct } from 'constructs';
import { WorkloadIntegration } from './integration';

/** The file of the per-tenant integration ConfigMaps. */
export const INTEGRATION_FILE = '40-workload-integration.yaml';

/** A chart factory: `(fileName, name, component) => chart`, as `buildPlatform` provides. */
export type ChartFactory<C extends Construct> = (fileName: string, name: string, component: string) => C;

/** The file a policy and its binding are written to. */
export function admissionFileName(name: PolicyName): string {
  return `40-admission-${name}.yaml`;
}

/**
 * One chart per enforced policy (policies set to `off` render nothing), in apply order, then the
 * workload integration ConfigMaps.
 */
export function buildAdmission<C extends Construct>(env: ResolvedEnvironment, chart: ChartFactory<C>): C[] {
  const charts: C[] = [];
  for (const name of POLICY_NAMES) {
    const enforcement = env.admission.enforcement[name];
    if (enforcement === 'off') continue;
    const scope = chart(admissionFileName(name), 'volcano-admission', 'admission-policy');
    new AdmissionPolicy(scope, name, { policy: POLICIES[name](env), environment: env, actions: enforcement });
    charts.push(scope);
  }
  const integration = chart(INTEGRATION_FILE, 'volcano-integration', 'workload-settings');
  new WorkloadIntegration(integration, 'integration', { environment: env });
  charts.push(integration);
  return charts;
}
