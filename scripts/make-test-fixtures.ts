/**
 * Remakes every file of tests/fixtures with the reference tools, so `npm test` needs none of them: audio made by sox
 * (lame for MP3, flac for FLAC in Ogg; GSM 06.10 by sox's libgsm), files cut the ways other decoders still play, the
 * reference decoders' samples (.ref.npy, shape [channels, frames]), `flac -a`
 * frame offsets, soxi figures, espeak-ng speech and phonemes, and sclite scores of seeded random pairs.
 *
 * Needs (Debian): apt-get install espeak-ng sox libsox-fmt-all flac vorbis-tools lame sctk opus-tools ffmpeg
 * Usage: npx tsx scripts/make-test-fixtures.ts [--only fidelity|browser-recording]  (remake only those fixtures)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeNpy, encodeWav } from '../src/audio';
import { formatTrn } from '../src/metrics/trn';
import { DEFAULT_DEMO_CONFIG as demoConfig } from './demo/config';
import { speak, type ToolRunner } from './demo/synth';
import { readTsv } from './demo/tsv';
import { sustainedVowelSsml } from './demo/wavenet';
import { sine } from '../tests/audio/fixtures';
import {
  BROWSER_WEBM, DEMO_FLAC_CLIPS, ENDS_EARLY, EXACT_MP3, FIDELITY_CASES, FIDELITY_SECONDS, FIXTURES, FLAC_NOISE, GSM_SPEECH, ODD_CHUNK_WAV, PLAIN_SPEECH, SPEECH_TEXTS,
  SPEECH_VOICES, fixture, plainSpeechClip, speechClip, type FidelityCase, type ScliteFixture,
} from '../tests/fixtures/catalog';
import { SCLITE_SETS, randomPairs } from '../tests/metrics/random-pairs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser';
import { chromiumPath } from './test-prereqs';

const SCLITE = '/usr/lib/sctk/bin/sclite';
const tmp = mkdtempSync(path.join(tmpdir(), 'kielo-fixtures-'));
const scratch = (name: string) => path.join(tmp, name);

function run(tool: string, args: string[]): Buffer {
  return execFileSync(tool, args, { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
}
const text = (tool: string, args: string[]) => run(tool, args).toString('utf8').trim();
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const json = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);

/** Writes sox's decode of `file` (`sox FILE -t f32 -`) as `out`, shape [channels, frames]. */
function soxReference(file: string, out: string): void {
  writeInterleaved(run('sox', [file, '-t', 'f32', '-']), Number(text('soxi', ['-c', file])), out);
}

/** The reference decoders of FidelityCase.encoder, each giving interleaved float32 at the decoded rate. */
const REFERENCE_DECODERS: Record<NonNullable<FidelityCase['encoder']>['reference'], (file: string) => Buffer> = {
  ffmpeg: (file) => run('ffmpeg', ['-v', 'error', '-i', file, '-f', 'f32le', '-']),
  'ffmpeg-libopus': (file) => run('ffmpeg', ['-v', 'error', '-c:a', 'libopus', '-i', file, '-f', 'f32le', '-']),
  opusdec: (file) => run('opusdec', ['--quiet', '--rate', '48000', '--float', file, '-']),
};

/** Writes interleaved float32 samples as `out`, shape [channels, frames]. */
function writeInterleaved(raw: Buffer, channels: number, out: string): void {
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const frames = all.length / channels;
  const planar = new Float32Array(all.length);
  for (let c = 0; c < channels; c++) for (let i = 0; i < frames; i++) planar[c * frames + i] = all[i * channels + c];
  writeFileSync(out, encodeNpy(planar, [channels, frames]));
}

/** sox synth of one tone per channel (330, 550, ... Hz) at -2 dBFS, undithered; -R: the same Ogg serial every run. */
function synthTones(out: string, rate: number, channels: number, format: string[], seconds = FIDELITY_SECONDS): void {
  const tones = Array.from({ length: channels }, (_, c) => ['sine', String(330 + 220 * c)]).flat();
  run('sox', ['-R', '-D', '-n', '-r', String(rate), '-c', String(channels), ...format, out, 'synth', String(seconds), ...tones, 'gain', '-2']);
}

function makeFidelity(dir: string): void {
  for (const c of FIDELITY_CASES) {
    const file = path.join(dir, c.file);
    if (c.encoder) {
      const source = scratch(`${c.file}.wav`);
      synthTones(source, c.rate, c.channels, c.sox, c.seconds);
      if (c.encoder.tool === 'ffmpeg') run('ffmpeg', ['-v', 'error', '-y', '-i', source, ...c.encoder.args, file]);
      else run('opusenc', ['--quiet', ...c.encoder.args, source, file]);
      writeInterleaved(REFERENCE_DECODERS[c.encoder.reference](file), c.channels, `${file}.ref.npy`);
    } else if (c.lame) {
      const source = scratch(`${c.file}.wav`), decoded = scratch(`${c.file}.lame.wav`);
      synthTones(source, c.rate, c.channels, c.sox);
      run('lame', ['--quiet', ...c.lame, source, file]);
      run('lame', ['--quiet', '--decode', file, decoded]);
      soxReference(decoded, `${file}.ref.npy`);
    } else {
      synthTones(file, c.rate, c.channels, c.sox);
      soxReference(file, `${file}.ref.npy`);
    }
  }
  // an odd-sized unknown chunk (with its pad byte) placed before the data chunk
  const plain = scratch('plain.wav');
  synthTones(plain, 16000, 1, ['-b', '16']);
  const bytes = readFileSync(plain);
  const dataAt = bytes.indexOf('data');
  const odd = Buffer.from([0x7a, 0x7a, 0x7a, 0x7a, 5, 0, 0, 0, 1, 2, 3, 4, 5, 0]); // 'zzzz', 5 bytes + pad
  const withOdd = Buffer.concat([bytes.subarray(0, dataAt), odd, bytes.subarray(dataAt)]);
  withOdd.writeUInt32LE(withOdd.length - 8, 4);
  writeFileSync(path.join(dir, ODD_CHUNK_WAV), withOdd);
  soxReference(path.join(dir, ODD_CHUNK_WAV), path.join(dir, `${ODD_CHUNK_WAV}.ref.npy`));
  // an MP3 with a LAME tag, and the samples it was encoded from
  const exact = scratch('exact.wav');
  synthTones(exact, 44100, 1, ['-b', '16']);
  run('lame', ['--quiet', '-b', '192', exact, path.join(dir, EXACT_MP3.mp3)]);
  soxReference(exact, path.join(dir, EXACT_MP3.source));
}

/** Writes the decode `sox FILE -t f32 -` of a file that sox plays while it reports errors (exit status ignored). */
function soxReferenceOfDamaged(file: string, out: string, channels: number): void {
  writeInterleaved(spawnSync('sox', [file, '-t', 'f32', '-'], { maxBuffer: 1 << 30 }).stdout, channels, out);
}

/** GSM 06.10 speech, and the files that end early (see ENDS_EARLY in the catalog). */
function makeGsmAndEndsEarly(dir: string): void {
  run('sox', ['-D', speechClip('one two', 'en-us'), '-r', '8000', path.join(dir, GSM_SPEECH)]);
  soxReference(path.join(dir, GSM_SPEECH), path.join(dir, `${GSM_SPEECH}.ref.npy`));
  // Ogg: seeded noise at the highest quality (so it fills several pages), without its last page (the end-of-stream one)
  const oggSource = scratch('ends-early.ogg');
  run('sox', ['-R', '-n', '-r', '16000', '-c', '1', '-C', '10', oggSource, 'synth', '0.6', 'whitenoise', 'vol', '0.5']);
  const ogg = readFileSync(oggSource);
  let last = 0;
  for (let at = 0; at < ogg.length; at += 27 + ogg[at + 26] + ogg.subarray(at + 27, at + 27 + ogg[at + 26]).reduce((a, b) => a + b, 0)) last = at;
  const noEos = path.join(dir, ENDS_EARLY.ogg);
  writeFileSync(noEos, ogg.subarray(0, last));
  soxReference(noEos, `${noEos}.ref.npy`);
  // FLAC: two frames (4096 + 704 samples), the file cut inside the second
  const flacSource = scratch('ends-early.flac');
  run('sox', ['-D', '-n', '-r', '16000', '-c', '1', '-b', '16', flacSource, 'synth', '0.3', 'sine', '440', 'gain', '-2']);
  const flac = readFileSync(flacSource);
  const cutFlac = path.join(dir, ENDS_EARLY.flac);
  writeFileSync(cutFlac, flac.subarray(0, flac.length - ENDS_EARLY.cutBytes));
  soxReferenceOfDamaged(cutFlac, `${cutFlac}.ref.npy`, 1);
  // MP3: mono-16000.mp3 cut inside its last frame; lame --decode plays the cut frame
  const mp3 = readFileSync(path.join(dir, 'mono-16000.mp3'));
  const cutMp3 = path.join(dir, ENDS_EARLY.mp3);
  writeFileSync(cutMp3, mp3.subarray(0, mp3.length - ENDS_EARLY.cutBytes));
  run('lame', ['--quiet', '--decode', cutMp3, scratch('cut.lame.wav')]);
  soxReference(scratch('cut.lame.wav'), `${cutMp3}.ref.npy`);
}

/** Browser code (a string: this script is typed without the DOM) recording `ms` of a 440 Hz oscillator as WebM/Opus. */
const recordingScript = (ms: number) => `(async () => {
  const context = new AudioContext({ sampleRate: 48000 });
  await context.resume();
  const oscillator = new OscillatorNode(context, { frequency: 440 });
  const destination = new MediaStreamAudioDestinationNode(context, { channelCount: 1 });
  oscillator.connect(new GainNode(context, { gain: 0.5 })).connect(destination);
  oscillator.start();
  const recorder = new MediaRecorder(destination.stream, { mimeType: 'audio/webm;codecs=opus' });
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise((resolve) => (recorder.onstop = resolve));
  const started = new Promise((resolve) => (recorder.onstart = resolve));
  recorder.start(50);
  await started;
  await new Promise((resolve) => setTimeout(resolve, ${ms}));
  recorder.stop();
  await stopped;
  return [...new Uint8Array(await new Blob(chunks).arrayBuffer())];
})()`;

/** BROWSER_WEBM: Chromium's MediaRecorder records an oscillator; the reference is ffmpeg's libopus decode. */
async function makeBrowserRecording(dir: string): Promise<void> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
  try {
    const page = await browser.newPage();
    // On a loaded machine MediaRecorder now and then hands back nothing, or records long after the timer: try again
    const file = path.join(dir, BROWSER_WEBM.file);
    for (let attempt = 1; ; attempt++) {
      const bytes = (await page.evaluate(recordingScript(BROWSER_WEBM.seconds * 1000))) as number[];
      writeFileSync(file, new Uint8Array(bytes));
      const reference = bytes.length > 0 ? REFERENCE_DECODERS['ffmpeg-libopus'](file) : Buffer.alloc(0);
      const frames = reference.length / 4;
      if (frames > 0 && frames <= 1.5 * BROWSER_WEBM.seconds * 48000) {
        writeInterleaved(reference, 1, `${file}.ref.npy`);
        break;
      }
      if (attempt === 10) throw new Error(`Chromium MediaRecorder: 10 recordings, none of 1 to ${1.5 * BROWSER_WEBM.seconds * 48000} frames (last ${frames})`);
    }
  } finally {
    await browser.close();
  }
}

/** Seeded white noise at 0.5 (so frame bytes often look like sync codes), 16 kHz mono 16-bit FLAC. */
function noiseFlac(file: string, samples: number): void {
  run('sox', ['-R', '-r', '16000', '-n', '-r', '16000', '-c', '1', '-b', '16', file, 'synth', `${samples}s`, 'whitenoise', 'vol', '0.5']);
}

function makeFlacFrames(dir: string): void {
  const long = path.join(dir, 'noise-long.flac');
  noiseFlac(long, FLAC_NOISE.long);
  run('flac', ['-a', '-s', '-f', '-o', scratch('long.ana'), long]);
  const frames = readFileSync(scratch('long.ana'), 'utf8').split('\n').filter((l) => l.startsWith('frame='))
    .map((l) => ({ offset: Number(/offset=(\d+)/.exec(l)![1]), blocksize: Number(/blocksize=(\d+)/.exec(l)![1]) }));
  json(`${long}.frames.json`, frames);
  for (const samples of FLAC_NOISE.oneSampleLastFrame) {
    const file = path.join(dir, `noise-${samples}.flac`);
    noiseFlac(file, samples);
    soxReference(file, `${file}.ref.npy`);
  }
}

/** The demo LID clips the codec-parser path refused (DEMO_FLAC_CLIPS), spoken again, with `flac -d`'s samples. */
async function makeDemoFlacClips(dir: string): Promise<void> {
  for (const c of DEMO_FLAC_CLIPS) {
    const file = path.join(dir, c.file);
    await speak(c.text, { voice: c.voice, speed: c.speed, pitch: c.pitch, wordGap: c.wordGap, peakDb: c.peakDb }, file, demoConfig.sampleRate);
    const raw = run('flac', ['-d', '-s', '-c', '--force-raw-format', '--endian=little', '--sign=signed', file]);
    const ints = new Int16Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
    const frames = run('flac', ['-a', '-s', '-c', file]).toString('utf8').split('\n').filter((l) => l.startsWith('frame='));
    const lastFrame = Number(/blocksize=(\d+)/.exec(frames.at(-1) ?? '')?.[1]);
    if (ints.length !== c.samples || lastFrame !== c.lastFrame) {
      throw new Error(`${c.file}: flac -d gives ${ints.length} samples, last frame ${lastFrame} (catalog: ${c.samples}, ${c.lastFrame})`);
    }
    writeFileSync(`${file}.ref.npy`, encodeNpy(Float32Array.from(ints, (v) => v / 32768), [1, ints.length]));
  }
}

function makeBadInput(dir: string): void {
  const source = scratch('bad-source.wav');
  run('sox', ['-D', '-n', '-r', '16000', '-b', '16', source, 'synth', '2', 'sine', '440', 'sine', '1234']);
  run('sox', [source, path.join(dir, 'ok.flac')]);
  run('sox', ['-R', source, path.join(dir, 'ok.ogg')]);
  run('lame', ['--quiet', '-b', '64', source, path.join(dir, 'ok.mp3')]);
  const fuzz = scratch('fuzz.wav');
  run('sox', ['-D', '-n', '-r', '16000', '-c', '2', '-b', '16', fuzz, 'synth', '0.5', 'sine', '440', 'sine', '880']);
  run('sox', [fuzz, path.join(dir, 'fuzz.flac')]);
  run('sox', ['-R', fuzz, path.join(dir, 'fuzz.ogg')]);
  run('lame', ['--quiet', fuzz, path.join(dir, 'fuzz.mp3')]);
  const short = scratch('ogg-source.wav');
  run('sox', ['-D', '-n', '-r', '16000', '-b', '16', short, 'synth', '0.2', 'sine', '440']);
  run('flac', ['--ogg', '--serial-number=1', '--silent', '--force', '-o', path.join(dir, 'flac-in-ogg.oga'), short]);
  // loadAudio's stereo FLAC: 1 kHz at 0.5 on the left, silence on the right, 1.5 s
  run('sox', ['-D', '-n', '-r', '44100', '-c', '2', '-b', '24', path.join(dir, 'left-1khz-44100.flac'), 'synth', '1.5', 'sine', '1000', 'sine', '1000', 'remix', '1v0.5', '2v0']);
}

/** sox's view of the WAV files Kielo writes (encodeWav), with the bytes it read. */
function makeWavWriter(dir: string): void {
  const pcm16 = encodeWav(sine(440, 16000, 0.25, 0.9), 16000);
  const float32 = encodeWav(new Float32Array([0.1, -2.5, 1e-8, 1]), 22050, 'float32');
  writeFileSync(scratch('kielo-pcm16.wav'), pcm16);
  writeFileSync(scratch('kielo-float32.wav'), float32);
  soxReference(scratch('kielo-pcm16.wav'), path.join(dir, 'kielo-pcm16.wav.ref.npy'));
  json(path.join(dir, 'kielo-wav.json'), {
    pcm16: { sha256: sha256(pcm16), soxiEncoding: text('soxi', ['-e', scratch('kielo-pcm16.wav')]) },
    float32: { sha256: sha256(float32), soxiEncoding: text('soxi', ['-e', scratch('kielo-float32.wav')]) },
  });
}

function makeSpeech(): void {
  mkdirSync(fixture('speech'), { recursive: true });
  for (const words of SPEECH_TEXTS) {
    for (const voice of SPEECH_VOICES) {
      run('espeak-ng', ['-v', voice, '-s', '160', '-w', scratch('raw.wav'), words]);
      run('sox', ['-D', scratch('raw.wav'), '-r', '16000', '-c', '1', '-b', '16', speechClip(words, voice)]);
    }
  }
  PLAIN_SPEECH.forEach((words, i) => {
    run('espeak-ng', ['-w', scratch('plain.wav'), words]);
    run('sox', [scratch('plain.wav'), plainSpeechClip(i)]);
  });
}

/** Runs sclite's pralign report and reads the per-utterance (#C #S #D #I). */
function makeSclite(): void {
  const out: ScliteFixture = {};
  for (const set of SCLITE_SETS) {
    const { refs, hyps } = randomPairs(set.pairs, set.seed);
    const ref = formatTrn(refs), hyp = formatTrn(hyps);
    writeFileSync(scratch('ref.trn'), ref);
    writeFileSync(scratch('hyp.trn'), hyp);
    const args = ['-r', scratch('ref.trn'), 'trn', '-h', scratch('hyp.trn'), 'trn', '-i', 'rm', ...(set.unit === 'char' ? ['-c'] : []), '-o', 'pra', 'stdout'];
    const report = execFileSync(SCLITE, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    const ids = [...report.matchAll(/^id: \((.*)\)$/gm)].map((m) => m[1]);
    const scores = [...report.matchAll(/^Scores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)/gm)].map((m) => m.slice(1).map(Number) as [number, number, number, number]);
    if (ids.length !== set.pairs || scores.length !== ids.length) throw new Error(`sclite ${set.name}: ${ids.length} ids, ${scores.length} scores`);
    out[set.name] = { refSha256: sha256(ref), hypSha256: sha256(hyp), scores: Object.fromEntries(ids.map((id, k) => [id, scores[k]])) };
  }
  // one utterance per line: small diffs when sclite or the pairs change
  const lines = Object.entries(out).map(([name, set]) => `${JSON.stringify(name)}: {"refSha256": "${set.refSha256}", "hypSha256": "${set.hypSha256}", "scores": {\n${
    Object.entries(set.scores).map(([id, s]) => `  ${JSON.stringify(id)}: ${JSON.stringify(s)}`).join(',\n')}\n}}`);
  writeFileSync(fixture('sclite.json'), `{\n${lines.join(',\n')}\n}\n`);
}

/** soxi's figures for some demo clips, espeak-ng's phonemes of the vowel SSML, and the commands of one clip. */
async function makeDemo(): Promise<void> {
  const demo = path.resolve(FIXTURES, '../../assets/demo');
  const { rows } = await readTsv(path.join(demo, 'lid/manifest.tsv'));
  const soxi: Record<string, number[]> = {};
  for (const r of rows.filter((_, i) => i % 97 === 0)) {
    const file = path.join(demo, 'lid', r.file);
    soxi[r.file] = ['-r', '-c', '-b', '-s'].map((flag) => Number(text('soxi', [flag, file])));
  }
  const vowels = Object.fromEntries(demoConfig.wavenetVowels.map((v) => {
    const ssml = sustainedVowelSsml(v.phonemes);
    return [v.name, { ssml, phonemes: text('espeak-ng', ['-q', '-x', '-m', '-v', demoConfig.wavenetVoice, ssml]) }];
  }));
  // the first LID clip, rebuilt from its manifest row: must be byte-identical with the committed one
  const row = rows[0];
  const commands: string[][] = [];
  const out = scratch('clip.flac');
  const recording: ToolRunner = async (tool, args) => {
    commands.push([tool, ...args.map((a) => a.split(tmp).join('$TMP'))]);
    return run(tool, args);
  };
  await speak(row.text, { voice: row.voice, speed: Number(row.speed), pitch: Number(row.pitch), wordGap: Number(row.wordGap),
    peakDb: Number(row.peakDb) }, out, demoConfig.sampleRate, recording);
  if (!readFileSync(out).equals(readFileSync(path.join(demo, 'lid', row.file)))) {
    throw new Error(`rebuilding ${row.file} (${row.synth}) with ${text('espeak-ng', ['--version'])} gives other bytes than the committed clip`);
  }
  json(fixture('demo.json'), { soxi, vowels, rebuild: { file: row.file, synth: row.synth, commands } });
}

function recordTools(): void {
  const version = (pkg: string) => text('dpkg-query', ['-W', '-f', '${Version}', pkg]);
  json(fixture('tools.json'), Object.fromEntries(['sox', 'lame', 'flac', 'espeak-ng', 'sctk', 'vorbis-tools', 'opus-tools', 'ffmpeg', 'chromium'].map((p) => [p, version(p)])));
}

/** Every fixture, from an empty tests/fixtures/audio. */
async function makeAll(audio: string): Promise<void> {
  rmSync(audio, { recursive: true, force: true });
  mkdirSync(audio, { recursive: true });
  makeFidelity(audio);
  makeFlacFrames(audio);
  await makeDemoFlacClips(audio);
  makeBadInput(audio);
  makeWavWriter(audio);
  makeGsmAndEndsEarly(audio);
  await makeBrowserRecording(audio);
  rmSync(fixture('speech'), { recursive: true, force: true });
  makeSpeech();
  makeSclite();
  await makeDemo();
  recordTools();
  console.log(`tests/fixtures remade (${text('du', ['-sh', FIXTURES]).split('\t')[0]})`);
}

try {
  const audio = fixture('audio');
  const only = process.argv[process.argv.indexOf('--only') + 1];
  if (process.argv.includes('--only') && only === 'fidelity') makeFidelity(audio);
  else if (process.argv.includes('--only') && only === 'browser-recording') await makeBrowserRecording(audio);
  else if (process.argv.includes('--only')) throw new Error(`--only takes fidelity or browser-recording, got '${only}'`);
  else await makeAll(audio);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
