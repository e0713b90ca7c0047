/** Finds the models a project can use: the bundled demo models and those its runs trained. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonFile } from '../util/json-file';
import type { DatasetInfo, ModelInfo } from './contract';
import { existsSync } from 'node:fs';

/** The bundled demo assets folder (assets/demo in the repository or package). */
export const DEMO_DIR = fileURLToPath(new URL('../../assets/demo', import.meta.url));

/** The kind recorded in a model's kielo.json, reduced to lid/asr/wavenet. */
function familyOf(kind: unknown, fallback: ModelInfo['kind']): ModelInfo['kind'] {
  const k = String(kind ?? '');
  if (k.includes('wavenet')) return 'wavenet';
  if (k.includes('asr') || k.includes('ctc')) return 'asr';
  if (k.includes('lid')) return 'lid';
  return fallback;
}

/** Reads MODEL/kielo.json; null when the folder holds no readable model. */
export async function describeModel(dir: string, id: string, name: string, source: ModelInfo['source'], fallback: ModelInfo['kind']): Promise<ModelInfo | null> {
  const meta = (await readJsonFile(join(dir, 'kielo.json')).catch(() => null)) as { kind?: unknown; labels?: unknown; config?: { condition?: unknown } } | null;
  if (!meta) return null;
  const labels = Array.isArray(meta.labels) ? meta.labels.map(String) : [];
  const kind = familyOf(meta.kind, fallback);
  const wordLists = kind === 'asr' ? (await readdir(dir).catch(() => [] as string[])).filter((f) => f.toLowerCase().endsWith('.txt')).sort() : [];
  const vocoder = kind === 'wavenet' && meta.config?.condition === 'mel';
  return { id, kind, name, dir, labels, source, wordLists, ...(vocoder ? { vocoder } : {}) };
}

/** Folder of the bundled models: $KIELO_DEMO_MODELS (to try other models as the defaults) or assets/demo/models. */
export function demoModelsDir(): string {
  return process.env.KIELO_DEMO_MODELS || join(DEMO_DIR, 'models');
}

/** The bundled unit prior's folder under demoModelsDir(): what the demo vocoder babbles from (generate's babble). */
export const DEMO_UNIT_PRIOR_FOLDER = 'unit-prior';

/** The bundled log-mel vocoder's id (assets/demo/models/vocoder), the model a resynthesis without one uses. */
export const DEMO_VOCODER = 'demo-vocoder';

/** The bundled models: folder (under demoModelsDir), id, name, family. */
const DEMO_MODELS = [
  { folder: 'lid', id: 'demo-lid', name: 'demo lid', family: 'lid' },
  { folder: 'lid-mfcc', id: 'demo-lid-mfcc', name: 'demo lid (MFCC baseline)', family: 'lid' },
  { folder: 'asr', id: 'demo-asr', name: 'demo asr', family: 'asr' },
  { folder: 'wavenet', id: 'demo-wavenet', name: 'demo wavenet', family: 'wavenet' },
  { folder: 'vocoder', id: DEMO_VOCODER, name: 'demo vocoder', family: 'wavenet' },
] as const;

/** Demo models (see DEMO_MODELS and demoModelsDir) then models of finished runs, newest first. */
export async function findModels(runsDir: string): Promise<ModelInfo[]> {
  const found: ModelInfo[] = [];
  for (const demo of DEMO_MODELS) {
    const info = await describeModel(join(demoModelsDir(), demo.folder), demo.id, demo.name, 'demo', demo.family);
    if (info) found.push(info);
  }
  const runs = (await readdir(runsDir).catch(() => [] as string[])).sort().reverse();
  for (const id of runs) {
    const family = id.includes('wavenet') ? 'wavenet' : id.includes('asr') ? 'asr' : 'lid';
    const info = await describeModel(join(runsDir, id, 'model'), id, id, 'run', family);
    if (info) found.push(info);
  }
  return found;
}

/** The demo datasets that are present. */
export function demoDatasets(): DatasetInfo[] {
  const sets: DatasetInfo[] = [
    { name: 'demo languages', dir: join(DEMO_DIR, 'lid'), kinds: ['lid-learned', 'lid-mfcc'] },
    { name: 'demo digits', dir: join(DEMO_DIR, 'asr'), kinds: ['asr'] },
    { name: 'demo voice', dir: join(DEMO_DIR, 'wavenet'), kinds: ['wavenet'] },
  ];
  return sets.filter((s) => existsSync(s.dir));
}
