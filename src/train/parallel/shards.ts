/** How a batch is cut into contiguous shards for data-parallel training. */

/**
 * Sizes of at most `n` contiguous shards of `examples` examples, in batch order: as even as possible, the larger ones
 * first, none empty (fewer shards than `n` when the batch is smaller). shardSizes(10, 3) = [4, 3, 3].
 */
export function shardSizes(examples: number, n: number): number[] {
  const count = Math.max(1, Math.min(n, examples));
  const base = Math.floor(examples / count);
  return Array.from({ length: count }, (_, i) => base + (i < examples % count ? 1 : 0));
}

/** The [start, end) example ranges of shardSizes(examples, n). */
export function shardRanges(examples: number, n: number): [number, number][] {
  let start = 0;
  return shardSizes(examples, n).map((size) => [start, (start += size)]);
}
