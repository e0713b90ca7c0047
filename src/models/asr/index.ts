/** The CTC speech recogniser: alphabet, config, builder, save/load and recognition. */
export { ASR_CHARACTERS, ASR_CLASSES, ASR_LABELS, SPACE_CLASS, encodeText, decodeLabels } from './alphabet';
export { defaultAsrModelConfig, resolveAsrModelConfig, type AsrModelConfig, type AsrModelConfigInput } from './config';
export { buildAsrModel, type AsrModel } from './build';
export { saveAsrModel, loadAsrModel, type AsrModelInfo, type LoadedAsrModel } from './io';
export { recogniseFeatures, decodePosteriors, logPosteriors, wordListConstraint, type DecodeOptions, type Recognition, type TokenTiming } from './recognise';
export { transcribeFile, type FileTranscript, type TranscribeOptions } from './transcribe-file';
export { readWordList } from './word-list';
