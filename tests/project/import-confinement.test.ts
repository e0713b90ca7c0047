/** A dropped file's copy stays inside the project's imports/ folder, whatever its name and whatever links lie there. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPath, safeRelativePath } from '../../src/project';

let dir: string;
let project: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-imports-'));
  project = join(dir, 'project');
  await mkdir(join(project, 'imports'), { recursive: true });
  await mkdir(join(dir, 'outside'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const where = async (dropped: string) => importPath(project, safeRelativePath(dropped));

describe('importPath', () => {
  it('keeps traversal in any spelling inside imports/ (names are names, not paths)', async () => {
    const imports = join(project, 'imports');
    expect(await where('../../evil.wav')).toBe(join(imports, 'evil.wav'));
    expect(await where('..\\..\\evil.wav')).toBe(join(imports, 'evil.wav'));
    expect(await where('%2e%2e%2fevil.wav')).toBe(join(imports, '_2e_2e_2fevil.wav'));
    expect(await where('%252e%252e%252fevil.wav')).toBe(join(imports, '_252e_252e_252fevil.wav'));
    expect(await where('/etc/passwd')).toBe(join(imports, 'etc', 'passwd'));
    expect(await where('fi/./../.hidden/a.wav')).toBe(join(imports, 'fi', 'hidden', 'a.wav'));
  });

  it('refuses a folder of imports/ that is a symbolic link out of the project, and a dangling link as a file name', async () => {
    await symlink(join(dir, 'outside'), join(project, 'imports', 'fi'));
    await expect(where('fi/a.wav')).rejects.toThrow(`fi/a.wav: the project's imports/ folder leads out of the project there (a symbolic link to ${join(dir, 'outside')})`);
    await expect(where('fi/deeper/a.wav')).rejects.toThrow(/leads out of the project there/);
    await symlink(join(dir, 'outside', 'planted.wav'), join(project, 'imports', 'planted.wav'));
    expect(await where('planted.wav')).toBe(join(project, 'imports', 'planted (2).wav'));
    // a link that stays inside imports/ is fine, and imports/ itself may live elsewhere (another disk)
    await mkdir(join(project, 'imports', 'real'));
    await symlink(join(project, 'imports', 'real'), join(project, 'imports', 'alias'));
    expect(await where('alias/b.wav')).toBe(join(project, 'imports', 'alias', 'b.wav'));
    await rm(join(project, 'imports'), { recursive: true });
    await symlink(join(dir, 'outside'), join(project, 'imports'));
    expect(await where('en/c.wav')).toBe(join(project, 'imports', 'en', 'c.wav'));
  });
});
