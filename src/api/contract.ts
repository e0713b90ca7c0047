/**
 * KieloApi: the one contract between the back end and every front end (Electron preload, browser mode, tests).
 * Result types here; payload types come from their schemas (./schemas.ts, valibot), re-exported, so the renderer may
 * import this file and nothing else of src/.
 */
import type * as v from 'valibot';
import { API_ARGS, type GenerateSettingsInput, type ListDirectoryOptions, type ModelKind, type TrainSettings, type TrainSettingsInput, type UploadedFile } from './schemas';

export * from './schemas';

/** Which TensorFlow.js engine runs the models. */
export interface EngineStatus {
  name: 'node' | 'wasm' | 'cpu';
  backend: string;
  version: string;
  /** Kielo's own kernels on top of the engine (e.g. 'Kielo WebAssembly SIMD'), when they run. */
  kernels?: string | null;
}

/** The open project as the UI shows it. */
export interface ProjectInfo {
  /** Absolute folder of the project. */
  dir: string;
  name: string;
  /** On-disk format version (migrated on open). */
  version: number;
  createdAt: string;
}

/** One audio file of the project. */
export interface AudioFileEntry {
  /** Stable id within the project. */
  id: string;
  /** Absolute path on disk. */
  path: string;
  /** File name shown in lists. */
  name: string;
  sampleRate: number;
  channels: number;
  durationSec: number;
  format: string;
  /** Language or class label (from the folder name or set by the user); null when unknown. */
  label: string | null;
}

/** A file that could not be added, and why. */
export interface FileProblem {
  file: string;
  reason: string;
}

/** What adding files did: the entries added and the inputs that failed. */
export interface AddFilesResult {
  added: AudioFileEntry[];
  problems: FileProblem[];
}

/** Precomputed waveform peaks for wavesurfer.js (the renderer never decodes audio). */
export interface Waveform {
  durationSec: number;
  /** Peak absolute amplitude per bucket, in [0, 1]. */
  peaks: number[];
}

/** A log-mel spectrogram for display: `data` is row-major [frames x bins], 0..255, bin 0 the lowest band. */
export interface Spectrogram {
  frames: number;
  bins: number;
  hopSec: number;
  maxHz: number;
  data: number[];
}

/** Audio bytes to play (16-bit WAV). */
export interface AudioData {
  mime: 'audio/wav';
  base64: string;
}

/** A stretch of a file assigned to one label. */
export interface Segment {
  start: number;
  end: number;
  label: string;
}

/** What a language identifier says about one file. */
export interface ClassifyResult {
  file: string;
  model: string;
  /** The language; null when the file holds no speech or the model is unsure. */
  label: string | null;
  /** Whether the speech detector heard speech. */
  speech: boolean;
  /** Speech, but the top calibrated posterior is below the confidence threshold. */
  unsure: boolean;
  /** The top label whatever the decision, and its calibrated posterior (0..1). */
  bestGuess: string;
  confidence: number;
  /** Calibrated posterior probability by label. */
  posteriors: Record<string, number>;
  /** Language over time. */
  segments: Segment[];
}

/** A model the project can use: bundled demo or trained in a run. */
export interface ModelInfo {
  id: string;
  kind: 'lid' | 'asr' | 'wavenet';
  name: string;
  dir: string;
  labels: string[];
  source: 'demo' | 'run';
}

/** A dataset folder offered for training. */
export interface DatasetInfo {
  name: string;
  dir: string;
  /** Which model kinds can train on it. */
  kinds: ModelKind[];
}

/** One epoch of a training run. */
export interface EpochPoint {
  epoch: number;
  trainLoss: number;
  valLoss?: number;
  trainAccuracy?: number;
  valAccuracy?: number;
  /** Mean L2 norm of the gradient per layer (or variable) over the epoch. */
  gradNorms: Record<string, number>;
  seconds: number;
}

/** Where a run stands. */
export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

/** A training run as listed. */
export interface RunSummary {
  id: string;
  kind: ModelKind;
  status: RunStatus;
  createdAt: string;
  settings: TrainSettings;
  /** Final metrics (accuracy, valAccuracy, valCer, bits per sample...). */
  metrics: Record<string, number>;
  engine: string | null;
  /** Epoch whose weights were kept (early stopping), when known. */
  bestEpoch: number | null;
  error: string | null;
}

/** A run with its curves and log. */
export interface RunDetail extends RunSummary {
  history: EpochPoint[];
  log: string[];
}

/** One generated sample. */
export interface GeneratedSample {
  id: string;
  file: string;
  model: string;
  seconds: number;
  temperature: number;
  label: string | null;
  seed: number;
  createdAt: string;
}

/** Learned first-layer filters beside the mel filterbank. All magnitudes in dB over `freqsHz`. */
export interface FilterResponses {
  model: string;
  sampleRate: number;
  freqsHz: number[];
  /** Sorted by centre frequency. */
  filters: { centreHz: number; impulse: number[]; magnitudeDb: number[] }[];
  cumulativeDb: number[];
  mel: { centreHz: number; magnitudeDb: number[] }[];
}

/** LID evaluation on a labelled set. */
export interface EvalResults {
  model: string;
  n: number;
  accuracy: number;
  labels: string[];
  /** confusion[true][predicted] counts. */
  confusion: number[][];
  eer: number;
  cavg: number;
  /** Top-label expected calibration error of the (calibrated) posteriors; null for no files. */
  ece: number | null;
  /** What classify answers at its default threshold: coverage and accuracy on the files answered. */
  answered: { minConfidence: number; coverage: number; accuracy: number | null };
  /** Label folders of the set the model does not know, left out, with their file counts. */
  skippedLabels: Record<string, number>;
}

/** One aligned word of an ASR transcript against its reference (sclite semantics). */
export interface AlignedWord {
  /** C correct, S substituted, D deleted (reference word missing), I inserted (extra word). */
  op: 'C' | 'S' | 'D' | 'I';
  ref: string | null;
  hyp: string | null;
}

/** A CTC recogniser's output for one file, scored when a reference transcript sits beside it. */
export interface TranscriptResult {
  file: string;
  model: string;
  text: string;
  /** The same-named .txt beside the file, when there is one. */
  reference: string | null;
  /** Word alignment of text against reference (empty without a reference). */
  alignment: AlignedWord[];
  /** Word and character error rates (characters without spaces); null without a reference. */
  wer: number | null;
  cer: number | null;
  /** Per-frame log posteriors, row-major [frames x classes], class 0 the CTC blank; `classes` names them. */
  posteriorgram: { frames: number; classes: string[]; frameSeconds: number; logProbs: number[] } | null;
}

/** One entry of a listed folder (browser mode's in-page file browser). */
export interface FolderEntry {
  name: string;
  /** Absolute path (as listed: a link keeps its own path). */
  path: string;
  kind: 'folder' | 'file';
  /** A folder holding a Kielo project (kielo-project.json). */
  project: boolean;
  /** A file with an audio extension Kielo reads. */
  audio: boolean;
}

/** A folder's contents, confined to the folders Kielo may browse (`roots`). */
export interface DirectoryListing {
  /** The folder listed, links resolved. */
  dir: string;
  /** Its parent, or null at the top of a root. */
  parent: string | null;
  /** Folders first, then files, by name; hidden ones only when asked. */
  entries: FolderEntry[];
  /** More entries than listed. */
  truncated: boolean;
  /** The folders browsing may reach (home, the project, the folder holding it, the demo data). */
  roots: string[];
}

/** A long task's lifecycle, streamed to every front end. */
export type JobEvent =
  | { type: 'started'; jobId: string; task: string; runId: string | null }
  | { type: 'progress'; jobId: string; fraction: number; message: string }
  | { type: 'epoch'; jobId: string; runId: string; point: EpochPoint }
  | { type: 'done'; jobId: string; runId: string | null; result: unknown }
  | { type: 'failed'; jobId: string; runId: string | null; error: string }
  | { type: 'cancelled'; jobId: string; runId: string | null };

/** A long task that was started. */
export interface JobHandle {
  jobId: string;
  runId: string | null;
}

/** The back end as every front end sees it. Every call may reject with an Error whose message is for the user. */
export interface KieloApi {
  /** The engine in use (shown to the user in the status bar). */
  engine(): Promise<EngineStatus>;
  /** The open project. */
  project(): Promise<ProjectInfo>;
  /** Recently opened project folders, newest first. */
  recentProjects(): Promise<string[]>;
  /** Opens an existing project folder. */
  openProject(dir: string): Promise<ProjectInfo>;
  /** Creates a project folder (must not exist or be empty) and opens it. */
  createProject(dir: string, name: string): Promise<ProjectInfo>;
  /** The project's audio files. */
  listFiles(): Promise<AudioFileEntry[]>;
  /** Adds files and folders (recursively) by path; bad files are reported, the rest added. */
  addFiles(paths: string[]): Promise<AddFilesResult>;
  /** Adds files sent as bytes (drops in browser mode), copied into the project; a .txt is kept beside its audio as its transcript. */
  uploadFiles(files: UploadedFile[]): Promise<AddFilesResult>;
  /** Removes a file from the project (not from disk). */
  removeFile(id: string): Promise<void>;
  /** Sets or clears a file's label. */
  setLabel(id: string, label: string | null): Promise<AudioFileEntry>;
  /** Waveform peaks with `buckets` points (default 2000). */
  waveform(id: string, buckets?: number): Promise<Waveform>;
  /** Log-mel spectrogram for display. */
  spectrogram(id: string): Promise<Spectrogram>;
  /** The file as WAV bytes for playback. */
  audio(id: string): Promise<AudioData>;
  /** Models available: the bundled demo models and those trained in this project. */
  models(): Promise<ModelInfo[]>;
  /** Datasets offered for training (the demo sets, plus folders added by the user). */
  datasets(): Promise<DatasetInfo[]>;
  /** Language of a project file with a LID model (the demo model when omitted). */
  classify(id: string, model?: string): Promise<ClassifyResult>;
  /** Starts a training run in the background; follow it with onJobEvent. */
  startTraining(settings: TrainSettingsInput): Promise<JobHandle>;
  /** Resumes a cancelled or failed run from its checkpoint. */
  resumeTraining(runId: string): Promise<JobHandle>;
  /** Cancels a running job (training saves a checkpoint first). */
  cancelJob(jobId: string): Promise<void>;
  /** The project's runs, newest first. */
  runs(): Promise<RunSummary[]>;
  /** One run with its curves. */
  run(runId: string): Promise<RunDetail>;
  /** Learned filters of a LID model beside the mel bank. */
  filters(model: string): Promise<FilterResponses>;
  /** Transcribes a project file with a CTC recogniser (the demo one when omitted) and scores it against its .txt. */
  transcribe(id: string, model?: string): Promise<TranscriptResult>;
  /** Evaluates a LID model on a labelled folder (the demo test set when omitted). */
  evaluate(model: string, dataset?: string): Promise<EvalResults>;
  /** Starts generating a sample in the background. */
  generate(settings: GenerateSettingsInput): Promise<JobHandle>;
  /** Samples generated in this project, newest first. */
  generated(): Promise<GeneratedSample[]>;
  /** The sample as WAV bytes. */
  generatedAudio(id: string): Promise<AudioData>;
  /** Lists a folder (the project folder when omitted) for the in-page file browser; confined to DirectoryListing.roots. */
  listDirectory(dir?: string, options?: ListDirectoryOptions): Promise<DirectoryListing>;
  /** Follows every job's events; returns the unsubscribe. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

/** The request/response calls of KieloApi (everything but subscriptions). */
export type ApiMethod = Exclude<keyof KieloApi, 'onJobEvent'>;

/** Each call's argument schema. The annotation makes the compiler check that what a schema validates is what its call takes. */
export const API_SCHEMAS: { [K in ApiMethod]: v.GenericSchema<unknown, Parameters<KieloApi[K]>> } = API_ARGS;
