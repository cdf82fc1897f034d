import { ApiObject, App, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { formatProblem, show } from '../errors';
import { knownConstruct } from './known-construct';

/**
 * With `YamlOutputType.FILE_PER_RESOURCE` cdk8s writes each object to `<Kind>.<name>.k8s.yaml` in the output
 * directory, and with `FOLDER_PER_CHART_FILE_PER_RESOURCE` to that file in its chart's folder (cdk8s/lib/app.js
 * `synth`): the namespace is not in the name, so two objects of one kind and name in two namespaces share a file and
 * cdk8s keeps the last. Objects of one namespace are the name check's (unique-names.ts); this reports the others.
 */
export function outputFileProblems(root: IConstruct, objects: readonly ApiObject[]): string[] {
  if (!(root instanceof App)) return [];
  const type = root.yamlOutputType;
  const perChart = type === YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE;
  if (type !== YamlOutputType.FILE_PER_RESOURCE && !perChart) return [];
  const typeName = perChart ? 'FOLDER_PER_CHART_FILE_PER_RESOURCE' : 'FILE_PER_RESOURCE';
  const seen = new Map<string, ApiObject>();
  const problems: string[] = [];
  for (const object of objects) {
    const file = `${object.kind}.${object.name}`.replace(/[^0-9a-zA-Z-_.]/g, '');
    const key = perChart ? `${object.chart.node.path}\u0000${file}` : file;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, object);
      continue;
    }
    const [ns, firstNs] = [object.metadata.namespace, first.metadata.namespace];
    if (ns === firstNs) continue;
    const owner = knownConstruct(object);
    const other = knownConstruct(first);
    problems.push(formatProblem(owner === object ? object.kind : owner.constructor.name, owner.node.path, 'metadata.name',
      `${show(object.name)} gives the file "${file}${root.outputFileExtension}" under YamlOutputType.${typeName}${perChart ? ` in chart '${object.chart.node.path}'` : ''}, `
        + `which ${other === first ? first.kind : other.constructor.name} '${other.node.path}' (namespace ${show(firstNs ?? '(none)')}) also gets: `
        + 'cdk8s names these files without the namespace and would keep only one of the two objects',
      `a name not used by another ${object.kind} of the app${perChart ? '\'s chart' : ''} in any namespace, or YamlOutputType.FILE_PER_CHART or FILE_PER_APP`));
  }
  return problems;
}
