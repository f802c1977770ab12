import { WorkloadClass, WorkloadProfile, WorkloadScenario } from '../../lib/simulation/profile';
import { scaled, workingDay } from './curves';

/**
 * The agent platform's workload, from its requirements. "Up to N concurrent" is read as the busy
 * hour's 95th percentile: the peak rate gives a mean concurrency of N - 1.65 * sqrt(N) (Poisson).
 * Dispatch's 3-4 vCPU bursts are limits; the scheduler only sees the 1 vCPU request.
 */
export const AGENT_PLATFORM_CLASSES: readonly WorkloadClass[] = [
  {
    name: 'session-start',
    description: 'Session start: one task per session, up to 20 concurrent, about a minute each.',
    tenant: 'agent-runtime',
    queue: 'interactive',
    priorityClass: 'volcano-critical',
    // 20 - 1.65 * sqrt(20) = 12.6 concurrent at a 1 minute mean: 756 per hour.
    arrivalsPerHour: workingDay(756),
    gang: 1,
    podRequests: { cpu: '1', memory: '512Mi' },
    runTime: { mean: '1m' },
    slaWaitingTime: '2m',
  },
  {
    name: 'unified-dispatch',
    description: 'Unified multi-agent dispatch: up to 10 concurrent, bursting to 3-4 vCPU, about 1 GiB.',
    tenant: 'agent-runtime',
    queue: 'interactive',
    priorityClass: 'volcano-high',
    // 10 - 1.65 * sqrt(10) = 4.8 concurrent at a 3 minute mean: 96 per hour.
    arrivalsPerHour: workingDay(96),
    gang: 1,
    podRequests: { cpu: '1', memory: '1Gi' },
    runTime: { mean: '3m' },
    slaWaitingTime: '2m',
  },
  {
    name: 'mao-directives',
    description: 'Multi-agent orchestration directives: gangs of 3-5 workers at about 1 CPU each, under 10 minutes.',
    tenant: 'agent-runtime',
    queue: 'interactive',
    priorityClass: 'volcano-high',
    arrivalsPerHour: workingDay(20),
    gang: { min: 3, max: 5 },
    podRequests: { cpu: '1', memory: '1Gi' },
    runTime: { min: '2m', max: '10m' },
    slaWaitingTime: '2m',
  },
  {
    name: 'campaign-phases',
    description: 'Marketing campaign phases: 4 concurrent campaigns, gangs of 3 workers up to 2 vCPU / 2Gi, 15-25 minutes.',
    tenant: 'marketing-campaigns',
    queue: 'batch',
    priorityClass: 'volcano-normal',
    // 4 concurrent at a 20 minute mean: 12 per hour in working hours.
    arrivalsPerHour: workingDay(12),
    gang: 3,
    podRequests: { cpu: '2', memory: '2Gi' },
    runTime: { min: '15m', max: '25m' },
  },
];

/** The classes with every rate times `factor`. */
function scaledClasses(factor: number): WorkloadClass[] {
  return AGENT_PLATFORM_CLASSES.map((c) => ({ ...c, arrivalsPerHour: scaled(c.arrivalsPerHour, factor) }));
}

/** Scenarios for an agent platform at `size` times production's load. */
export function agentPlatformScenarios(size: number): WorkloadScenario[] {
  return [
    { name: 'typical', description: 'A working day at the load the platform is built for.', classes: scaledClasses(size) },
    { name: 'peak', description: 'A launch day: every class arrives twice as often.', classes: scaledClasses(size * 2) },
  ];
}

/** Production: the platform at full size. */
export const prodWorkload: WorkloadProfile = { scenarios: agentPlatformScenarios(1) };

/** Development: a sixth of production's cluster, an eighth of its load. */
export const devWorkload: WorkloadProfile = { scenarios: agentPlatformScenarios(1 / 8) };
