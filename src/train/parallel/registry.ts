/**
 * The replica recipes a worker thread can build, by name (ParallelPlan.recipe). Loaded on demand, so a worker
 * imports only its own recipe's model code; a name, not a module path, so the bundled app finds them too.
 */
import type { ReplicaRecipe } from './types';

export const replicaRecipes: Record<string, () => Promise<ReplicaRecipe>> = {
  lid: async () => (await import('../lid-replica')).lidReplica,
  asr: async () => (await import('../asr-replica')).asrReplica,
  /** The autoencoder, the VAE and the GAN. */
  generative: async () => (await import('../generative-replica')).generativeReplica,
  wavenet: async () => (await import('../wavenet-replica')).wavenetReplica,
  /** A small linear model for tests of the pool and the loop (test-replica.ts), with failures on request. */
  test: async () => (await import('./test-replica')).testReplica,
};
