/** The language-identification model: config, builder and its logits view. */
export { buildLidModel, lidInputDims, lidLogitsModel, LOGITS_LAYER } from './build';
export { defaultLidModelConfig, FRONTENDS, receptiveFrames, resolveLidModelConfig, type Frontend, type LidModelConfig } from './config';
