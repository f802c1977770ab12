import { EnvironmentDefinition } from '../lib/config';
import { agentPlatform } from './agent-platform';

/** Production: the agent platform at full size. */
export const prod: EnvironmentDefinition = agentPlatform;
