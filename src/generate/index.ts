/** Fast incremental WaveNet generation. */
export { FastWavenet } from './fast-wavenet';
export { FastWavenetSimd } from './fast-wavenet-simd';
export { createGenerator, defaultGenerateOptions, generateAudio, labelIndex, type GenerateOptions, type GeneratedAudio } from './generate';
export { sampleLogits } from './sample';
