/** A tiny transcribed set spoken by espeak-ng (16 kHz WAV + .txt beside), for the ASR training and CLI tests. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Speaks every text with every voice into `dir`; returns the files written. */
export function speakTranscribedSet(dir: string, texts: string[], voices: string[]): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  texts.forEach((text, i) =>
    voices.forEach((voice, j) => {
      const stem = join(dir, `u${i}_${j}`);
      const raw = `${stem}.raw.wav`;
      execFileSync('espeak-ng', ['-v', voice, '-s', '160', '-w', raw, text]);
      // -D: no dither, so the same text and voice give the same samples in every run (sox dithers randomly)
      execFileSync('sox', ['-D', raw, '-r', '16000', '-c', '1', '-b', '16', `${stem}.wav`]);
      execFileSync('rm', [raw]);
      writeFileSync(`${stem}.txt`, `${text}\n`);
      files.push(`${stem}.wav`);
    }),
  );
  return files;
}
