/**
 * What the converter says about fields of an input object besides patching
 * them: the fields it leaves out because Seldon never reads them
 * (`ignoredFields` in ./normalise.ts), and the fields Seldon's CRD does not
 * declare. The API server drops those when it stores the object (a CRD's
 * structural schema prunes unknown fields), so Seldon never sees them: a
 * misspelling (`modelURI`), or a field of a newer Seldon than the CRDs the
 * package ships. The converter keeps such a field as written (a patch, or in
 * the ApiObject) so that the program writes what the input says, and says
 * that the cluster will not keep it.
 */
import { Stmt } from './code';
import { ignoredFields } from './normalise';
import { isObject, Json } from '../graph/manifests';
import { bundledRegistry, CrdValidator, SELDON_GROUPS } from '../validation';

let strict: CrdValidator | undefined;
let lenient: CrdValidator | undefined;

/** `/spec/steps/0/inputz` → `spec.steps[0].inputz` (a key of digits inside a list is an index). */
function fieldOf(pointer: string, object: Json): string {
  let value: unknown = object;
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += Array.isArray(value) ? `[${key}]` : `${out === '' ? '' : '.'}${key}`;
    value = Array.isArray(value) ? value[Number(key)] : isObject(value) ? value[key] : undefined;
  }
  return out;
}

/**
 * The fields of a Seldon object that its CRD (as shipped, v1.18.2 and
 * v2.10.2) does not declare, in document order; none for other kinds. Asked
 * of objects the API server accepts: then every problem only strict
 * validation finds is a field the schema does not list.
 */
export function unknownFields(object: Json): string[] {
  const group = typeof object.apiVersion === 'string' ? object.apiVersion.split('/')[0] : '';
  if (!SELDON_GROUPS.includes(group)) return [];
  strict ??= new CrdValidator(bundledRegistry(), { strict: true });
  lenient ??= new CrdValidator(bundledRegistry());
  const accepted = new Set(lenient.validateObject(object).errors.map(e => e.path));
  const fields = strict.validateObject(object).errors.filter(e => e.category === 'schema' && !accepted.has(e.path)).map(e => fieldOf(e.path, object));
  return [...new Set(fields)];
}

/** The fields a converter leaves out, else undefined (for the outcome). */
export function droppedFields(raw: Json): string[] | undefined {
  const fields = ignoredFields(raw);
  return fields.length ? fields : undefined;
}

/**
 * The object's first statement with a note on the fields it leaves out (only
 * a construct leaves any out) and on those its CRD does not declare.
 */
export function withFieldNotes(stmts: Stmt[], raw: Json, construct: boolean): Stmt[] {
  const notes: string[] = [];
  const left = construct ? ignoredFields(raw) : [];
  if (left.length) notes.push(`Left out: ${left.join(', ')} (Seldon's operator, webhook and executor never read ${left.length > 1 ? 'them' : 'it'}).`);
  const unknown = unknownFields(raw);
  if (unknown.length) {
    const them = unknown.length > 1 ? 'them' : 'it';
    notes.push(`Not in Seldon's ${String(raw.kind)} CRD, kept as written: ${unknown.join(', ')}. The API server drops ${them} `
      + `when it stores the object, so Seldon never reads ${them} (a misspelt field?).`);
  }
  const kafka = construct ? kafkaEnvNote(raw) : undefined;
  if (kafka) notes.push(kafka);
  if (notes.length === 0 || stmts.length === 0) return stmts;
  return [{ ...stmts[0], comments: [...(stmts[0].comments ?? []), ...notes] }, ...stmts.slice(1)];
}

/**
 * A SeldonRuntime whose `config.kafkaConfig` names brokers, a consumer prefix or topic counts, and whose overrides do
 * not give the dataflow engine the variables it reads them from: the library renders those overrides
 * (src/v2/runtime/runtime-kafka.ts), so the converted program patches them away to write the input as it is, and the
 * reader should know what that patch keeps.
 */
function kafkaEnvNote(raw: Json): string | undefined {
  const spec = raw.kind === 'SeldonRuntime' && isObject(raw.spec) ? raw.spec : undefined;
  const kafka = spec && isObject(spec.config) && isObject(spec.config.kafkaConfig) ? spec.config.kafkaConfig : undefined;
  const topics = kafka && isObject(kafka.topics) ? kafka.topics : {};
  if (!kafka || ![kafka['bootstrap.servers'], kafka.consumerGroupIdPrefix, topics.numPartitions, topics.replicationFactor].some(v => v !== undefined)) return undefined;
  const overrides = Array.isArray(spec!.overrides) ? spec!.overrides : [];
  if (JSON.stringify(overrides.find(o => isObject(o) && o.name === 'seldon-dataflow-engine') ?? {}).includes('SELDON_KAFKA_')) return undefined;
  return 'config.kafka names brokers, a consumer prefix or topic counts, which Seldon 2.10.2\'s dataflow engine and model gateway read from their own env '
    + '(SELDON_KAFKA_*, KAFKA_DEFAULT_*), not from the seldon-kafka ConfigMap: the library adds those variables as overrides of both, and a patch below '
    + 'takes them out again to write the input as it is. Drop that patch so that every component uses the same Kafka.';
}
