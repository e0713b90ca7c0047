/** What the renderer may reach: every call's path arguments are known, and only granted paths pass without asking. */
import { describe, expect, it, vi } from 'vitest';
import { API_SCHEMAS, type ApiMethod } from '../../src/api/contract';
import { PATH_ARGUMENTS, PathGrants, pathsOf } from '../../electron/path-grants';

describe('PATH_ARGUMENTS', () => {
  it('lists every KieloApi call (a call missing here is refused in Electron)', () => {
    const missing = Object.keys(API_SCHEMAS).filter((m) => !(m in PATH_ARGUMENTS));
    expect(missing, `add these calls to PATH_ARGUMENTS in electron/path-grants.ts, with the arguments that are paths`).toEqual([]);
    expect(() => pathsOf('brandNew' as ApiMethod, ['/etc'])).toThrow('brandNew: refused: this call is not listed');
  });

  it('finds the paths in arguments, lists and fields; omitted optional paths are none', () => {
    expect(pathsOf('addFiles', [['/a', '/b']])).toEqual(['/a', '/b']);
    expect(pathsOf('startTraining', [{ dataset: '/d', epochs: 3 }])).toEqual(['/d']);
    expect(pathsOf('evaluate', ['demo-lid', '/test'])).toEqual(['/test']);
    expect(pathsOf('evaluate', ['demo-lid'])).toEqual([]);
    expect(pathsOf('listDirectory', [null, { hidden: true }])).toEqual([]);
    expect(pathsOf('removeFile', ['/looks/like/a/path'])).toEqual([]);
  });
});

describe('PathGrants', () => {
  it('allows a granted path and what is inside it, after resolving ..', () => {
    const grants = new PathGrants();
    grants.grant('/data/set');
    grants.grant('relative/ignored');
    expect(grants.allows('/data/set')).toBe(true);
    expect(grants.allows('/data/set/fi/a.wav')).toBe(true);
    expect(grants.allows('/data/set/../other')).toBe(false);
    expect(grants.allows('/data/settings')).toBe(false);
    expect(grants.allows('relative/ignored')).toBe(false);
    expect(grants.allows('')).toBe(false);
  });

  it('asks once for the paths not granted, grants them when allowed, and names the path when refused', async () => {
    const grants = new PathGrants();
    grants.grant('/ok');
    const ask = vi.fn(async () => false);
    await expect(grants.authorize('addFiles', [['/ok/a.wav', '/no/b.wav', '/no/c.wav']], ask)).rejects.toThrow('addFiles: /no/b.wav was not chosen by the user, and access was refused');
    expect(ask).toHaveBeenCalledWith('addFiles', ['/no/b.wav', '/no/c.wav']);
    ask.mockResolvedValueOnce(true);
    await grants.authorize('addFiles', [['/no/b.wav']], ask);
    expect(grants.allows('/no/b.wav')).toBe(true);
    expect(grants.allows('/no/c.wav')).toBe(false);
    await grants.authorize('listFiles', [], ask);
    expect(ask).toHaveBeenCalledTimes(2);
  });
});
