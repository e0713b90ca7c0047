// Builds assets/demo/{lid,asr,wavenet} with espeak-ng and sox. Run by scripts/build-demo.sh (npm run demo:build).
// Usage: tsx scripts/demo/build.ts [--out DIR] [--only lid,asr,wavenet] [--jobs N]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ASR_COLUMNS, buildAsr } from './asr';
import { DEFAULT_DEMO_CONFIG } from './config';
import { buildLid, LID_COLUMNS } from './lid';
import { DATA_DIRS, dirBytes } from './sizes';
import { toolVersions } from './synth';
import { writeTsv, type TsvRow } from './tsv';
import { buildWavenet, WAVENET_COLUMNS } from './wavenet';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** "n=.. total=..s min/mean/max" for a set of rows with durationSec. */
function describeDurations(rows: TsvRow[]): string {
  const d = rows.map((row) => Number(row.durationSec));
  if (d.length === 0) return 'n=0';
  const total = d.reduce((a, b) => a + b, 0);
  return `n=${d.length} total=${total.toFixed(1)}s min=${Math.min(...d).toFixed(2)} mean=${(total / d.length).toFixed(2)} max=${Math.max(...d).toFixed(2)}`;
}

/** One summary line per (group, split). */
function summarise(name: string, rows: TsvRow[], groupBy: string): void {
  const groups = [...new Set(rows.map((row) => String(row[groupBy])))].sort();
  for (const group of groups) {
    for (const split of ['train', 'test']) {
      const subset = rows.filter((row) => String(row[groupBy]) === group && row.split === split);
      console.log(`${name} ${group} ${split}: ${describeDurations(subset)}`);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: path.join(REPO_ROOT, 'assets/demo') },
      only: { type: 'string', default: DATA_DIRS.join(',') },
      jobs: { type: 'string', default: '2' },
    },
  });
  const config = DEFAULT_DEMO_CONFIG;
  const outDir = path.resolve(values.out);
  const only = values.only.split(',');
  const unknown = only.filter((part) => !(DATA_DIRS as readonly string[]).includes(part));
  if (unknown.length > 0) throw new Error(`--only: unknown part(s) ${unknown.join(', ')}; choose from ${DATA_DIRS.join(', ')}`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error(`--jobs: expected a positive integer, got '${values.jobs}'`);

  const versions = await toolVersions();
  const synth = `espeak-ng ${versions.espeakNg}`;
  console.log(`building ${only.join(', ')} into ${outDir} with ${synth}, sox ${versions.sox}, ${jobs} jobs`);
  await mkdir(outDir, { recursive: true });
  const rejected: string[] = [];
  for (const part of only) {
    const started = Date.now();
    await rm(path.join(outDir, part), { recursive: true, force: true });
    if (part === 'lid') {
      const lid = await buildLid(config, outDir, synth, jobs);
      rejected.push(...lid.rejected.map((r) => `lid ${r}`));
      await writeTsv(path.join(outDir, 'lid/manifest.tsv'), LID_COLUMNS, lid.rows);
      summarise('lid', lid.rows, 'label');
    } else if (part === 'asr') {
      const asr = await buildAsr(config, outDir, synth, jobs);
      rejected.push(...asr.rejected.map((r) => `asr ${r}`));
      await writeTsv(path.join(outDir, 'asr/manifest.tsv'), ASR_COLUMNS, asr.rows);
      summarise('asr', asr.rows, 'kind');
    } else {
      const rows = await buildWavenet(config, outDir, synth, jobs);
      await writeTsv(path.join(outDir, 'wavenet/manifest.tsv'), WAVENET_COLUMNS, rows);
      summarise('wavenet', rows, 'kind');
    }
    await writeFile(path.join(outDir, part, 'build-info.json'), JSON.stringify({ part, tools: versions, config }, null, 2) + '\n');
    console.log(`${part}: built in ${((Date.now() - started) / 1000).toFixed(1)} s, ${((await dirBytes(path.join(outDir, part))) / 1e6).toFixed(2)} MB`);
  }
  for (const line of rejected) console.log(`rejected (no speed in range fits): ${line}`);
  let total = 0;
  for (const dir of DATA_DIRS) total += await dirBytes(path.join(outDir, dir));
  console.log(`data total ${(total / 1e6).toFixed(2)} MB of the ${(config.dataBudgetBytes / 1e6).toFixed(0)} MB budget`);
  if (total > config.dataBudgetBytes) throw new Error(`data is ${total} bytes, over the ${config.dataBudgetBytes}-byte budget`);
}

main().catch((error: unknown) => {
  console.error(`build-demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
