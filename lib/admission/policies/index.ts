import { PolicyFactory } from '../policy';
import { allowedQueues } from './allowed-queues/policy';
import { boundedRetries } from './bounded-retries/policy';
import { gangSize } from './gang-size/policy';
import { gpuQueues } from './gpu-queues/policy';
import { PolicyName } from './names';
import { priorityClasses } from './priority-classes/policy';
import { queueProtection } from './queue-protection/policy';
import { queueResourceOrder } from './queue-resource-order/policy';
import { resourceRequests } from './resource-requests/policy';
import { volcanoScheduler } from './volcano-scheduler/policy';

/** Every platform policy, by name. */
export const POLICIES: Readonly<Record<PolicyName, PolicyFactory>> = {
  'allowed-queues': allowedQueues,
  'gang-size': gangSize,
  'resource-requests': resourceRequests,
  'priority-classes': priorityClasses,
  'gpu-queues': gpuQueues,
  'bounded-retries': boundedRetries,
  'volcano-scheduler': volcanoScheduler,
  'queue-protection': queueProtection,
  'queue-resource-order': queueResourceOrder,
};
