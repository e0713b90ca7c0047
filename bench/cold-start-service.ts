/**
 * The packaged main process's service start, without Electron (whose binary cannot be downloaded everywhere): what
 * electron/main.ts does once the app is ready, openProjectOrDemo (the demo project under KIELO_HOME), then the
 * first calls the renderer makes (project(), then engine(), which loads TensorFlow.js). Prints one JSON line:
 * milliseconds from this process's start (performance.now()) until each call answered. Run by bench/cold-start.ts,
 * through tsx and as a bundle.
 */
import { openProjectOrDemo } from '../src/api/demo-project';

const service = await openProjectOrDemo(undefined);
const project = await service.project();
const projectMs = performance.now();
const engine = await service.engine();
const engineMs = performance.now();
process.stdout.write(`${JSON.stringify({ projectMs, engineMs, project: project.name, engine: engine.name })}\n`);
await service.close();
