/** Normalising transcripts to a recogniser's character set. */

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/**
 * Lower-cases `text`, strips accents, spells out digits one by one ("42" -> "four two"), turns typographic
 * apostrophes into "'" and every other character outside `charset` into a word break, and collapses spaces.
 * `charset` must contain ' ' (the word separator).
 */
export function normalizeTranscript(text: string, charset: string): string {
  const plain = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[0-9]/g, (d) => ` ${DIGIT_WORDS[Number(d)]} `);
  let out = '';
  for (const ch of plain) out += charset.includes(ch) ? ch : ' ';
  return out.replace(/\s+/g, ' ').trim();
}
