import { show } from '../errors';
import { DNS_1035_LABEL_RULE, nameProblem } from '../names';

/** The StatefulSet controller labels pods `<name>-<hash of up to 10 characters>`, a label value of at most 63. */
const MAX_SERVER_NAME = 52;

export const SERVER_NAME_ACCEPTED = 'a Server name is accepted: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit, '
  + `at most ${MAX_SERVER_NAME} characters (the operator creates a StatefulSet and Services of this name)`;

/** Why `name` cannot name a Server, or undefined. */
export function serverNameProblem(name: string): string | undefined {
  const issue = nameProblem(name, DNS_1035_LABEL_RULE);
  if (issue) return issue;
  return name.length > MAX_SERVER_NAME
    ? `${show(name)} has ${name.length} characters; Kubernetes labels StatefulSet pods with "<name>-<revision hash>", which must fit in 63`
    : undefined;
}
