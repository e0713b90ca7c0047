/**
 * A training in a project, run as its own process by crash.test.ts (node --import tsx) so the test can SIGKILL it:
 * `crash-train.ts PROJECT start DATASET EPOCHS` or `crash-train.ts PROJECT resume RUN_ID`. Prints one JSON line per
 * job event on stdout, first {"type":"run","runId"}, last {"type":"finished","run": RunDetail}.
 */
import { DEFAULT_TRAIN_SETTINGS } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';

const [projectDir, mode, arg, epochs] = process.argv.slice(2);
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const service = await KieloService.open(projectDir);
service.onJobEvent(print);
const handle =
  mode === 'start'
    ? await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: arg, epochs: Number(epochs), batchSize: 2, valFraction: 0.25, patience: 0, learningRate: 0.003, seed: 5 })
    : await service.resumeTraining(arg);
print({ type: 'run', runId: handle.runId });
await service.idle();
print({ type: 'finished', run: await service.run(handle.runId!) });
await service.close();
