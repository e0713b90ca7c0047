/**
 * PcmCache: every clip of a set decoded ONCE to 16-bit PCM (mono, at the model's rate) in one file on disk, and
 * read back a window at a time. Training then streams random crops without holding the corpus in memory (a
 * 10-hour corpus is 1.15 GB of PCM on disk, a few MB in RAM: the index and one batch) and without decoding
 * FLAC/MP3 again every epoch. The cache is keyed by the files' paths, sizes and mtimes and the rate, so a
 * changed set gets a new one; bad files are reported and left out.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadAudio } from '../audio';
import { messageOf } from '../util/errors';
import { readJsonFile } from '../util/json-file';

/** One cached clip: where its samples start in the PCM file and how many there are. */
export interface CachedClip {
  file: string;
  /** Byte offset in the PCM file. */
  offset: number;
  /** Samples (2 bytes each). */
  samples: number;
}

/** Options of PcmCache.build. */
export interface PcmCacheOptions {
  /** Directory holding cache files. Required. */
  dir: string;
  /** Rate the clips are resampled to. Default 16000. */
  sampleRate?: number;
  /** Called for a file that cannot be decoded; the file is left out. Default: ignore. */
  onBadFile?: (file: string, reason: string) => void;
  /** Called after each decoded file (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** A built cache as plain data, to open it in another thread. */
export interface PcmCacheHandle {
  path: string;
  clips: (CachedClip | null)[];
  sampleRate: number;
}

const SCALE = 32767;
const LITTLE_ENDIAN = endianness() === 'LE';

/** Decoded clips in one 16-bit PCM file (see file doc). Read-only once built; close() when done. */
export class PcmCache {
  private fd: number;
  private scratch = Buffer.alloc(0);

  private constructor(
    readonly path: string,
    readonly clips: (CachedClip | null)[],
    readonly sampleRate: number,
  ) {
    this.fd = openSync(path, 'r');
  }

  /**
   * Decodes `files` into a cache under options.dir (reusing a complete one for the same files and rate).
   * clips[i] is null where files[i] could not be decoded.
   */
  static async build(files: string[], options: PcmCacheOptions): Promise<PcmCache> {
    const sampleRate = options.sampleRate ?? 16000;
    const hash = createHash('sha256').update(String(sampleRate));
    for (const file of files) {
      let stamp = 'missing';
      try {
        const s = statSync(file);
        stamp = `${s.size}:${s.mtimeMs}`;
      } catch {
        // reported when decoding
      }
      hash.update(`\n${resolve(file)}\t${stamp}`);
    }
    const key = hash.digest('hex').slice(0, 20);
    await mkdir(options.dir, { recursive: true });
    const pcmPath = join(options.dir, `${key}.pcm16`);
    const indexPath = join(options.dir, `${key}.json`);
    if (existsSync(pcmPath) && existsSync(indexPath)) {
      const index = (await readJsonFile(indexPath)) as { clips: (CachedClip | null)[]; errors: [string, string][] };
      for (const [file, reason] of index.errors) options.onBadFile?.(file, reason);
      return new PcmCache(pcmPath, index.clips, sampleRate);
    }
    const temp = `${pcmPath}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w');
    const clips: (CachedClip | null)[] = [];
    const errors: [string, string][] = [];
    let offset = 0;
    try {
      for (const [i, file] of files.entries()) {
        try {
          const { samples } = await loadAudio(file, { sampleRate });
          const pcm = new Int16Array(samples.length);
          for (let n = 0; n < samples.length; n++) pcm[n] = Math.round(Math.max(-1, Math.min(1, samples[n])) * SCALE);
          writeSync(fd, new Uint8Array(pcm.buffer));
          clips.push({ file, offset, samples: pcm.length });
          offset += pcm.byteLength;
        } catch (error) {
          clips.push(null);
          const reason = messageOf(error).replace(`${file}: `, '');
          errors.push([file, reason]);
          options.onBadFile?.(file, reason);
        }
        options.onProgress?.(i + 1, files.length);
      }
    } finally {
      closeSync(fd);
    }
    await rename(temp, pcmPath);
    await writeFile(indexPath, JSON.stringify({ clips, errors }));
    return new PcmCache(pcmPath, clips, sampleRate);
  }

  /** What another thread needs to open this cache again (PcmCache.reopen). */
  handle(): PcmCacheHandle {
    return { path: this.path, clips: this.clips, sampleRate: this.sampleRate };
  }

  /** Opens a built cache again from its handle (e.g. in a worker thread); close() it when done. */
  static reopen(handle: PcmCacheHandle): PcmCache {
    return new PcmCache(handle.path, handle.clips, handle.sampleRate);
  }

  /** Samples of clip i (0 when it could not be decoded). */
  length(i: number): number {
    return this.clips[i]?.samples ?? 0;
  }

  /** Reads `count` samples of clip i from `start` as floats in [-1, 1] (clamped to the clip). */
  read(i: number, start = 0, count = this.length(i) - start): Float32Array {
    const clip = this.clips[i];
    if (!clip) throw new Error(`PcmCache: clip ${i} was not decoded`);
    const from = Math.max(0, Math.min(start, clip.samples));
    const n = Math.max(0, Math.min(count, clip.samples - from));
    if (this.scratch.length < 2 * n) this.scratch = Buffer.alloc(2 * n);
    readSync(this.fd, this.scratch, 0, 2 * n, clip.offset + 2 * from);
    const out = new Float32Array(n);
    if (LITTLE_ENDIAN) {
      // the file's little-endian 16-bit samples are this machine's Int16Array (Buffer.alloc starts at offset 0)
      const pcm = new Int16Array(this.scratch.buffer, this.scratch.byteOffset, n);
      for (let k = 0; k < n; k++) out[k] = pcm[k] / SCALE;
    } else {
      for (let k = 0; k < n; k++) out[k] = this.scratch.readInt16LE(2 * k) / SCALE;
    }
    return out;
  }

  /** Closes the PCM file. */
  close(): void {
    closeSync(this.fd);
  }
}
