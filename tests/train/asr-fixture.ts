/** A tiny transcribed set of committed espeak-ng clips (16 kHz FLAC + .txt beside), for the ASR training and CLI tests. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { speechClip } from '../fixtures/catalog';

/**
 * Puts every text spoken by every voice into `dir` as u{text}_{voice}.flac with its transcript beside; returns the
 * files written. The clips (tests/fixtures/speech) were spoken by espeak-ng -s 160 and made 16 kHz mono 16-bit by sox.
 */
export function speakTranscribedSet(dir: string, texts: string[], voices: string[]): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  texts.forEach((text, i) =>
    voices.forEach((voice, j) => {
      const stem = join(dir, `u${i}_${j}`);
      copyFileSync(speechClip(text, voice), `${stem}.flac`);
      writeFileSync(`${stem}.txt`, `${text}\n`);
      files.push(`${stem}.flac`);
    }),
  );
  return files;
}
