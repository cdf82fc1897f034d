import { ScalarTag, Tags } from 'yaml';

const KUBECTL_TAGS = ['map', 'seq', 'str', 'null', 'bool', 'int', 'float', 'merge'].map(t => `tag:yaml.org,2002:${t}`);

/**
 * YAML 1.1 as kubectl reads it (and cdk8s writes it): `yes`/`on` are booleans
 * and `0755` is octal, but dates and `10:30` stay strings, because kubectl's
 * YAML-to-JSON conversion has no timestamps and no base-60 numbers.
 */
export function kubectlTags(tags: Tags): Tags {
  return tags.filter(tag => typeof tag !== 'string' && KUBECTL_TAGS.includes(tag.tag) && (tag as ScalarTag).format !== 'TIME');
}

