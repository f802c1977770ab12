import { fixtures as allowedQueues } from '../policies/allowed-queues/fixtures';
import { fixtures as boundedRetries } from '../policies/bounded-retries/fixtures';
import { fixtures as gangSize } from '../policies/gang-size/fixtures';
import { fixtures as gpuQueues } from '../policies/gpu-queues/fixtures';
import { PolicyName } from '../policies/names';
import { fixtures as priorityClasses } from '../policies/priority-classes/fixtures';
import { fixtures as queueProtection } from '../policies/queue-protection/fixtures';
import { fixtures as queueResourceOrder } from '../policies/queue-resource-order/fixtures';
import { fixtures as resourceRequests } from '../policies/resource-requests/fixtures';
import { fixtures as volcanoScheduler } from '../policies/volcano-scheduler/fixtures';
import { PolicyFixture } from './fixtures';

/** Every policy's fixture table, by policy name. */
export const FIXTURES: Readonly<Record<PolicyName, readonly PolicyFixture[]>> = {
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
