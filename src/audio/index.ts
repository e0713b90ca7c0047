/** Audio in and out: decode WAV (PCM, float, G.711, GSM, ADPCM)/AIFF/FLAC/MP3/Ogg Vorbis/Ogg Opus/WebM Opus/GSM, mix, resample, write WAV and .npy, find files. */
export type { AudioFormat, AudioInfo, DecodedAudio, MonoAudio, WavEncoding, WavWriteFormat } from './types';
export { AUDIO_FORMATS } from './types';
export { decodeBytes, decodeFile, probeFile } from './decode';
export { loadAudio, DEFAULT_SAMPLE_RATE, type LoadAudioOptions } from './load';
export { resample, DEFAULT_RESAMPLE_OPTIONS, type ResampleOptions } from './resample';
export { mixToMono } from './mix';
export { encodeWav, writeWav } from './wav-encode';
export { encodeNpy, decodeNpy, writeNpy, readNpy, type NpyArray } from './npy';
export { listAudioFiles, listLabelledFiles, hasAudioExtension, describeTally, emptyTally, AUDIO_EXTENSIONS, type LabelledFile, type ListingTally } from './files';
export { onAudioWarning, reportAudioWarning, type AudioWarning, type AudioWarningListener } from './warnings';
export { withPeakDb } from './peak';
