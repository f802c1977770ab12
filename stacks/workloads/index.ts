import { WorkloadProfile } from '../../lib/simulation/profile';
import { devWorkload, prodWorkload } from './agent-platform';
import { gpuLabWorkload } from './gpu-lab';

/** The declared workload of each built-in environment, by environment name (see `lib/simulation/profile.ts`). */
export const WORKLOADS: readonly WorkloadProfile[] = [devWorkload, prodWorkload, gpuLabWorkload];
