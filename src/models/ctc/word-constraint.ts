/** A word list as a trie over class indices, restricting CTC beam search to sequences of listed words. */

/** One trie node; `end` marks the end of a listed word. */
interface TrieNode {
  children: Map<number, TrieNode>;
  end: boolean;
}

/** Restricts label sequences to listed words separated by single separators. */
export interface WordConstraint {
  /** The state of an empty prefix. */
  readonly start: unknown;
  /** The state after appending `label`, or null when no listed word sequence continues that way. */
  next(state: unknown, label: number): unknown | null;
  /** Whether a sequence that reached `state` is complete (empty, or ends with a whole word). */
  accepts(state: unknown): boolean;
}

/**
 * Builds a constraint from words encoded as class indices. `separator` (the space class) may only follow a whole
 * word; a sequence may not start with it.
 */
export function makeWordConstraint(words: ArrayLike<number>[], separator: number): WordConstraint {
  const root: TrieNode = { children: new Map(), end: false };
  for (const word of words) {
    if (word.length === 0) continue;
    let node = root;
    for (let i = 0; i < word.length; i++) {
      if (word[i] === separator) throw new Error(`word list entry contains the separator class ${separator}`);
      let child = node.children.get(word[i]);
      if (!child) node.children.set(word[i], (child = { children: new Map(), end: false }));
      node = child;
    }
    node.end = true;
  }
  return {
    start: root,
    next(state, label) {
      const node = state as TrieNode;
      if (label === separator) return node.end ? root : null;
      return node.children.get(label) ?? null;
    },
    accepts(state) {
      return state === root || (state as TrieNode).end;
    },
  };
}
