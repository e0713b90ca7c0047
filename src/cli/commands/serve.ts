/** `kielo serve`: the studio in a browser on 127.0.0.1, behind a per-run token. */
import { fileURLToPath } from 'node:url';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../options';
import { ensureRenderer } from '../renderer-build';
import { openProjectOrDemo } from '../../api/demo-project';
import { startServer } from '../../server/server';

/** Where `npm run build:renderer` puts the renderer. */
export const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export const command: CliCommand = {
  name: 'serve',
  usage: '[--port P] [--project DIR]',
  help: [
    'Serves the studio on http://127.0.0.1:P with a random token in the URL; requests without it are refused.',
    '  --port P        port (default: a free one)',
    '  --project DIR   project folder to open or create (default: the demo project in $KIELO_HOME)',
    'In a checkout, the first serve builds the renderer (npm run build:renderer does it too). Stop with Ctrl-C.',
  ].join('\n'),
  options: { port: { type: 'string' }, project: { type: 'string' } },
  async run(ctx) {
    const port = numberOption(ctx.args.values, 'port', { integer: true, min: 0, max: 65535 }) ?? 0;
    ensureRenderer(RENDERER_DIR, (line) => ctx.progress.log(line));
    const service = await openProjectOrDemo(stringOption(ctx.args.values, 'project'));
    const server = await startServer(service, { port, staticDir: RENDERER_DIR });
    const project = await service.project();
    ctx.progress.log(`kielo: project ${project.dir}`);
    ctx.output({ url: server.url, port: server.port, project: project.dir }, () => `Kielo is running at ${server.url}\n`);
    await new Promise<void>((done) => {
      if (ctx.signal.aborted) return done();
      ctx.signal.addEventListener('abort', () => done(), { once: true });
      process.once('SIGTERM', () => done());
    });
    await server.close();
    await service.close();
  },
};
