/** Every admission policy of the platform, by its short name (the folder under `policies/`). Apply order. */
export const POLICY_NAMES = [
  'allowed-queues',
  'gang-size',
  'resource-requests',
  'priority-classes',
  'gpu-queues',
  'bounded-retries',
  'volcano-scheduler',
  'queue-protection',
  'queue-resource-order',
] as const;

/** The short name of a platform admission policy. */
export type PolicyName = (typeof POLICY_NAMES)[number];
