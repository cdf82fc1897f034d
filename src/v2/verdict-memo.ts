/**
 * A memo keyed by namespace and set of requirements: a trie by namespace,
 * then by each distinct requirement in sorted order. Walking the trie finds
 * a slot without building a string key per model, which costs more than the
 * lookup itself.
 */
export interface MemoNode<V> {
  value?: V;
  readonly next: Map<string, MemoNode<V>>;
}

/** The slot of `memo` for `namespace` and `requirements`, created empty when new. */
export function memoSlot<V>(memo: Map<string, MemoNode<V>>, namespace: string, requirements: readonly string[]): MemoNode<V> {
  let node = memo.get(namespace);
  if (!node) {
    node = { next: new Map() };
    memo.set(namespace, node);
  }
  for (const r of distinctSorted(requirements)) {
    let child: MemoNode<V> | undefined = node.next.get(r);
    if (!child) {
      child = { next: new Map() };
      node.next.set(r, child);
    }
    node = child;
  }
  return node;
}

function distinctSorted(values: readonly string[]): readonly string[] {
  if (values.length < 2) return values;
  if (values.length === 2) {
    const [a, b] = values;
    return a === b ? [a] : a < b ? values : [b, a];
  }
  return [...new Set(values)].sort();
}
