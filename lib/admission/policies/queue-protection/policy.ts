import { RULES, strList } from '../../cel';
import { environmentFile } from '../../../config/registry';
import { PolicyFactory } from '../../policy';

/** The label the platform puts on everything it renders, Queues included. */
const MANAGED_BY = 'app.kubernetes.io/managed-by';
/** Queues the Volcano scheduler creates itself. */
const VOLCANO_QUEUES = ['root', 'default'];

/** CEL: whether `o` (object or oldObject) is a platform queue. */
function isPlatformQueue(o: string, names: string): string {
  return `(${o} != null && (${o}.metadata.name in ${names} || (has(${o}.metadata.labels) && "${MANAGED_BY}" in ${o}.metadata.labels && ${o}.metadata.labels["${MANAGED_BY}"] == "volcano-platform")))`;
}

/**
 * CEL: the name of the Queue a Command (bus.volcano.sh) targets, or "" for a Command aimed at anything else (a Job)
 * and for a Queue request; reads `variables.command`.
 * Volcano's queue controller takes a Command as a Queue's when its target has the Queue API version and kind
 * (pkg/controllers/queue/queue_controller_util.go IsQueueReference); any version of the group is matched here.
 */
const COMMANDED_QUEUE = 'variables.command && has(object.target) && object.target.kind == "Queue" '
  + '&& object.target.apiVersion.startsWith("scheduling.volcano.sh/") ? object.target.name : ""';

/** Only the platform's identities create Queues, change the platform's Queues, or open and close Queues by Command. */
export const queueProtection: PolicyFactory = (env) => {
  const names = strList([...env.queues.map((q) => q.name), ...VOLCANO_QUEUES]);
  // Said in every denial, so an administrator whose own deploy is refused knows which setting exempts it.
  const exempt = `; deployers are exempt once listed in deploy.deployers of ${environmentFile(env.name)}`;
  return {
    name: 'queue-protection',
    summary: 'Only the platform (its deployers: Pulumi, Flux applying `dist/`, cluster administrators; Volcano\'s own components) creates Queues or changes or '
      + 'deletes the platform\'s Queues (those of `stacks/environments/<env>.ts`, and Volcano\'s root and default), or opens or closes a Queue with a '
      + 'Volcano Command (bus.volcano.sh).',
    rationale: 'Queues are the shares every tenant was promised. A tenant who raises a queue\'s capability, or creates a queue with a '
      + 'weight of its own, takes capacity from everyone else without review. Queues are declared in `stacks/environments/<env>.ts` and reviewed as a YAML diff. '
      + 'A Command is the other way to change a Queue: Volcano\'s queue controller closes (or opens) the Queue a Command targets, from any namespace, '
      + 'and Volcano\'s own end-user role (vcjob-editor-role) lets a tenant create Commands, so without this rule one team could close another\'s queue. '
      + 'Commands aimed at a tenant\'s own Jobs are not judged.',
    exceptions: 'Open a pull request changing the queue in `stacks/environments/<env>.ts`; Flux or Pulumi applies it. The deployers named in '
      + '`deploy.deployers` (Pulumi\'s identity, Flux\'s, the administrators\' groups; default system:masters and flux-system\'s service '
      + 'accounts) are exempt. In an emergency an administrator may change a queue directly, and the change must be written back to '
      + '`stacks/environments/<env>.ts` afterwards, or the next deploy reverts it.',
    scope: 'cluster',
    exemptPlatformIdentities: true,
    resourceRules: [RULES.queues, RULES.commands],
    variables: [
      { name: 'command', expression: 'object != null && object.kind == "Command"' },
      { name: 'commandedQueue', expression: COMMANDED_QUEUE },
      { name: 'name', expression: 'object != null ? object.metadata.name : oldObject.metadata.name' },
      { name: 'platformQueue', expression: `${isPlatformQueue('object', names)} || ${isPlatformQueue('oldObject', names)}` },
      { name: 'verb', expression: 'request.operation == "CREATE" ? "create" : request.operation == "DELETE" ? "delete" : "change"' },
    ],
    validations: [
      {
        expression: 'variables.command || !variables.platformQueue',
        messageExpression: '"Queue " + variables.name + " belongs to the volcano-platform: " + request.userInfo.username + " may not " + variables.verb '
          + `+ " it; change it in ${environmentFile(env.name)} through a pull request${exempt}"`,
        message: `platform Queues are changed through ${environmentFile(env.name)} only`,
        reason: 'Forbidden',
      },
      {
        expression: 'variables.command || variables.platformQueue || request.operation != "CREATE"',
        messageExpression: '"Queue " + variables.name + ": " + request.userInfo.username + " may not create Queues; queues are declared '
          + `in ${environmentFile(env.name)} and created by the platform${exempt}"`,
        message: `Queues are declared in ${environmentFile(env.name)} and created by the platform only`,
        reason: 'Forbidden',
      },
      {
        expression: 'variables.commandedQueue == ""',
        messageExpression: '"Command " + object.metadata.namespace + "/" + object.metadata.name + ": " + request.userInfo.username + " may not send '
          + '" + (has(object.action) ? object.action : "a command") + " to Queue " + variables.commandedQueue + "; queues are opened and closed by the platform'
          + ` (an administrator closes one in an emergency)${exempt}"`,
        message: 'Queues are opened and closed by the platform only',
        reason: 'Forbidden',
      },
    ],
  };
};
