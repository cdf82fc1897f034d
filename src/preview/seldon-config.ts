/**
 * The v1 operator's ConfigMap `seldon-config`, when the manifests carry one:
 * its `predictor_servers` (custom servers, other images) and
 * `storageInitializer` replace the Helm defaults in the preview
 * (operator/apis/machinelearning.seldon.io/v1/prepack.go `getPredictorServerConfigsFromMap`,
 * operator/controllers/model_initializer_injector.go `getStorageInitializerConfigsFromMap` @v1.18.2).
 */
import { Json } from '../k8s/json';
import { V1OperatorConfig } from '../v1/operator';

/** The operator's settings with a `seldon-config` ConfigMap's applied; problems when its JSON does not parse. */
export function withSeldonConfig(base: V1OperatorConfig, objects: readonly Json[]): { config: V1OperatorConfig; problems: string[] } {
  const configMap = objects.find(o => o.kind === 'ConfigMap' && o.apiVersion === 'v1' && o.metadata?.name === 'seldon-config');
  if (!configMap?.data) return { config: base, problems: [] };
  const problems: string[] = [];
  const parse = (key: string): Json | undefined => {
    const text = configMap.data[key];
    if (typeof text !== 'string') return undefined;
    try {
      return JSON.parse(text);
    } catch (e) {
      // the operator panics on it: "Unable to unmarshall <key> json string"
      problems.push(`ConfigMap seldon-config: ${key} is not JSON (${(e as Error).message}); the operator would stop`);
      return undefined;
    }
  };
  let config = base;
  const servers = parse('predictor_servers');
  if (servers) {
    const predictorServers: { [name: string]: { [protocol: string]: string } } = {};
    for (const [name, entry] of Object.entries(servers as Json)) {
      predictorServers[name] = Object.fromEntries(Object.entries((entry as Json)?.protocols ?? {})
        .map(([protocol, image]) => [protocol, (image as Json)?.defaultImageVersion ? `${(image as Json).image}:${(image as Json).defaultImageVersion}` : String((image as Json)?.image ?? '')]));
    }
    config = { ...config, predictorServers };
  }
  const initializer = parse('storageInitializer');
  if (initializer) {
    config = {
      ...config,
      storageInitializerImage: initializer.image || config.storageInitializerImage,
      storageInitializerResources: {
        limits: { cpu: initializer.cpuLimit, memory: initializer.memoryLimit },
        requests: { cpu: initializer.cpuRequest, memory: initializer.memoryRequest },
      },
    };
  }
  return { config, problems };
}
