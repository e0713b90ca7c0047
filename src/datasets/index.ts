/** Datasets: labelled sets with splits, a 16-bit PCM cache on disk, and streamed feature batches. */
export { readLabelledSet, itemsOfSplit, stratifiedSplit, type LabelledItem, type LabelledSet } from './labelled';
export { GROUP_BY, GROUP_COLUMNS, compileGroupPattern, groupedSplit, groupsOf, type GroupBy, type GroupedSplit, type ItemGroups } from './groups';
export { findDuplicates } from './duplicates';
export { MANIFEST_FILE, readManifest, manifestKey, type Manifest } from './manifest';
export { PcmCache, type CachedClip, type PcmCacheHandle, type PcmCacheOptions } from './cache';
export { BatchPrefetcher, type PrefetcherOptions, type PrefetchPass } from './prefetch';
export {
  clipBatchCount,
  clipBatches,
  featureBatch,
  fitLength,
  readCrop,
  noAugment,
  type AugmentConfig,
  type ClipBatchOptions,
  type FeatureBatch,
} from './labelled-batches';
