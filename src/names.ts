/**
 * Kubernetes naming rules. Seldon names become Service, Deployment, container
 * and label values, so each construct checks the names it renders against the
 * strictest rule the operator will apply to them.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// DNS labels joined by single dots: one regex instead of a split and a test per part (checked on every object's name)
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The rule a name must follow, with the sentence used in error messages. */
export interface NameRule {
  readonly check: (name: string) => boolean;
  readonly accepted: string;
}

/** RFC 1123 label: container, port, volume and predictor names. */
export const DNS_1123_LABEL: NameRule = {
  check: n => n.length <= 63 && DNS_LABEL.test(n),
  accepted: 'a DNS-1123 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting and ending with a letter or digit',
};

/**
 * The name of a v1 graph node that runs as a container: the operator labels the node's Deployment, pod template and
 * Service with the key `seldon-app-svc-<name>` (seldondeployment_controller.go createContainerService), and the name
 * part of a label key is at most 63 characters, which leaves 48 for the node.
 */
export const SELDON_NODE_CONTAINER_NAME: NameRule = {
  check: n => n.length <= 48 && DNS_LABEL.test(n),
  accepted: 'a DNS-1123 label of at most 48 characters (a-z, 0-9 and "-", starting and ending with a letter or digit): '
    + 'the operator labels the node\'s Deployment and Service with the key seldon-app-svc-<name>, whose name part is at most 63 characters',
};

/** RFC 1035 label: names that become Service names (they must start with a letter). */
export const DNS_1035_LABEL_RULE: NameRule = {
  check: n => n.length <= 63 && DNS_1035_LABEL.test(n),
  accepted: 'a DNS-1035 label is accepted: at most 63 characters of a-z, 0-9 and "-", starting with a letter and ending with a letter or digit',
};

/**
 * A SeldonDeployment name: it prefixes the names of the Services and
 * Deployments the operator creates, so it follows DNS-1035 (no dots, starting
 * with a letter); the operator hashes derived names longer than 63
 * characters, so the object-name limit of 253 applies.
 */
export const SELDON_DEPLOYMENT_NAME: NameRule = {
  check: n => n.length <= 253 && DNS_1035_LABEL.test(n),
  accepted: 'a SeldonDeployment name is accepted: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit, at most 253 characters '
    + '(past 63 the operator names the Services it derives seldon-<md5>)',
};

/** RFC 1123 subdomain: names of Secrets and PersistentVolumeClaims. */
export const DNS_1123_SUBDOMAIN: NameRule = {
  check: n => n.length <= 253 && DNS_SUBDOMAIN.test(n),
  accepted: 'a DNS-1123 subdomain is accepted: at most 253 characters of a-z, 0-9, "-" and ".", each dot-separated part starting and ending with a letter or digit',
};

/** Returns a problem description if `name` breaks `rule`. */
export function nameProblem(name: string, rule: NameRule): string | undefined {
  return rule.check(name) ? undefined : `${JSON.stringify(name)} is not a valid name`;
}
