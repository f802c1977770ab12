import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedPriorityClass } from '../config/model';

/** Props of {@link PriorityClasses}. */
export interface PriorityClassesProps {
  /** The environment's priority classes, rendered in this order. */
  readonly classes: readonly ResolvedPriorityClass[];
}

/** The platform's PriorityClasses (cluster-scoped). */
export class PriorityClasses extends Construct {
  constructor(scope: Construct, id: string, props: PriorityClassesProps) {
    super(scope, id);
    for (const pc of props.classes) {
      new k8s.KubePriorityClass(this, pc.name, {
        metadata: { name: pc.name },
        value: pc.value,
        description: pc.description,
        preemptionPolicy: pc.preemptionPolicy,
        globalDefault: pc.globalDefault,
      });
    }
  }
}
