import { ScalarTag, Tags } from 'yaml';

const KUBECTL_TAGS = ['map', 'seq', 'str', 'null', 'bool', 'int', 'float', 'merge'].map(t => `tag:yaml.org,2002:${t}`);
const FLOAT = 'tag:yaml.org,2002:float';

/**
 * A float as go-yaml v2 reads one, which kubectl uses (resolve.go): a plain
 * scalar starting with a sign, "." or a digit that, with its "_" removed, is
 * `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` and has a "." or an
 * exponent (without either it is an int). The yaml package's YAML 1.1 floats
 * also take a mantissa without digits, so `e1`, `-e5` or `.` became NaN
 * (null in JSON) where kubectl reads the strings: a Model named `e1` lost
 * its name.
 */
const GO_YAML_FLOAT: ScalarTag = {
  tag: FLOAT,
  default: true,
  // A digit or a sign first: "_" anywhere after it (go-yaml drops them); a "." first: Go's ParseFloat of the text as
  // written, which takes no "_" (resolve.go's case '.').
  test: /^(?=[^.eE]*[.eE])(?:[-+]_*(?:\._*[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE]_*(?:[-+]_*)?[0-9][0-9_]*)?|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE]_*(?:[-+]_*)?[0-9][0-9_]*)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/,
  resolve: (text: string) => parseFloat(text.replace(/_/g, '')),
};

/**
 * YAML 1.1 as kubectl reads it (and cdk8s writes it): `yes`/`on` are booleans
 * and `0755` is octal, but dates and `10:30` stay strings, because kubectl's
 * YAML-to-JSON conversion has no timestamps and no base-60 numbers; floats are
 * go-yaml's (`GO_YAML_FLOAT`), and `.inf`/`.nan` as the yaml package reads them.
 */
export function kubectlTags(tags: Tags): Tags {
  const kept = tags.filter(tag => typeof tag !== 'string' && KUBECTL_TAGS.includes(tag.tag) && (tag as ScalarTag).format !== 'TIME'
    && (tag.tag !== FLOAT || /inf/.test(String((tag as ScalarTag).test))));
  return [GO_YAML_FLOAT, ...kept];
}
