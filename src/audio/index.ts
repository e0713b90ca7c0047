/** Audio in and out: decode WAV/FLAC/MP3/Ogg Vorbis, mix, resample, write WAV and .npy, find files. */
export type { AudioFormat, AudioInfo, DecodedAudio, MonoAudio, WavEncoding, WavWriteFormat } from './types';
export { AUDIO_FORMATS } from './types';
export { decodeBytes, decodeFile, probeFile } from './decode';
export { loadAudio, DEFAULT_SAMPLE_RATE, type LoadAudioOptions } from './load';
export { resample, DEFAULT_RESAMPLE_OPTIONS, type ResampleOptions } from './resample';
export { mixToMono } from './mix';
export { encodeWav, writeWav } from './wav-encode';
export { encodeNpy, decodeNpy, writeNpy, readNpy, type NpyArray } from './npy';
export { listAudioFiles, listLabelledFiles, hasAudioExtension, AUDIO_EXTENSIONS, type LabelledFile } from './files';
