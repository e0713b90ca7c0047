/** The recogniser's output classes: blank, space, a-z, apostrophe. */
import { BLANK } from '../ctc/types';

/** The characters of classes 1..28, in class order (class 0 is the CTC blank). */
export const ASR_CHARACTERS = " abcdefghijklmnopqrstuvwxyz'";
/** Number of output classes, blank included (29). */
export const ASR_CLASSES = ASR_CHARACTERS.length + 1;
/** Names of the output classes in class order, as saved models list them: '<blank>', then the characters. */
export const ASR_LABELS: string[] = ['<blank>', ...ASR_CHARACTERS];
/** The class of the word separator. */
export const SPACE_CLASS = 1;
export { BLANK };

/** Class indices of a normalised text (characters outside the alphabet throw, naming them). */
export function encodeText(text: string): number[] {
  return [...text].map((ch) => {
    const k = ASR_CHARACTERS.indexOf(ch);
    if (k < 0) throw new Error(`character ${JSON.stringify(ch)} is not in the ASR alphabet`);
    return k + 1;
  });
}

/** The text of class indices (blank never appears in a decoded sequence; it is skipped if it does). */
export function decodeLabels(labels: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < labels.length; i++) if (labels[i] !== BLANK) text += ASR_CHARACTERS[labels[i] - 1];
  return text;
}
