import { Fields, Schema, list, object, oneOf, text } from '../config/schema';
import { Deployers, DeploySettings, FluxSettings, Identities } from './settings';

/**
 * The runtime schema of `deploy` (the types are in `settings.ts`): every key an environment may write,
 * checked before anything is rendered (see `lib/config/schema.ts`). The rules between settings and the
 * environment (deployers that would exempt tenants, the Flux path) are in `validateDeploySettings`.
 */

const IDENTITIES = object<Identities>({ users: list(text, 'a list of user names'), groups: list(text, 'a list of group names') }, { what: 'identities (users and groups)' });

const DEPLOYERS: Fields<Deployers> = { pulumi: IDENTITIES, flux: IDENTITIES, administrators: IDENTITIES };

const SOURCE_REF = object<NonNullable<FluxSettings['sourceRef']>>({
  kind: oneOf(['GitRepository', 'OCIRepository', 'Bucket'], 'a Flux source kind'),
  name: text,
  namespace: text,
}, { what: 'a Flux source reference', required: { kind: 'the source kind, e.g. "GitRepository"', name: 'the source name, a string' } });

const FLUX: Fields<FluxSettings> = { sourceRef: SOURCE_REF, repositoryPath: text, interval: text };

const FIELDS: Fields<DeploySettings> = {
  deployers: object<Deployers>(DEPLOYERS, { what: 'the deployers' }),
  flux: object<FluxSettings>(FLUX, { what: 'the Flux settings' }),
};

/** The schema of an environment's `deploy`. */
export const DEPLOY_SETTINGS_SCHEMA: Schema = object<DeploySettings>(FIELDS, { what: 'the deploy settings' });
