/** The one implementation of KieloApi: Electron IPC, browser mode and tests all call this object. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { initEngine } from '../engine';
import { defaultFileThreads } from '../jobs';
import {
  Project, appendHistory, appendLog, appendTrace, createRun, listRuns, projectPaths, readHistory, readLog, readRecent, readRun, readTrace, rememberProject, runPaths,
  updateRun, writeRunEvaluation, type RunRecord,
} from '../project';
import { checkpointPath } from '../train/checkpoint';
import { UsageError, messageOf } from '../util/errors';
import type {
  AddFilesResult, AudioData, AudioFileEntry, ClassifyResult, DatasetInfo, DirectoryListing, EngineStatus, EpochPoint, EvalResults, FilterResponses,
  GenerateSettingsInput, GeneratedSample, JobEvent, JobHandle, KieloApi, LossTracePoint, ModelComparison, ModelInfo, ProjectInfo, RunDetail, RunSummary, Spectrogram,
  ListDirectoryOptions, TrainSettingsInput, TranscriptResult, UploadedFile, Waveform,
} from './contract';
import { browseRoots, listDirectory } from './browse';
import {
  DEFAULT_TRAIN_SETTINGS, GenerateSettingsSchema, KNOBS_OF_KIND, SpectrogramRequestSchema, TrainSettingsSchema, WaveformRequestSchema,
  type AudioView, type SpectrogramRequestInput, type TrainSettings, type WaveformRequestInput,
} from './schemas';
import { parsePayload } from './validate';
import { AudioViewThread } from './audio-view-thread';
import { JobEventHub } from './events';
import { JobManager } from './jobs';
import { DEMO_DIR, DEMO_UNIT_PRIOR_FOLDER, DEMO_VOCODER, demoDatasets, demoModelsDir, findModels } from './models';
import { defaultTaskRunner, type TaskRunner } from './tasks';
import { epochPointOf, metricsOf, storedSettings, trainRequest } from './training';
import { classifyFile, classifyFiles, evaluateModel, loadFilters } from './inference';
import { transcribeAndScore, type TranscribeJob } from './transcripts';
import { readWordList } from '../models/asr/word-list';
import type { ClassifiedFile, TranscribeRequestInput } from './contract';
import { TranscribeRequestSchema, type EvalGrouping } from './schemas';
import { compareModels } from './compare';
import { addPaths, addUploads } from './imports';
import { latentAudio, latentMap, latentModelDir } from './latent';
import { Resyntheses, vocoderOf } from './resynthesis';
import { LatentAudioRequestSchema, LatentMapRequestSchema, ResynthRequestSchema, type LatentAudioRequestInput, type LatentMapRequestInput, type ResynthRequestInput } from './schemas';
import type { LatentMap } from './contract';

/** Options of a service. */
export interface ServiceOptions {
  /** How long tasks run (default: src/jobs workers). */
  runner?: TaskRunner;
}

/** KieloApi over one open project. Create with KieloService.open(dir). */
export class KieloService implements KieloApi {
  private readonly hub = new JobEventHub();
  private readonly jobs: JobManager;
  private readonly audioViews = new AudioViewThread();
  private readonly resyntheses = new Resyntheses();

  private constructor(
    private current: Project,
    private readonly runner: TaskRunner,
  ) {
    this.jobs = new JobManager(this.hub, runner);
  }

  /** Opens (or, when absent, creates) the project in `dir` and serves it. */
  static async open(dir: string, options: ServiceOptions = {}): Promise<KieloService> {
    const exists = await stat(join(dir, 'kielo-project.json')).then(() => true, () => false);
    const project = exists ? await Project.open(dir) : await Project.create(dir, basename(dir));
    await rememberProject(project.dir);
    return new KieloService(project, options.runner ?? defaultTaskRunner);
  }

  /** Cancels running jobs and releases the project. */
  async close(): Promise<void> {
    await this.jobs.stopAll();
    await this.audioViews.close();
    await this.current.close();
  }

  /** Waits until no job runs (tests). */
  idle(): Promise<void> {
    return this.jobs.idle();
  }

  private get runsDir(): string {
    return projectPaths(this.current.dir).runs;
  }

  private engineStatus: Promise<EngineStatus> | null = null;

  engine(): Promise<EngineStatus> {
    // one initialisation per service: concurrent first calls must not race two backends
    this.engineStatus ??= initEngine().then(
      (info) => ({ name: info.name, backend: info.backend, version: info.version, kernels: info.kernels, threads: defaultFileThreads() }),
      (error: unknown) => {
        this.engineStatus = null;
        throw error;
      },
    );
    return this.engineStatus;
  }

  async project(): Promise<ProjectInfo> {
    return this.current.summary();
  }

  recentProjects(): Promise<string[]> {
    return readRecent();
  }

  private async switchTo(open: () => Promise<Project>): Promise<ProjectInfo> {
    const next = await open();
    await this.jobs.stopAll();
    await this.current.close();
    this.current = next;
    await rememberProject(next.dir);
    return next.summary();
  }

  openProject(dir: string): Promise<ProjectInfo> {
    return this.switchTo(() => Project.open(dir));
  }

  createProject(dir: string, name: string): Promise<ProjectInfo> {
    return this.switchTo(() => Project.create(dir, name));
  }

  async listFiles(): Promise<AudioFileEntry[]> {
    return this.current.files();
  }

  addFiles(paths: string[]): Promise<AddFilesResult> {
    return addPaths(this.current, paths);
  }

  uploadFiles(files: UploadedFile[]): Promise<AddFilesResult> {
    return addUploads(this.current, files);
  }

  async removeFile(id: string): Promise<void> {
    await this.current.removeFile(id);
  }

  setLabel(id: string, label: string | null): Promise<AudioFileEntry> {
    return this.current.setLabel(id, label);
  }

  /** The path of a project file or a generated sample. */
  private pathOf(id: string): string {
    const resynthesized = this.resyntheses.pathOf(id);
    if (resynthesized) return resynthesized;
    const sample = this.current.samples().find((s) => s.id === id);
    if (sample) return join(projectPaths(this.current.dir).generated, sample.file);
    return this.current.file(id).path;
  }

  async waveform(id: string, input: WaveformRequestInput = {}): Promise<Waveform> {
    const request = parsePayload('waveform request', WaveformRequestSchema, input);
    return this.audioViews.waveform(this.pathOf(id), request);
  }

  async spectrogram(id: string, input: SpectrogramRequestInput = {}): Promise<Spectrogram> {
    const request = parsePayload('spectrogram request', SpectrogramRequestSchema, input);
    return this.audioViews.spectrogram(this.pathOf(id), request);
  }

  async audio(id: string, view: AudioView = 'file'): Promise<AudioData> {
    return this.audioViews.audio(this.pathOf(id), view);
  }

  models(): Promise<ModelInfo[]> {
    return findModels(this.runsDir);
  }

  async datasets(): Promise<DatasetInfo[]> {
    return demoDatasets();
  }

  /** A model by id, of the given family; UsageError when absent. */
  private async model(id: string | undefined, kind: ModelInfo['kind']): Promise<ModelInfo> {
    const models = (await this.models()).filter((m) => m.kind === kind);
    const found = id ? models.find((m) => m.id === id) : models.find((m) => m.source === 'demo') ?? models[0];
    if (!found) throw new UsageError(id ? `no ${kind} model '${id}'` : `no ${kind} model is available yet: train one first`);
    return found;
  }

  async classify(id: string, model?: string): Promise<ClassifyResult> {
    const file = this.current.file(id);
    const lid = await this.model(model, 'lid');
    return classifyFile(this.runner, lid, file.path);
  }

  async classifyFiles(ids: string[], model?: string): Promise<ClassifiedFile[]> {
    const files = ids.map((id) => this.current.file(id));
    const lid = await this.model(model, 'lid');
    const results = await classifyFiles(this.jobs.runner, lid, files.map((f) => f.path)); // a job: progress and Cancel
    return files.map((f, i) => {
      const r = results[i];
      if (!r) return { id: f.id, result: null, error: 'the classifier returned no result' };
      return 'error' in r ? { id: f.id, result: null, error: r.error } : { id: f.id, result: r, error: null };
    });
  }

  async startTraining(input: TrainSettingsInput): Promise<JobHandle> {
    const settings = parsePayload('training settings', TrainSettingsSchema, input);
    if (!(await stat(settings.dataset).then((s) => s.isDirectory(), () => false))) throw new UsageError(`${settings.dataset}: no such dataset folder`);
    await this.initFromDir(settings); // an unknown model id is refused before a run is made
    const run = await createRun(this.runsDir, settings.kind, { ...settings });
    return this.runTraining(run, false);
  }

  async resumeTraining(runId: string): Promise<JobHandle> {
    const run = await readRun(this.runsDir, runId);
    if (this.jobs.isRunning(runId)) throw new UsageError(`run ${runId} is already running`);
    if (run.status === 'done') throw new UsageError(`run ${runId} has finished; start a new run to train further`);
    if (!toSummary(run, this.runsDir).resumable) throw new UsageError(`run ${runId} saved no checkpoint to resume from: start a new run`);
    return this.runTraining(await updateRun(this.runsDir, runId, { status: 'running', error: null }), true);
  }

  /** The folder of the LID model a run adapts (settings.initFrom, a models() id); undefined when it trains afresh. */
  private async initFromDir(settings: TrainSettings): Promise<string | undefined> {
    if (!settings.initFrom || !KNOBS_OF_KIND[settings.kind].includes('initFrom')) return undefined;
    return (await this.model(settings.initFrom, 'lid')).dir;
  }

  private async runTraining(run: RunRecord, resume: boolean): Promise<JobHandle> {
    const runs = this.runsDir;
    const paths = runPaths(join(runs, run.id));
    const settings = storedSettings(run.id, run.settings);
    const initFrom = await this.initFromDir(settings);
    const { task, params } = trainRequest(settings, { model: paths.model, checkpoints: paths.checkpoints, pcmCache: join(this.current.dir, 'cache', 'pcm'), initFrom }, resume);
    const hub = this.hub;
    let writes = Promise.resolve();
    const later = (write: () => Promise<unknown>) => (writes = writes.then(write).then(() => undefined, () => undefined));
    return this.jobs.start(task, params, {
      runId: run.id,
      onLog: (line) => later(() => appendLog(runs, run.id, line)),
      onEvent: (event, jobId) => {
        const point = epochPointOf(event);
        if (point) {
          later(() => appendHistory(runs, run.id, point));
          hub.emit({ type: 'epoch', jobId, runId: run.id, point });
          hub.emit({ type: 'progress', jobId, fraction: point.epoch / settings.epochs, message: `epoch ${point.epoch}/${settings.epochs}` });
        } else if (event.type === 'progress') {
          const { type: _, ...progress } = event;
          hub.emit({ type: 'trainProgress', jobId, runId: run.id, progress });
          if (event.total) later(() => appendTrace(runs, run.id, { x: event.epoch - 1 + event.done / event.total!, loss: event.loss } satisfies LossTracePoint));
        } else if (event.type === 'started') later(() => updateRun(runs, run.id, { engine: event.engine }));
        else if (event.type === 'earlyStop') later(() => updateRun(runs, run.id, { bestEpoch: event.bestEpoch, stoppedEarly: true }));
        else if (event.type === 'done') later(() => updateRun(runs, run.id, { bestEpoch: event.result.bestEpoch }));
      },
      onDone: async (result) => {
        await writes;
        return updateRun(runs, run.id, { status: 'done', metrics: metricsOf(result), engine: result.engine });
      },
      onCancelled: async () => {
        await writes;
        await updateRun(runs, run.id, { status: 'cancelled' });
      },
      onFailed: async (error) => {
        await writes;
        await appendLog(runs, run.id, `failed: ${error}`);
        await updateRun(runs, run.id, { status: 'failed', error });
      },
    });
  }

  async cancelJob(jobId: string): Promise<void> {
    this.jobs.cancel(jobId);
  }

  async runs(): Promise<RunSummary[]> {
    return (await listRuns(this.runsDir)).map((r) => toSummary(r, this.runsDir));
  }

  async run(runId: string): Promise<RunDetail> {
    const record = await readRun(this.runsDir, runId);
    const [history, trace, log] = await Promise.all([readHistory(this.runsDir, runId), readTrace(this.runsDir, runId), readLog(this.runsDir, runId)]);
    return { ...toSummary(record, this.runsDir), history: history as EpochPoint[], lossTrace: trace as LossTracePoint[], log: log.slice(-200) };
  }

  async filters(model: string): Promise<FilterResponses> {
    const lid = await this.model(model, 'lid');
    await this.engine();
    return loadFilters(lid);
  }

  async evaluate(model: string, dataset?: string, groupBy?: EvalGrouping): Promise<EvalResults> {
    const lid = await this.model(model, 'lid');
    const folder = dataset ?? join(DEMO_DIR, 'lid');
    const result = await evaluateModel(this.jobs.runner, lid, folder, groupBy);
    if (lid.source === 'run') await writeRunEvaluation(this.runsDir, lid.id, folder, result); // the run keeps its per-file outcomes
    return result;
  }

  async compareModels(models: string[], dataset?: string): Promise<ModelComparison> {
    const repeated = models.find((id, i) => models.indexOf(id) !== i);
    if (repeated) throw new UsageError(`model '${repeated}' is picked twice: pick different models to compare`);
    const chosen = await Promise.all(models.map((id) => this.model(id, 'lid')));
    const folder = dataset ?? join(DEMO_DIR, 'lid');
    return compareModels(chosen, folder, {
      evaluate: (m) => this.evaluate(m.id, folder),
      history: async (runId) => (await readHistory(this.runsDir, runId)) as EpochPoint[],
    });
  }

  async transcribe(id: string, input: TranscribeRequestInput = {}): Promise<TranscriptResult> {
    const request = parsePayload('transcription request', TranscribeRequestSchema, input);
    const file = this.current.file(id);
    const asr = await this.model(request.model, 'asr');
    let wordList: TranscribeJob['wordList'] = null;
    if (request.wordList) {
      if (!asr.wordLists.includes(request.wordList)) throw new UsageError(`${asr.name} has no word list '${request.wordList}' (it has: ${asr.wordLists.join(', ') || 'none'})`);
      wordList = { name: request.wordList, words: await readWordList(join(asr.dir, request.wordList)) };
    }
    return transcribeAndScore(this.jobs.runner, asr, file.path, { beamWidth: request.beamWidth, wordList, reference: request.reference, transcript: file.transcript });
  }

  async generate(input: GenerateSettingsInput): Promise<JobHandle> {
    const settings = parsePayload('generation settings', GenerateSettingsSchema, input);
    const { melFrom, vae } = settings;
    const babble = settings.babble === true;
    if ([melFrom !== undefined, vae !== undefined, babble].filter(Boolean).length > 1) throw new UsageError('generation settings: give one of melFrom, vae and babble');
    const frames = melFrom !== undefined || vae !== undefined || babble;
    const wavenet = await this.model(settings.model ?? (frames ? DEMO_VOCODER : undefined), 'wavenet');
    if (frames && !wavenet.vocoder) throw new UsageError(`generation settings: melFrom, vae and babble are for a log-mel vocoder; ${wavenet.name} is not a vocoder: trained with --condition none`);
    if (!frames && wavenet.vocoder) throw new UsageError(`generation settings: ${wavenet.name} is a log-mel vocoder: give melFrom (an audio file), vae (a VAE model) or babble`);
    const dir = projectPaths(this.current.dir).generated;
    await mkdir(dir, { recursive: true });
    const id = `g-${randomUUID().slice(0, 8)}`;
    const file = `${id}.wav`;
    const label = settings.label?.trim() || null;
    const { temperature, seed } = settings;
    // with melFrom, seconds default to the file's length (the schema's default is for the other models)
    const seconds = melFrom !== undefined && input.seconds === undefined ? undefined : settings.seconds;
    const project = this.current;
    const frameSource = {
      ...(melFrom !== undefined ? { melFrom } : {}),
      ...(vae !== undefined ? { melFromVae: latentModelDir(vae, this.runsDir) } : {}),
      ...(babble ? { melFromPrior: join(demoModelsDir(), DEMO_UNIT_PRIOR_FOLDER) } : {}),
    };
    return this.jobs.start('generate', { model: wavenet.dir, ...(seconds !== undefined ? { seconds } : {}), out: join(dir, file), temperature, seed, ...(label ? { label } : {}), ...frameSource }, {
      runId: null,
      onDone: async (result) => {
        const sample: GeneratedSample = { id, file, model: wavenet.id, seconds: result.seconds, temperature, label, seed, createdAt: new Date().toISOString() };
        await project.addSample(sample);
        return sample;
      },
    });
  }

  async resynthesize(input: ResynthRequestInput): Promise<JobHandle> {
    const request = parsePayload('resynthesis request', ResynthRequestSchema, input);
    const vocoder = vocoderOf(await this.models(), request.model);
    return this.resyntheses.start(this.jobs, vocoder, request, projectPaths(this.current.dir).generated);
  }

  async generated(): Promise<GeneratedSample[]> {
    return this.current.samples();
  }

  async generatedAudio(id: string): Promise<AudioData> {
    if (!this.current.samples().some((s) => s.id === id)) throw new UsageError(`no generated sample '${id}'`);
    return { mime: 'audio/wav', base64: (await readFile(this.pathOf(id))).toString('base64') };
  }

  async latentMap(input: LatentMapRequestInput = {}): Promise<LatentMap> {
    return latentMap(parsePayload('latent map request', LatentMapRequestSchema, input), this.runsDir);
  }

  async latentAudio(input: LatentAudioRequestInput): Promise<AudioData> {
    return latentAudio(parsePayload('latent audio request', LatentAudioRequestSchema, input), this.runsDir);
  }

  async listDirectory(dir?: string | null, options: ListDirectoryOptions = {}): Promise<DirectoryListing> {
    return listDirectory(dir ?? this.current.dir, await browseRoots(this.current.dir, [DEMO_DIR]), options);
  }

  onJobEvent(listener: (event: JobEvent) => void): () => void {
    return this.hub.subscribe(listener);
  }
}

/** A run as listed; a run whose stored settings are damaged is still listed, with the problem as its error. */
function toSummary(r: RunRecord, runsDir: string): RunSummary {
  const paths = runPaths(join(runsDir, r.id));
  let settings: TrainSettings;
  let error = r.error;
  try {
    settings = storedSettings(r.id, r.settings);
  } catch (problem) {
    settings = { ...DEFAULT_TRAIN_SETTINGS, dataset: typeof r.settings.dataset === 'string' ? r.settings.dataset : '' };
    error = messageOf(problem);
  }
  // a failed run with nothing saved (an empty folder, a bad setting) has nothing to resume
  const resumable = (r.status === 'cancelled' || r.status === 'failed') && existsSync(checkpointPath(paths.checkpoints));
  return {
    id: r.id, kind: settings.kind, status: r.status, createdAt: r.createdAt, settings, metrics: r.metrics, engine: r.engine, bestEpoch: r.bestEpoch,
    stoppedEarly: r.stoppedEarly ?? false, modelDir: r.status === 'done' ? paths.model : null, resumable, error,
  };
}

