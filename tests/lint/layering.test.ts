/** The layering lint rules, run through ESLint's API on snippets: the renderer may import src/api/contract only. */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** Lints CODE as if it were the file PATH; returns the ids of the rules it breaks. */
async function brokenRules(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('renderer layering', () => {
  it('admits src/api/contract from the renderer', async () => {
    expect(await brokenRules("export * from '../src/api/contract';\n", 'renderer/contract-probe.ts')).toEqual([]);
    expect(await brokenRules("export type { KieloApi } from '../../src/api/contract';\n", 'renderer/views/probe.tsx')).toEqual([]);
  }, 30_000);

  it('refuses any other part of src/ from the renderer', async () => {
    for (const source of ['../src/api/service', '../src/audio', '../src', '../src/api/contract-extra']) {
      expect(await brokenRules(`export * from '${source}';\n`, 'renderer/probe.ts'), source).toContain('no-restricted-imports');
    }
    // both rules: the import pattern, and the zone check on the resolved file (.ts resolution must work for it)
    expect(await brokenRules("import { loadAudio } from '../../src/audio';\nexport const f = loadAudio;\n", 'renderer/views/probe.tsx')).toEqual(['no-restricted-imports', 'import-x/no-restricted-paths']);
  }, 30_000);

  it('still refuses Node built-ins in the renderer and a higher layer below it in src/', async () => {
    expect(await brokenRules("import { readFile } from 'node:fs/promises';\nexport const f = readFile;\n", 'renderer/probe.ts')).toContain('no-restricted-imports');
    expect(await brokenRules("import { KieloService } from '../api/service';\nexport const s = KieloService;\n", 'src/audio/probe.ts')).toContain('import-x/no-restricted-paths');
  }, 30_000);
});
