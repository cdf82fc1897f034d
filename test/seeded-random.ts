/** A small deterministic generator of numbers in [0, 1), so that a failing random case can be built again from its seed. */
export function seededRandom(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}
