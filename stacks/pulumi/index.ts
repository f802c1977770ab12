// Pulumi entry point (`main` in Pulumi.yaml): deploys the environment named by the stack's config.
import { runStack } from '../../lib/deploy/stack';
import { ENVIRONMENTS } from '../environments';

const { outputs } = runStack(ENVIRONMENTS);

export const environment = outputs.environment;
export const releaseName = outputs.releaseName;
export const chartVersion = outputs.chartVersion;
export const releaseNamespace = outputs.releaseNamespace;
export const queueNames = outputs.queueNames;
export const dashboardUids = outputs.dashboardUids;
