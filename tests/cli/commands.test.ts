/** The command registry is the one source of each command's name and summary, for `kielo --help` and `kielo NAME --help`. */
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands';
import { main } from '../../src/cli/main';

describe('the command registry', () => {
  it.each(Object.keys(commands))("'%s': the module's name is its key, it has no summary of its own, its --help shows the registry's and explains every option", async (name) => {
    const { command } = await commands[name].load();
    expect(command.name).toBe(name);
    expect(command).not.toHaveProperty('summary');
    const out: string[] = [];
    expect(await main([...name.split(' '), '--help'], { stdout: (t) => void out.push(t), stderr: () => {} })).toBe(0);
    expect(out.join('').split('\n')[2]).toBe(commands[name].summary);
    // every option is explained in the command's help (formatCommandHelp lists only the ones that are not)
    for (const option of Object.keys(command.options)) expect(command.help).toMatch(new RegExp(`--${option}(?![\\w-])`));
  });
});
