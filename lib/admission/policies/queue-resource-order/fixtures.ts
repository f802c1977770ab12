import { FLUX, GARBAGE_COLLECTOR, PolicyFixture, merge, queue } from '../../testing/fixtures';

/** Fixtures of `queue-resource-order`. It applies to everyone, the platform included. */
export const fixtures: readonly PolicyFixture[] = [
  {
    name: 'ordered, in mixed notations (1Gi equals 1024Mi)',
    object: queue('a', { capability: { cpu: '8', memory: '1Gi' }, deserved: { cpu: '4000m', memory: '1024Mi' }, guarantee: { resource: { cpu: 2, memory: '512Mi' } } }),
    user: FLUX,
    expect: 'admitted',
  },
  { name: 'no resources at all (Volcano\'s default queue)', object: queue('default'), expect: 'admitted' },
  {
    // The CRD does not require spec: nothing to order, and no evaluation error (which would fail the request).
    name: 'a queue without spec',
    object: { apiVersion: 'scheduling.volcano.sh/v1beta1', kind: 'Queue', metadata: { name: 'o' } },
    expect: 'admitted',
  },
  {
    name: 'resources that appear in only one of deserved and capability are not compared',
    object: queue('b', { capability: { cpu: '8' }, deserved: { memory: '64Gi' }, guarantee: { resource: { memory: '64Gi' } } }),
    expect: 'admitted',
  },
  {
    name: 'strings compare wrongly, quantities do not: 10 > 9',
    object: queue('c', { capability: { cpu: '10' }, deserved: { cpu: '9' } }),
    expect: 'admitted',
  },
  {
    name: 'guarantee above deserved',
    object: queue('d', { deserved: { cpu: '4' }, guarantee: { resource: { cpu: '8' } } }),
    expect: { denied: ['Queue d: guarantee exceeds deserved for cpu (8 > 4)'] },
  },
  {
    name: 'deserved above capability, by a little in another unit',
    object: queue('e', { capability: { memory: '1Gi' }, deserved: { memory: '1025Mi' } }),
    expect: { denied: ['Queue e: deserved exceeds capability for memory (1025Mi > 1Gi)'] },
  },
  {
    name: 'guarantee above capability without deserved',
    object: queue('f', { capability: { 'nvidia.com/gpu': 2 }, guarantee: { resource: { 'nvidia.com/gpu': 4 } } }),
    expect: {
      denied: [
        'Queue f: guarantee without deserved for nvidia.com/gpu; every guaranteed resource needs a deserved quantity at least as large',
        'Queue f: guarantee exceeds capability for nvidia.com/gpu (4 > 2)',
      ],
    },
  },
  {
    name: 'a guarantee for a resource deserved does not list',
    object: queue('j', { deserved: { cpu: '8' }, guarantee: { resource: { cpu: '4', memory: '8Gi', 'nvidia.com/gpu': 1 } } }),
    expect: { denied: ['Queue j: guarantee without deserved for memory, nvidia.com/gpu; every guaranteed resource needs a deserved quantity at least as large'] },
  },
  {
    name: 'everything inverted',
    object: queue('g', { capability: { cpu: '1' }, deserved: { cpu: '2' }, guarantee: { resource: { cpu: '3' } } }),
    user: FLUX,
    expect: {
      denied: [
        'Queue g: guarantee exceeds deserved for cpu (3 > 2)',
        'Queue g: deserved exceeds capability for cpu (2 > 1)',
        'Queue g: guarantee exceeds capability for cpu (3 > 1)',
      ],
    },
  },
  {
    name: 'a value that is not a quantity',
    object: queue('h', { capability: { cpu: 'lots' }, deserved: { cpu: '2' } }),
    expect: { denied: ['Queue h: not Kubernetes quantities: capability.cpu'] },
  },
  {
    // An inverted queue made before the policy existed can still be deleted: finalizing it is not judged.
    name: 'the garbage collector removing foregroundDeletion from an inverted queue being deleted',
    operation: 'UPDATE',
    oldObject: merge(queue('k', { capability: { cpu: '1' }, deserved: { cpu: '2' } }), { metadata: { deletionTimestamp: '2025-06-01T12:00:00Z', finalizers: ['foregroundDeletion'] } }),
    object: merge(queue('k', { capability: { cpu: '1' }, deserved: { cpu: '2' } }), { metadata: { deletionTimestamp: '2025-06-01T12:00:00Z', finalizers: [] } }),
    user: GARBAGE_COLLECTOR,
    expect: 'admitted',
  },
  {
    // Stored out of order before the policy existed (or while it warned): what the update leaves alone is not judged.
    name: 'an inverted stored queue relabelled by Flux and its weight changed',
    operation: 'UPDATE',
    oldObject: queue('l', { weight: 2, capability: { cpu: '1' }, deserved: { cpu: '2' } }),
    object: merge(queue('l', { weight: 3, capability: { cpu: '1' }, deserved: { cpu: '2' } }), { metadata: { labels: { 'kustomize.toolkit.fluxcd.io/name': 'volcano-platform' } } }),
    user: FLUX,
    expect: 'admitted',
  },
  {
    name: 'an inverted stored queue whose deserved changes is judged, and still out of order',
    operation: 'UPDATE',
    oldObject: queue('m', { capability: { cpu: '1' }, deserved: { cpu: '2' } }),
    object: queue('m', { capability: { cpu: '1' }, deserved: { cpu: '3' } }),
    user: FLUX,
    expect: { denied: ['Queue m: deserved exceeds capability for cpu (3 > 1)'] },
  },
  {
    name: 'a guarantee added to an ordered stored queue is judged',
    operation: 'UPDATE',
    oldObject: queue('n', { capability: { cpu: '8' }, deserved: { cpu: '4' } }),
    object: queue('n', { capability: { cpu: '8' }, deserved: { cpu: '4' }, guarantee: { resource: { cpu: '6' } } }),
    expect: { denied: ['Queue n: guarantee exceeds deserved for cpu (6 > 4)'] },
  },
  {
    name: 'an update lowering capability under the guarantee',
    operation: 'UPDATE',
    oldObject: queue('i', { capability: { cpu: '16' }, deserved: { cpu: '8' }, guarantee: { resource: { cpu: '8' } } }),
    object: queue('i', { capability: { cpu: '4' }, deserved: { cpu: '8' }, guarantee: { resource: { cpu: '8' } } }),
    expect: { denied: ['Queue i: deserved exceeds capability for cpu (8 > 4)', 'Queue i: guarantee exceeds capability for cpu (8 > 4)'] },
  },
];
