/** The demo project the studio opens at first start: a few clips of each bundled language, ready to classify. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { kieloHome } from '../project';
import { listAudioFiles } from '../audio';
import { DEMO_DIR } from './models';
import { KieloService, type ServiceOptions } from './service';

/** Where the demo project lives: KIELO_HOME/demo-project. */
export function demoProjectDir(): string {
  return join(kieloHome(), 'demo-project');
}

/** The first `perLanguage` clips of each language folder of assets/demo/lid (none when the corpus is absent). */
export async function demoClips(perLanguage = 2): Promise<string[]> {
  const root = join(DEMO_DIR, 'lid');
  const languages = (await readdir(root, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const clips: string[] = [];
  for (const language of languages) clips.push(...(await listAudioFiles([join(root, language)]).catch(() => [])).slice(0, perLanguage));
  return clips;
}

/** Opens the project at `dir` (default the demo project), adding demo clips when it has no files yet. */
export async function openProjectOrDemo(dir: string | undefined, options: ServiceOptions = {}): Promise<KieloService> {
  const service = await KieloService.open(dir ?? demoProjectDir(), options);
  if (!dir && (await service.listFiles()).length === 0) await service.addFiles(await demoClips());
  return service;
}
