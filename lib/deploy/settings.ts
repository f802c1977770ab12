import { IDENTITY_RULE, isQuotableIdentity } from '../config/names';
import { Problems } from '../config/problems';
import type { ResolvedEnvironment } from '../config/model';

/**
 * Who deploys an environment, and how its tenants are removed: the settings of the deploy concern
 * (`deploy` in `stacks/environments/<env>.ts`). Types, defaults, resolution and validation; no Pulumi import, so
 * config/ can resolve them.
 */

/** Kubernetes identities, as the API server reports them in `request.userInfo`. */
export interface Identities {
  /** Exact user names, e.g. `system:serviceaccount:platform-ci:pulumi`. */
  readonly users?: readonly string[];
  /** Groups, e.g. `kubeadm:cluster-admins`; `system:serviceaccounts:<namespace>` is every service account of a namespace. */
  readonly groups?: readonly string[];
}

/**
 * The identities that write the platform's objects. Each is exempt from the tenant policies and from
 * queue-protection, so the platform never locks out its own deploy path.
 */
export interface Deployers {
  /** The identity `pulumi up` authenticates as (the kubeconfig user of `kubernetes:context`), e.g. a CI service account. Default: none besides the administrators. */
  readonly pulumi?: Identities;
  /** Flux's controllers, which apply `dist/<env>/` and install the release. Default: every service account of `flux-system`. */
  readonly flux?: Identities;
  /** Cluster administrators (kubeadm: `kubeadm:cluster-admins`; managed clusters name their own group). Default: `system:masters`. */
  readonly administrators?: Identities;
}

/** Where Flux finds this repository, for the Kustomizations synthesis writes to `flux/clusters/<env>/`. */
export interface FluxSettings {
  /** The Flux source holding this repository. Default: the GitRepository `flux-system` that `flux bootstrap` creates. */
  readonly sourceRef?: { readonly kind: 'GitRepository' | 'OCIRepository' | 'Bucket'; readonly name: string; readonly namespace?: string };
  /** Path of this repository's root inside the source, e.g. `./platform/volcano` in a monorepo. Default `.`. */
  readonly repositoryPath?: string;
  /** How often Flux reconciles each stage, a Go duration. Default `10m`. */
  readonly interval?: string;
}

/** The deploy settings as written in `stacks/environments/<env>.ts`. Every field is optional. */
export interface DeploySettings {
  /** Who deploys the environment. */
  readonly deployers?: Deployers;
  /** Where Flux finds this repository. */
  readonly flux?: FluxSettings;
}

/** A deployer with its identities written out. */
export interface ResolvedDeployer {
  /** `pulumi`, `flux` or `administrators`: the setting under `deploy.deployers` that names it. */
  readonly role: keyof Deployers;
  /** Exact user names it authenticates as. */
  readonly users: readonly string[];
  /** Groups it is in. */
  readonly groups: readonly string[];
}

/** Deploy settings with every default applied. */
export interface ResolvedDeploySettings {
  /** Every deployer, in the order flux, pulumi, administrators. */
  readonly deployers: readonly ResolvedDeployer[];
  /** Where Flux finds this repository. */
  readonly flux: Required<FluxSettings>;
}

/** Flux's namespace; its kustomize-controller applies `dist/` and its helm-controller installs the chart. */
export const FLUX_NAMESPACE = 'flux-system';
/** Defaults of each deployer. */
export const DEFAULT_DEPLOYERS: Readonly<Record<keyof Deployers, Required<Identities>>> = {
  pulumi: { users: [], groups: [] },
  flux: { users: [], groups: [`system:serviceaccounts:${FLUX_NAMESPACE}`] },
  administrators: { users: [], groups: ['system:masters'] },
};
const ROLES = ['flux', 'pulumi', 'administrators'] as const;

/** Groups every caller (or every service account) is in: exempting them would switch the policies off. */
const EVERYONE = ['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts'];

/** Applies the defaults. Total: never throws. */
export function resolveDeploySettings(settings: DeploySettings | undefined): ResolvedDeploySettings {
  return {
    deployers: ROLES.map((role) => {
      const given = settings?.deployers?.[role];
      return { role, users: given?.users ?? DEFAULT_DEPLOYERS[role].users, groups: given?.groups ?? DEFAULT_DEPLOYERS[role].groups };
    }),
    flux: {
      sourceRef: settings?.flux?.sourceRef ?? { kind: 'GitRepository', name: FLUX_NAMESPACE },
      repositoryPath: settings?.flux?.repositoryPath ?? '.',
      interval: settings?.flux?.interval ?? '10m',
    },
  };
}

/** Every deployer identity, users and groups, in declaration order without repeats. */
export function deployerIdentities(settings: Pick<ResolvedDeploySettings, 'deployers'>): Required<Identities> {
  const unique = (values: string[]) => values.filter((v, i) => values.indexOf(v) === i);
  return {
    users: unique(settings.deployers.flatMap((d) => [...d.users])),
    groups: unique(settings.deployers.flatMap((d) => [...d.groups])),
  };
}

/**
 * Reports deployers the policies cannot exempt without exempting tenants too: a group every caller is
 * in, or a service account of a tenant namespace (tenants' workloads run there).
 */
export function validateDeploySettings(env: Pick<ResolvedEnvironment, 'deploy' | 'tenants'>, problems: Problems): void {
  const path = env.deploy.flux.repositoryPath;
  if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
    problems.add('deploy.flux.repositoryPath', `"${path}" must be a relative path inside the Flux source, such as "." or "./platform/volcano"`);
  }
  if (!/^([1-9]\d*(s|m|h))+$/.test(String(env.deploy.flux.interval))) {
    problems.add('deploy.flux.interval', `"${env.deploy.flux.interval}" must be a Go duration such as "10m" or "1h"`);
  }
  const tenants = new Set(env.tenants.map((t) => t.name));
  for (const deployer of env.deploy.deployers) {
    for (const kind of ['users', 'groups'] as const) {
      deployer[kind].forEach((identity, i) => {
        const path = `deploy.deployers.${deployer.role}.${kind}[${i}]`;
        if (!isQuotableIdentity(identity)) {
          problems.add(path, `"${identity}" ${IDENTITY_RULE}`);
          return;
        }
        if (kind === 'groups' && EVERYONE.includes(identity)) {
          problems.add(path, `"${identity}" is a group every caller is in; exempting it switches off every tenant policy and queue-protection`);
        }
        const namespace = serviceAccountNamespace(identity, kind);
        if (namespace !== undefined && tenants.has(namespace)) {
          problems.add(path, `"${identity}" is a service account of tenant namespace "${namespace}"; its workloads would be exempt from the `
            + 'tenant policies: deploy from a namespace of its own');
        }
      });
    }
  }
}

function serviceAccountNamespace(identity: string, kind: 'users' | 'groups'): string | undefined {
  const match = kind === 'users' ? /^system:serviceaccount:([^:]+):/.exec(identity) : /^system:serviceaccounts:([^:]+)$/.exec(identity);
  return match?.[1];
}
