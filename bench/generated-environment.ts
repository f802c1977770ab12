import { EnvironmentDefinition } from '../lib/config';

/** A synthetic environment with `size` queues and `size` tenants, each tenant using one queue. */
export function generatedEnvironment(size: number): EnvironmentDefinition {
  const id = (i: number) => String(i).padStart(5, '0');
  return {
    name: `bench-${size}`,
    kubernetesVersion: '1.30',
    capacity: { cpu: String(size * 4), memory: `${size * 8}Gi` },
    sharingPolicy: 'proportion',
    queues: Array.from({ length: size }, (_, i) => ({
      name: `queue-${id(i)}`,
      description: `Generated queue ${i}.`,
      weight: 1 + (i % 10),
      guarantee: { cpu: '1', memory: '2Gi' },
      capability: { cpu: '8', memory: '16Gi' },
    })),
    observability: {
      prometheusSelector: { release: 'kube-prometheus-stack' },
      runbookUrlPattern: 'https://runbooks.example.com/{alert}.md',
      grafanaUrl: 'https://grafana.example.com',
      // Every enabled queue needs an SLA or says it has none; generated queues have none.
      queuesWithoutSla: Array.from({ length: size }, (_, i) => `queue-${id(i)}`),
    },
    tenants: Array.from({ length: size }, (_, i) => ({
      name: `tenant-${id(i)}`,
      description: `Generated tenant ${i}.`,
      queues: [`queue-${id(i)}`],
      quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' },
    })),
  };
}
