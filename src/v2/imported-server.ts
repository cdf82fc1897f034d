import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Problems, show } from '../errors';
import { AGENT_FALLBACK_CAPABILITIES, CAPABILITY_ACCEPTED, CapabilityEntry, capabilityProblem, serverCapabilities } from './capabilities';
import { registerServer } from './scheduling';
import { serverAgentType } from './server-agent-env';
import { serverMemory } from './server-memory';
import { SERVER_NAME_ACCEPTED, serverNameProblem } from './server-name';
import { ISeldonServer, ServerReferenceOptions } from './server-reference';
import { constructScope } from '../k8s/construct-scope';
import { failedConstruction } from '../k8s/failed-construction';
import { INT32_COUNT, isInt32Count } from '../k8s/int32';
import { checkedArgs } from '../k8s/prop-check';

const KIND = 'SeldonServer reference';

function chartNamespace(scope: IConstruct): string | undefined {
  for (let c: IConstruct | undefined = scope; c; c = c.node.scope) {
    if (Chart.isChart(c)) return (c as Chart).namespace;
  }
  return undefined;
}

/** A Server that exists outside the app, known by name (`SeldonServer.fromServerName()`). */
export class ImportedSeldonServer extends Construct implements ISeldonServer {
  public readonly name: string;

  public constructor(scope: Construct, id: string, name: string, options: ServerReferenceOptions) {
    super(constructScope(scope, 'SeldonServer reference', id), id);
    try {
      [, , name, options] = checkedArgs(this, KIND, 'SeldonServer.fromServerName', scope, id, name, options);
      this.name = name;
      const problems = new Problems(KIND, this);
      const nameIssue = serverNameProblem(name ?? '');
      if (nameIssue) problems.add('name', nameIssue, SERVER_NAME_ACCEPTED);
      if (options.serverConfig?.problem) problems.add('serverConfig', options.serverConfig.problem);
      for (const [field, list] of [['capabilities', options.capabilities], ['extraCapabilities', options.extraCapabilities]] as const) {
        (list ?? []).forEach((c, i) => {
          const issue = capabilityProblem(c);
          if (issue) problems.add(`${field}[${i}]`, issue, CAPABILITY_ACCEPTED);
        });
      }
      if (options.replicas !== undefined && !isInt32Count(options.replicas)) {
        problems.add('replicas', `${show(options.replicas)} is not a replica count`, INT32_COUNT);
      }
      problems.throwIfAny();

      const known = options.serverConfig !== undefined || (options.capabilities?.length ?? 0) > 0;
      // The options say what the existing Server advertises: its ServerConfig's variable rewritten by them, as the operator
      // would; where that config has none, the existing Server may set its own, so the options apply to the agent's list.
      // Read at synth, as a SeldonServer reads its ServerConfig: a ServerConfig of the app may gain capabilities later (addCapability()).
      const asWritten = (): CapabilityEntry | undefined => {
        const entry = options.serverConfig?._capabilityEntry();
        return entry === 'absent' ? { value: AGENT_FALLBACK_CAPABILITIES.join(','), fromRef: false } : entry;
      };
      registerServer(this, () => ({
        construct: this,
        kind: KIND,
        name,
        namespace: chartNamespace(this),
        capabilities: known
          ? serverCapabilities('absent', asWritten(), options.capabilities, options.extraCapabilities ?? [])
          : undefined,
        replicas: options.replicas,
        rcloneMountPaths: [],
        // as for capabilities, an existing Server is assumed to run its ServerConfig unchanged
        memory: options.serverConfig && serverMemory(options.serverConfig._agentMemory(), c => options.serverConfig!._resources(c)?.requests.memory),
        serverType: options.serverConfig && serverAgentType({}, options.serverConfig),
      }));
    } catch (e) { throw failedConstruction(this, e); }
  }
}
