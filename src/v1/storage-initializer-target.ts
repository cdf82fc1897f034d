import { ServerRuntime, TFSERVING_SIDECAR } from './operator-defaults';
import { UnitSpec } from './predictive-unit';
import { SeldonProtocol } from './protocol';

/**
 * Which container of a predictor's pod the v1 operator's storage initializer
 * downloads a node's model for: the one rule the checks of container names,
 * volume names and mount paths share.
 */

/** Whether the operator runs the node as a TensorFlow Serving proxy, with a `tfserving` container beside it (seldondeployment_prepackaged_servers.go). */
export function isTfServingProxy(spec: UnitSpec, protocol?: SeldonProtocol): boolean {
  return spec.kind === 'prepackaged' && spec.server?._runtime?.(protocol) === ServerRuntime.TFSERVING_PROXY;
}

/**
 * The container that gets the model (model_initializer_injector.go): every
 * prepackaged node and any other node with a modelUri gets a storage
 * initializer, for the node's own container, or for `tfserving` beside a
 * TensorFlow Serving proxy node; undefined for a node that gets none.
 */
export function storageInitializerTarget(spec: UnitSpec, protocol?: SeldonProtocol): string | undefined {
  if (spec.kind === 'builtIn' || (spec.kind !== 'prepackaged' && spec.modelUri === undefined)) return undefined;
  return isTfServingProxy(spec, protocol) ? TFSERVING_SIDECAR.name : spec.name;
}
