/**
 * Measures the speech detector: speech recall on labelled folders of speech (default assets/demo/lid, and /tmp/real
 * when it exists) and non-speech rejection per kind on generated clips (scripts/vad/non-speech.ts).
 *   npx tsx scripts/vad/report.ts [--json] [--verbose] [--seed N (of the generated clips; default 1)] [DIR...]
 */
import { existsSync } from 'node:fs';
import { listAudioFiles, loadAudio } from '../../src/audio';
import { detectSpeech } from '../../src/features/speech-detector';
import { nonSpeechClips } from './non-speech';

const args = process.argv.slice(2);
const json = args.includes('--json');
const verbose = args.includes('--verbose');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
const dirs = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed');
if (dirs.length === 0) dirs.push('assets/demo/lid', ...(existsSync('/tmp/real') ? ['/tmp/real'] : []));

const report: { speech: Record<string, { n: number; recall: number; missed: string[] }>; nonSpeech: Record<string, { n: number; rejection: number; accepted: string[] }> } = { speech: {}, nonSpeech: {} };
for (const dir of dirs) {
  const files = await listAudioFiles([dir]);
  let hits = 0;
  const missed: string[] = [];
  const fractions: number[] = [];
  for (const [i, file] of files.entries()) {
    if (verbose && i % 100 === 0) console.error(`${dir}: ${i}/${files.length} ${file}`);
    const audio = await loadAudio(file, { sampleRate: 16000 });
    const d = detectSpeech(audio.samples, 16000);
    fractions.push(d.speechFraction);
    if (d.speech) hits += 1;
    else missed.push(`${file} (speech-like ${(d.speechFraction * 100).toFixed(0)}%, dynamics ${d.dynamicsDb.toFixed(1)} dB)`);
  }
  report.speech[dir] = { n: files.length, recall: hits / files.length, missed };
  if (verbose) console.error(`${dir}: speech-like fraction quantiles 5/10/50%: ${[0.05, 0.1, 0.5].map((q) => fractions.sort((a, b) => a - b)[Math.floor(q * fractions.length)]?.toFixed(2)).join(' ')}`);
}
for (const clip of nonSpeechClips(seed)) {
  const d = detectSpeech(clip.samples, 16000);
  const r = (report.nonSpeech[clip.kind] ??= { n: 0, rejection: 0, accepted: [] });
  r.n += 1;
  if (d.speech) r.accepted.push(`${clip.name} (speech-like ${(d.speechFraction * 100).toFixed(0)}%, dynamics ${d.dynamicsDb.toFixed(1)} dB)`);
  else r.rejection += 1;
  if (verbose) console.error(`${clip.name}: speech ${d.speech}, speech-like ${(d.speechFraction * 100).toFixed(0)}%, flatness ${d.flatness.toFixed(2)}, dynamics ${d.dynamicsDb.toFixed(1)} dB`);
}
for (const r of Object.values(report.nonSpeech)) r.rejection /= r.n;
if (json) console.log(JSON.stringify(report, null, 2));
else {
  for (const [dir, r] of Object.entries(report.speech)) {
    console.log(`speech ${dir}: ${r.n} files, recall ${(r.recall * 100).toFixed(1)}%`);
    for (const m of r.missed.slice(0, verbose ? Infinity : 5)) console.log(`  missed ${m}`);
  }
  for (const [kind, r] of Object.entries(report.nonSpeech)) {
    console.log(`non-speech ${kind}: ${r.n} clips, rejected ${(r.rejection * 100).toFixed(1)}%`);
    for (const a of r.accepted) console.log(`  taken for speech: ${a}`);
  }
}
