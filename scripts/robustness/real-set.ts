// A held-out-SOURCE evaluation set for the LID languages from real recordings in Debian packages (klettres-data,
// ktuberling-data, tuxpaint-stamps-default, asterisk-prompt-it-menardi-wav; install them with apt-get first): symlinks
// OUT/<lang>/<source>-<name>.<ext> and OUT/manifest.tsv (file, label, source), at most --per-source clips per language
// and source, drawn with a fixed seed. Nothing here trains a model: every source is one or two speakers per language,
// a model trained on it learns the speaker (FINDINGS), so these recordings only score.
// Usage: tsx scripts/robustness/real-set.ts --out DIR [--per-source N] [--seed N]
import { mkdir, readdir, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { deriveSeed, makeRng } from '../demo/rng';
import { writeTsv, type TsvRow } from '../demo/tsv';

/** Where each source keeps each language's recordings (folders searched recursively, with a file-name filter). */
export const REAL_SOURCES: Record<string, Record<string, { dir: string; match: RegExp }[]>> = {
  klettres: Object.fromEntries(['cs', 'en', 'it', 'ru'].map((l) => [l, [{ dir: `/usr/share/klettres/${l}`, match: /\.(ogg|wav)$/ }]])),
  ktuberling: Object.fromEntries(['en', 'fi', 'it', 'ru'].map((l) => [l, [{ dir: `/usr/share/ktuberling/sounds/${l}`, match: /\.(ogg|wav)$/ }]])),
  tuxpaint: {
    en: [{ dir: '/usr/share/tuxpaint/stamps', match: /_desc\.ogg$/ }],
    ru: [{ dir: '/usr/share/tuxpaint/stamps', match: /_desc_ru\.ogg$/ }],
  },
  asterisk: { it: [{ dir: '/usr/share/asterisk/sounds/it_IT_f_Menardi', match: /\.wav$/ }] },
};

async function listRecursive(dir: string, match: RegExp): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...await listRecursive(full, match));
    else if (match.test(entry.name) && (await stat(full)).size > 2000) found.push(full);
  }
  return found.sort();
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' }, 'per-source': { type: 'string', default: '80' }, seed: { type: 'string', default: '16' } } });
  if (!values.out) throw new Error('--out DIR is required (emptied first)');
  const perSource = Number(values['per-source']);
  const seed = Number(values.seed);
  const out = path.resolve(values.out);
  await rm(out, { recursive: true, force: true });
  const rows: TsvRow[] = [];
  const counts: string[] = [];
  for (const [source, languages] of Object.entries(REAL_SOURCES)) {
    for (const [label, places] of Object.entries(languages)) {
      const files = (await Promise.all(places.map((p) => listRecursive(p.dir, p.match)))).flat();
      if (files.length === 0) throw new Error(`${source}/${label}: no recordings found (is its Debian package installed?)`);
      const picked = makeRng(deriveSeed(seed, `${source}/${label}`)).shuffle(files).slice(0, perSource).sort();
      await mkdir(path.join(out, label), { recursive: true });
      for (const file of picked) {
        const name = `${label}/${source}-${path.relative(places[0].dir, file).replaceAll('/', '_')}`;
        await symlink(file, path.join(out, name));
        rows.push({ file: name, label, source });
      }
      counts.push(`${source}/${label} ${picked.length}`);
    }
  }
  await writeTsv(path.join(out, 'manifest.tsv'), ['file', 'label', 'source'], rows);
  console.log(`${rows.length} clips in ${out}: ${counts.join(', ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
