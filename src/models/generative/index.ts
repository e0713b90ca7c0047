/** Generative models on log-mel patches: autoencoder, VAE and GAN (dense stacks that train on every engine). */
export * from './patches';
export * from './config';
export * from './network';
export { aeDecode, aeEncode, aeLoss } from './autoencoder';
export { gaussianNll, interpolateCodes, klDivergence, natsPerFrame, reparameterise, vaeDecode, vaeEncode, vaeSamplePrior, vaeTerms, type VaeTerms } from './vae';
export { diversityCheck, ganDiscriminate, ganGenerate, ganLosses, meanPairwiseDistance, MODE_COLLAPSE_RATIO, REAL_LABEL } from './gan';
export { CURVES_FILE, generativeKindOf, KIND_NAMES, loadGenerative, loadGenerativeCurves, saveGenerative, type GenerativeCurves, type LoadedGenerative } from './files';
export { decodeCodes, encodePatches, meanCode, priorCodes, reconstructLogMel, samplePatches } from './codec';
export { encodeFile, fileLogMel, generateAudioSamples, interpolateFiles, patchesToAudio, reconstructFile, secondsPerPatch, type FileCodes } from './audio';
export { bitsPerSecond, dctCodes, fromDctCodes, lowOrderIndices, quantise, rangesOf, type QuantiserRange } from './compression';
export { frechetDistance, meanAndCovariance, pca2, symmetricEigen } from './frechet';
