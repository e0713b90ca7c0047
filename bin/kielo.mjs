#!/usr/bin/env node
// The `kielo` command: runs the TypeScript CLI through tsx, so no build step stands between install and use.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
