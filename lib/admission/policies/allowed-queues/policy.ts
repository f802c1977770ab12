import { ANNOTATIONS } from '../../../labels';
import {
  ALLOWED_QUEUES, NOT_PODS_OF_NAMED_GROUPS, ONLY_VOLCANO_PODS, POD_GROUP_ANNOTATION, POD_QUEUE_ANNOTATION, QUEUE_FIELD, REQUESTED_QUEUE, RULES, SPEC,
  SPEC_VARIABLES, SUBJECT, judgedJobSpec, queueIn, str,
} from '../../cel';
import { PolicyFactory } from '../../policy';

/** CEL: whether the object under review writes its queue down (Jobs, CronJob templates, JobTemplates and PodGroups also get `default` from their CRD). */
const QUEUE_WRITTEN = `object.kind == "Pod" ? has(object.metadata.annotations) && ${str(POD_QUEUE_ANNOTATION)} in object.metadata.annotations `
  + `&& object.metadata.annotations[${str(POD_QUEUE_ANNOTATION)}] != "" : has(${SPEC}.queue) && ${SPEC}.queue != ""`;

/** Rule 1: tenants submit only to the queues their namespace is allowed. */
export const allowedQueues: PolicyFactory = () => ({
  name: 'allowed-queues',
  summary: 'Volcano Jobs, the Jobs of Volcano CronJobs and JobTemplates, PodGroups and Volcano-scheduled pods in a tenant namespace use only the queues that namespace is allowed.',
  rationale: 'Queues carry the cluster\'s shares, guarantees and capabilities. A workload in another team\'s queue spends that team\'s '
    + 'guarantee and escapes its own quota planning; a workload in Volcano\'s `default` queue competes outside every plan. '
    + `The allowed queues are the tenant's \`queues\` in \`stacks/environments/<env>.ts\` minus disabled ones, written to the namespace annotation \`${ANNOTATIONS.allowedQueues}\`. `
    + 'A Job or PodGroup that names no queue reaches the policy with `spec.queue: default`, filled in by Volcano\'s CRD defaults and job webhook, '
    + 'and is denied like one that names `default`. '
    + 'A Volcano CronJob is judged by its `spec.jobTemplate.spec`: Volcano\'s cronjob controller creates the Jobs from it under its own '
    + 'identity, which every tenant policy exempts, so the template is judged when the tenant writes the CronJob, on create and on every '
    + 'update that changes its queue (its CRD defaults a missing template queue to `default` too). '
    + 'A Volcano JobTemplate (`flow.volcano.sh`) is judged by its `spec`, a Job spec, likewise: Volcano\'s jobflow controller creates each Job of a JobFlow with the named JobTemplate\'s spec as it is, under the same exempt identity (a JobFlow only names templates, so it needs no rule); its CRD defaults a missing `spec.queue` to `default` as the Job CRD does. '
    + `A pod that names its PodGroup (annotation \`${POD_GROUP_ANNOTATION}\`) is not checked: Volcano schedules it in that PodGroup's queue, `
    + 'which this policy checked when the PodGroup was written. '
    + 'An UPDATE of a Job or PodGroup is judged only when it changes `spec.queue`. Volcano\'s job webhook (`/jobs/validate`) refuses an update '
    + 'that changes a Job\'s queue, so Jobs are in effect judged once, when they are created. Judging every update would only lock what was '
    + 'admitted earlier (under `Warn`, or before the tenant\'s queues were narrowed): a label change, a scale, or the garbage collector '
    + 'removing a finalizer would be denied, while the workload keeps running in its queue anyway.',
  exceptions: 'Ask the platform team to add the queue to the tenant\'s `queues` in `stacks/environments/<env>.ts` (a pull request); once merged and '
    + 'applied, the namespace annotation changes and the policy follows. There is no per-workload exception.',
  scope: 'tenant-namespaces',
  exemptPlatformIdentities: true,
  resourceRules: [RULES.volcanoJobs, RULES.jobTemplates, RULES.podGroups, RULES.pods],
  judgedOnUpdate: {
    ...judgedJobSpec((path) => `\`${path}.queue\``, (spec) => [queueIn(spec)]),
    PodGroup: { fields: '`spec.queue`', values: (o) => [queueIn(`${o}.spec`)] },
  },
  matchConditions: [ONLY_VOLCANO_PODS, NOT_PODS_OF_NAMED_GROUPS],
  variables: [
    ...SPEC_VARIABLES,
    { name: 'subject', expression: SUBJECT },
    { name: 'queue', expression: REQUESTED_QUEUE },
    { name: 'queueWritten', expression: QUEUE_WRITTEN },
    { name: 'queueField', expression: QUEUE_FIELD },
    { name: 'allowedQueues', expression: ALLOWED_QUEUES },
  ],
  validations: [{
    expression: 'variables.queue in variables.allowedQueues',
    messageExpression: 'variables.subject + ": " + variables.queueField + " " + '
      + '(!variables.queueWritten ? "names no queue, which means Volcano\'s \\"default\\" queue" '
      + ': "\\"" + variables.queue + "\\"" + (variables.queue == "default" ? " (Volcano\'s queue for work that names none)" : "") + " is not allowed") + '
      + '" in namespace " + namespaceObject.metadata.name + "; allowed queues: " + '
      + '(size(variables.allowedQueues) == 0 ? "none" : variables.allowedQueues.join(", "))',
    message: `the queue is not one this namespace may use (see the namespace annotation ${ANNOTATIONS.allowedQueues})`,
    reason: 'Forbidden',
  }],
});
