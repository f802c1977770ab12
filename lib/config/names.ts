/** Name rules of the Kubernetes API, as the API server applies them. */

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Maximum length of a DNS-1123 label (namespaces, most names). */
export const DNS1123_LABEL_MAX = 63;
/** Maximum length of a DNS-1123 subdomain (cluster-scoped names such as PriorityClasses). */
export const DNS1123_SUBDOMAIN_MAX = 253;

export function isDns1123Label(name: string): boolean {
  return typeof name === 'string' && name.length <= DNS1123_LABEL_MAX && DNS1123_LABEL.test(name);
}

export function isDns1123Subdomain(name: string): boolean {
  return typeof name === 'string' && name.length <= DNS1123_SUBDOMAIN_MAX && DNS1123_SUBDOMAIN.test(name);
}

/**
 * A resource name such as `cpu`, `memory` or `nvidia.com/gpu`: an optional DNS subdomain prefix and a
 * qualified name of at most 63 characters.
 */
export function isResourceName(name: string): boolean {
  return isQualifiedName(name);
}

/** A label (or annotation) key such as `app` or `volcano-platform.io/tenant`: the same form as a resource name. */
export function isLabelKey(key: string): boolean {
  return isQualifiedName(String(key));
}

/** A label value: empty, or at most 63 letters, digits, `-`, `_`, `.` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return typeof value === 'string' && value.length <= DNS1123_LABEL_MAX && (value === '' || QUALIFIED_NAME.test(value));
}

/** An optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
function isQualifiedName(name: string): boolean {
  const slash = name.lastIndexOf('/');
  const prefix = slash >= 0 ? name.slice(0, slash) : undefined;
  const local = slash >= 0 ? name.slice(slash + 1) : name;
  if (prefix !== undefined && !isDns1123Subdomain(prefix)) return false;
  return local.length > 0 && local.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(local);
}

/**
 * Whether a Kubernetes user or group name can be exempted by the admission policies, which quote it in
 * CEL: not blank, and without quotes or backslashes.
 */
export function isQuotableIdentity(name: string): boolean {
  return name.trim() !== '' && !/["\\]/.test(name);
}

/** The rule text used in error messages, so every check words it the same way. */
export const DNS1123_LABEL_RULE = 'must be a DNS-1123 label (lowercase letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)';
export const LABEL_KEY_RULE = 'must be a Kubernetes label key (optional DNS prefix and "/", then at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric)';
export const LABEL_VALUE_RULE = 'must be a Kubernetes label value (at most 63 letters, digits, "-", "_", "." starting and ending alphanumeric)';
export const DNS1123_SUBDOMAIN_RULE = 'must be a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)';
export const IDENTITY_RULE = 'must be a non-empty name without quotes or backslashes';
