/**
 * Reproducible vectors for tests and the bench: the same seed gives the same rows and queries on every run, so a
 * recall figure or a test's threshold compares across runs.
 */

/** mulberry32: a small, fast generator of numbers in [0, 1) from a 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A direction drawn uniformly on the unit sphere (Box-Muller normals, normalised). */
export function randomUnitVector(dimensions: number, random: () => number): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
  return normalized(vector);
}

/** A unit vector near `topic`: the topic plus `spread` times a random direction, normalised (clustered data). */
export function nearTopic(topic: Float32Array, random: () => number, spread: number): Float32Array {
  const noise = randomUnitVector(topic.length, random);
  return normalized(topic.map((value, d) => value + spread * noise[d]!));
}

function normalized(vector: Float32Array): Float32Array {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}
