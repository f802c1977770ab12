// Typed L1 bindings for the prometheus-operator `monitoring.coreos.com/v1` resources this project emits
// (ServiceMonitor, PrometheusRule), in the shape `cdk8s import` produces. Written for this project from
// the field names of the prometheus-operator 0.93 CRDs; only the fields we use are typed.
import { ApiObject, ApiObjectMetadata, GroupVersionKind } from 'cdk8s';
import { Construct } from 'constructs';

/** A label selector (`matchLabels` only: the platform selects Services by exact labels). */
export interface ServiceMonitorSpecSelector {
  /** Labels the Service must carry. */
  readonly matchLabels?: { [key: string]: string };
}

/** Namespaces in which the operator looks for the selected Services. */
export interface ServiceMonitorSpecNamespaceSelector {
  /** Explicit namespace names. */
  readonly matchNames?: string[];
  /** Every namespace; mutually exclusive with `matchNames`. */
  readonly any?: boolean;
}

/** A relabeling step applied to a target before scraping (Prometheus `relabel_config`). */
export interface ServiceMonitorSpecEndpointsRelabelings {
  /** Source labels whose values are joined with `separator`. */
  readonly sourceLabels?: string[];
  /** Label written by `replace`. */
  readonly targetLabel?: string;
  /** Regular expression matched against the joined source values. */
  readonly regex?: string;
  /** Replacement for `replace`, may reference regex groups. */
  readonly replacement?: string;
  /** `replace`, `keep`, `drop`, `labelmap`, ... */
  readonly action?: string;
}

/** One scraped port of the selected Services. */
export interface ServiceMonitorSpecEndpoints {
  /** Name of the Service port. */
  readonly port?: string;
  /** HTTP path of the metrics. */
  readonly path?: string;
  /** `http` or `https`. */
  readonly scheme?: string;
  /** Scrape interval, e.g. `30s`. */
  readonly interval?: string;
  /** Scrape timeout, at most the interval. */
  readonly scrapeTimeout?: string;
  /** Whether labels of the scraped metrics win over target labels on conflict. */
  readonly honorLabels?: boolean;
  /** Relabelings applied to the target before scraping. */
  readonly relabelings?: ServiceMonitorSpecEndpointsRelabelings[];
}

/** `spec` of a ServiceMonitor. */
export interface ServiceMonitorSpec {
  /** Which Services to scrape. */
  readonly selector: ServiceMonitorSpecSelector;
  /** Where to look for them. */
  readonly namespaceSelector?: ServiceMonitorSpecNamespaceSelector;
  /** The ports to scrape. */
  readonly endpoints: ServiceMonitorSpecEndpoints[];
  /** Service label whose value becomes the `job` label. */
  readonly jobLabel?: string;
  /** Service labels copied onto every scraped series. */
  readonly targetLabels?: string[];
}

/** Props of a ServiceMonitor. */
export interface ServiceMonitorProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: ServiceMonitorSpec;
}

/** A prometheus-operator ServiceMonitor (namespaced). */
export class ServiceMonitor extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
  };

  /** Renders a ServiceMonitor manifest without a construct scope. */
  public static manifest(props: ServiceMonitorProps): any {
    return { ...ServiceMonitor.GVK, ...toJson_ServiceMonitorProps(props) };
  }

  public constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id, { ...ServiceMonitor.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...ServiceMonitor.GVK, ...toJson_ServiceMonitorProps(resolved) };
  }
}

/** Converts ServiceMonitorProps to the JSON the API server expects. */
export function toJson_ServiceMonitorProps(obj: ServiceMonitorProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({ metadata: obj.metadata, spec: obj.spec });
}

/** One recording or alerting rule; exactly one of `record` and `alert` is set. */
export interface PrometheusRuleSpecGroupsRules {
  /** Name of the series a recording rule writes. */
  readonly record?: string;
  /** Name of the alert an alerting rule raises. */
  readonly alert?: string;
  /** The PromQL expression. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires, e.g. `5m`. */
  readonly for?: string;
  /** Labels added to the recorded series or the alert. */
  readonly labels?: { [key: string]: string };
  /** Alert annotations (templated). */
  readonly annotations?: { [key: string]: string };
}

/** A group of rules evaluated together, in order. */
export interface PrometheusRuleSpecGroups {
  /** Group name, unique in the rule file. */
  readonly name: string;
  /** Evaluation interval, e.g. `30s`; the global one when unset. */
  readonly interval?: string;
  /** The rules, evaluated in this order. */
  readonly rules: PrometheusRuleSpecGroupsRules[];
}

/** `spec` of a PrometheusRule: exactly a Prometheus rule file. */
export interface PrometheusRuleSpec {
  readonly groups: PrometheusRuleSpecGroups[];
}

/** Props of a PrometheusRule. */
export interface PrometheusRuleProps {
  readonly metadata?: ApiObjectMetadata;
  readonly spec: PrometheusRuleSpec;
}

/** A prometheus-operator PrometheusRule (namespaced). */
export class PrometheusRule extends ApiObject {
  public static readonly GVK: GroupVersionKind = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
  };

  /** Renders a PrometheusRule manifest without a construct scope. */
  public static manifest(props: PrometheusRuleProps): any {
    return { ...PrometheusRule.GVK, ...toJson_PrometheusRuleProps(props) };
  }

  public constructor(scope: Construct, id: string, props: PrometheusRuleProps) {
    super(scope, id, { ...PrometheusRule.GVK, ...props });
  }

  public override toJson(): any {
    const resolved = super.toJson();
    return { ...PrometheusRule.GVK, ...toJson_PrometheusRuleProps(resolved) };
  }
}

/** Converts PrometheusRuleProps to the JSON the API server expects. */
export function toJson_PrometheusRuleProps(obj: PrometheusRuleProps | undefined): Record<string, any> | undefined {
  if (obj === undefined) return undefined;
  return dropUndefined({ metadata: obj.metadata, spec: obj.spec });
}

/** Drops undefined fields, as the generated bindings do. */
function dropUndefined(value: Record<string, any>): Record<string, any> {
  return JSON.parse(JSON.stringify(value));
}
