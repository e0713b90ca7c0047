/** A problem with an audio file's bytes (every decoder's errors derive from it); decode.ts names the file. */
export class AudioFormatError extends Error {}
