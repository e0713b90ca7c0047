import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputFileError } from '../../src/util/errors';
import { readJsonFile } from '../../src/util/json-file';

describe('readJsonFile', () => {
  it('parses a file, and names the file and the reason when it is missing, corrupt or unreadable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-json-'));
    await writeFile(join(dir, 'ok.json'), '{"a": [1, 2]}');
    await writeFile(join(dir, 'bad.json'), '{"a": [1, 2');
    expect(await readJsonFile(join(dir, 'ok.json'))).toEqual({ a: [1, 2] });
    await expect(readJsonFile(join(dir, 'bad.json'))).rejects.toThrow(new RegExp(`${join(dir, 'bad.json')}: corrupt JSON`));
    await expect(readJsonFile(join(dir, 'none.json'))).rejects.toThrow(`${join(dir, 'none.json')}: not found`);
    await expect(readJsonFile(join(dir, 'none.json'), { missing: 'no model here' })).rejects.toThrow(/: no model here/);
    await expect(readJsonFile(dir)).rejects.toThrow(/cannot read/); // a directory
    await expect(readJsonFile(join(dir, 'bad.json'))).rejects.toBeInstanceOf(InputFileError);
  });
});
