/**
 * KieloApi: the one contract between the back end and every front end (Electron preload, browser mode, tests).
 * Result types here; payload types come from their schemas (./schemas.ts, valibot), re-exported, so the renderer may
 * import this file and nothing else of src/.
 */
import type * as v from 'valibot';
import type { EvalGrouping } from './schemas';
import { API_ARGS, type AudioView, type GenerateSettingsInput, type LatentAudioRequestInput, type LatentMapRequestInput, type ListDirectoryOptions, type ResynthRequestInput, type ModelKind, type SpectrogramRequestInput, type TrainSettings, type TrainSettingsInput, type TranscribeRequestInput, type UploadedFile, type WaveformRequestInput } from './schemas';

export * from './schemas';
export * from './commands';
export * from './duration-text';

/** Which TensorFlow.js engine runs the models. */
export interface EngineStatus {
  name: 'node' | 'wasm' | 'cpu';
  backend: string;
  version: string;
  /** Kielo's own kernels on top of the engine (e.g. 'Kielo WebAssembly SIMD'), when they run. */
  kernels?: string | null;
  /** Worker threads that inference over many files (evaluate, classifyFiles, transcribe) spreads them over. */
  threads?: number;
}

/** The words an openProject error gives for a folder that holds no project (the studio then offers to create one there). */
export const NOT_A_PROJECT = 'not a Kielo project';

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
  /** Where the file came from as the user knows it: its own path (referenced in place) or its path in a browser drop (copied). */
  source: string;
  /** True when `path` is the project's copy under imports/ (browser drops), deleted when the file is removed. */
  copied: boolean;
  /** SHA-256 of the file's bytes (finds a file added twice); null for files of older projects not hashed yet. */
  sha256: string | null;
  /** The paired transcript (.txt) on disk; null when none. */
  transcript: string | null;
}

/** A file that could not be added, and why. */
export interface FileProblem {
  file: string;
  reason: string;
}

/** What adding files did: the entries added, the inputs that failed, files already in the project, transcripts paired. */
export interface AddFilesResult {
  added: AudioFileEntry[];
  problems: FileProblem[];
  /** Files whose bytes the project already holds (not added again), with the entry that holds them. */
  duplicates: { file: string; existing: AudioFileEntry }[];
  /** Transcripts (.txt) paired with their audio. */
  transcripts: { file: string; audio: AudioFileEntry }[];
}

/**
 * A stretch of a file's waveform for display (the renderer never decodes audio), at full scale (1 = 0 dBFS): per
 * channel, the least and greatest sample in each of `columns` equal parts of [startSec, endSec]; or, when `exact`,
 * the samples themselves (min = max), sample i of the arrays being sample `firstSample + i` of the file.
 */
export interface Waveform {
  durationSec: number;
  sampleRate: number;
  startSec: number;
  endSec: number;
  exact: boolean;
  firstSample: number;
  /** One entry per channel. */
  channels: { min: number[]; max: number[] }[];
  /** Largest |sample| of the whole file over all channels (1 = full scale). */
  peak: number;
}

/**
 * A spectrogram of a stretch of a file for display, one column per pixel: levels in dB relative to a full-scale
 * sine, mapped to bytes 0..255 (255 = topDb, 0 = topDb - rangeDb or below).
 */
export interface Spectrogram {
  scale: 'linear' | 'mel';
  sampleRate: number;
  /** The channel analysed; null for the mix of all. */
  channel: number | null;
  startSec: number;
  endSec: number;
  windowSec: number;
  columns: number;
  rows: number;
  /** Centre frequency of each row (Hz), lowest first: equally spaced (linear) or the mel bands' centres. */
  rowHz: number[];
  /** Frequency of the top edge (Hz): half the sample rate. */
  maxHz: number;
  /** dB of the top colour: 0 (dBFS) unless normalised, then the file's peak level. */
  topDb: number;
  rangeDb: number;
  /** Row-major [columns x rows] bytes, row 0 the lowest frequency, base64. */
  base64: string;
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
  /** Length of the file (s). */
  durationSec: number;
  /** Language over time. */
  segments: Segment[];
}

/** One file of a batch classification: its result, or why it could not be classified. */
export interface ClassifiedFile {
  id: string;
  result: ClassifyResult | null;
  error: string | null;
}

/** A model the project can use: bundled demo or trained in a run. */
export interface ModelInfo {
  id: string;
  kind: 'lid' | 'asr' | 'wavenet';
  name: string;
  dir: string;
  labels: string[];
  source: 'demo' | 'run';
  /** Word lists (.txt file names) in the model's folder, for constrained decoding (recognisers). */
  wordLists: string[];
  /** A WaveNet conditioned on log-mel (a vocoder: it resynthesises, it does not generate from nothing). */
  vocoder?: boolean;
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
  /** Whether early stopping ended the run before its last epoch (bestEpoch is then where it stopped improving). */
  stoppedEarly: boolean;
  /** Where the trained model is saved; null until the run is done. */
  modelDir: string | null;
  /** Whether resumeTraining can continue it: cancelled or failed, with a checkpoint on disk. */
  resumable: boolean;
  error: string | null;
}

/** One point of a run's per-batch loss trace: `x` in epochs (2.5 = half way through epoch 3), the mean loss of the batches since the previous point. */
export interface LossTracePoint {
  x: number;
  loss: number;
}

/** A run with its curves and log. */
export interface RunDetail extends RunSummary {
  history: EpochPoint[];
  /** The training loss within epochs, a few points a second of training. */
  lossTrace: LossTracePoint[];
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

/** One way a resynthesis made audio again: its audio id (for waveform, spectrogram and audio) and its figures. */
export interface ResynthesizedAudio {
  audio: string;
  /** Log-spectral distance from the original (dB). */
  lsdDb: number;
  /** Mel-cepstral distortion from the original (dB, c0 excluded). */
  mcdDb: number;
  /** Level against the original's (dB). */
  levelDb: number;
  /** Seconds of computing per second of audio. */
  realTimeFactor: number;
}

/** A file resynthesised from its log-mel: the original and both resyntheses as audio ids, equally long and sample-aligned. */
export interface Resynthesis {
  id: string;
  file: string;
  /** The vocoder's model id. */
  model: string;
  duration: number;
  sampleRate: number;
  frames: number;
  /** The original's audio id. */
  original: string;
  wavenet: ResynthesizedAudio;
  griffinLim: ResynthesizedAudio;
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
  /** What classify answers at its default threshold (speech, top posterior >= minConfidence): how many files, their share and accuracy. */
  answered: { minConfidence: number; n: number; coverage: number; accuracy: number | null };
  /** Label folders of the set the model does not know, left out, with their file counts. */
  skippedLabels: Record<string, number>;
  /** Precision and recall of each label (null where undefined: nothing predicted or no files), and its file count. */
  perClass: Record<string, { precision: number | null; recall: number | null; support: number }>;
  /** Accuracy by file duration ('<=3s', '3-10s', '>10s'): the groups that have files. */
  byDuration: Record<string, { n: number; accuracy: number; eer: number | null; cavg: number | null }>;
  /** Which files were scored: the set's manifest test split, or all. */
  split: 'test' | 'all';
  /** The model's calibration temperature (1: none) and the mean negative log-likelihood of the true labels. */
  temperature: number;
  nll: number | null;
  /** ECE and NLL of the model's own (uncalibrated) posteriors. */
  uncalibrated: { ece: number | null; nll: number | null };
  /** Files the speech detector heard speech in. */
  speechFiles: number;
  /** Files that could not be read, and why. */
  failed: { file: string; reason: string }[];
  /** With groupBy: the grouping, where its groups were read from, and accuracy per group (speaker or source). */
  byGroup?: { groupBy: EvalGrouping; groupsFrom: string; groups: Record<string, { n: number; accuracy: number; labels: string[] }> };
  /** Every scored file: its true label, the model's top label and that label's posterior. */
  files: FileOutcome[];
}

/** How a model did on one test file. */
export interface FileOutcome {
  file: string;
  label: string;
  predicted: string;
  confidence: number;
}

/** One model of a comparison: its evaluation on the shared test files, and its training curves when it is a run. */
export interface ComparedModel {
  model: string;
  name: string;
  /** The run that trained it; null for a bundled model. */
  runId: string | null;
  evaluation: EvalResults;
  /** 95% Wilson score interval of the accuracy. */
  accuracyInterval: [number, number];
  /** Per-epoch curves of its run ([] for a bundled model). */
  history: EpochPoint[];
}

/**
 * Accuracy of `model` minus that of `reference` on the files both scored, with a 95% paired-bootstrap interval
 * over files and McNemar's exact test on the files where only one of them is right.
 */
export interface AccuracyDifference {
  model: string;
  reference: string;
  /** Files both scored. */
  n: number;
  difference: number;
  low: number;
  high: number;
  /** Files only the reference got right, and only `model` got right. */
  onlyReference: number;
  onlyModel: number;
  /** Two-sided exact McNemar p-value. */
  pValue: number;
}

/** Models scored on the same test files, side by side; each compared with the first. */
export interface ModelComparison {
  dataset: string;
  models: ComparedModel[];
  differences: AccuracyDifference[];
  /** How the uncertainty was computed, in words for the screen. */
  method: string;
}

/** One file on the latent map. */
export interface LatentPoint {
  file: string;
  /** Its path under the mapped folder. */
  name: string;
  /** Its label folder ('' for files directly in the folder). */
  label: string;
  /** First two principal components of its mean code. */
  x: number;
  y: number;
}

/** One point of the compression curve: codes of k numbers at b bits, and the held-out reconstruction error (dB). */
export interface CompressionPoint {
  k: number;
  bits: number;
  bitsPerSecond: number;
  autoencoderDb: number;
  autoencoderFloatDb: number;
  /** The classical line: the 2-D DCT (MFCC over bands, DCT over time) truncated to k coefficients. */
  dctDb: number;
}

/** A folder under a generative model, with the model's figures and curves. */
export interface LatentMap {
  model: string;
  kind: 'ae' | 'vae' | 'gan';
  /** Numbers per code. */
  code: number;
  folder: string;
  /** Share of the codes' variance along x and y. */
  explained: [number, number];
  /** Empty for a GAN (no encoder). */
  points: LatentPoint[];
  skipped: { file: string; reason: string }[];
  /** The model's training figures (kielo.json metrics). */
  figures: Record<string, number>;
  /** Training curves: per epoch, and per step (the GAN's two losses); null when the model has none. */
  curves: { epochs: { epoch: number; trainLoss: number; validation: Record<string, number> | null; seconds: number }[]; steps: Record<string, number[]> } | null;
  /** The compression curve saved beside the model; null when absent. */
  compression: CompressionPoint[] | null;
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
  /** The reference scored against (lower case, single spaces): typed, or the file's paired transcript; null when neither. */
  reference: string | null;
  /** Where the reference came from. */
  referenceFrom: 'typed' | 'transcript' | null;
  /** The decoding used: beam width (1 = greedy) and the word list, if any. */
  beamWidth: number;
  wordList: string | null;
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

/** How far a long job has got: items done of the total, the pace, and the time left at that pace. */
export interface JobProgress {
  done: number;
  /** Null while unknown. */
  total: number | null;
  /** What is counted: 'files', 'samples'. */
  unit: string;
  /** Items per second so far; null before there is a pace. */
  perSecond: number | null;
  secondsLeft: number | null;
}

/** Where a training run is within its epoch (the loop's progress reports, a few a second). */
export interface TrainProgressPoint {
  epoch: number;
  epochs: number;
  /** Batches done in this epoch, of `total` (null while unknown). */
  done: number;
  total: number | null;
  /** Clips (utterances, crops) per second; null before there is a pace. */
  examplesPerSecond: number | null;
  /** Mean training loss of the batches since the previous point. */
  loss: number;
  epochSecondsLeft: number | null;
  secondsLeft: number | null;
}

/** A long task's lifecycle, streamed to every front end. */
export type JobEvent =
  | { type: 'started'; jobId: string; task: string; runId: string | null }
  /** A human line (fraction -1: a log line), and for counted work how far it has got. */
  | { type: 'progress'; jobId: string; fraction: number; message: string; progress?: JobProgress }
  | { type: 'trainProgress'; jobId: string; runId: string; progress: TrainProgressPoint }
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
  /**
   * Adds files and folders (recursively) by path, referenced in place (nothing is copied); bad files are reported, the
   * rest added; a file already in the project (same bytes) is reported as a duplicate; a .txt pairs with its audio.
   */
  addFiles(paths: string[]): Promise<AddFilesResult>;
  /**
   * Adds files sent as bytes (drops in browser mode): copied into the project's imports/ under their own names and
   * folders; duplicates and transcripts as addFiles.
   */
  uploadFiles(files: UploadedFile[]): Promise<AddFilesResult>;
  /** Removes a file from the project: the user's file stays on disk, the project's copy of a dropped file is deleted. */
  removeFile(id: string): Promise<void>;
  /** Sets or clears a file's label. */
  setLabel(id: string, label: string | null): Promise<AudioFileEntry>;
  /** A stretch of the waveform of a file or generated sample, at the file's rate and channels (view 'file') or as the models hear it. */
  waveform(id: string, request?: WaveformRequestInput): Promise<Waveform>;
  /** A linear-frequency (STFT) or mel spectrogram of a stretch, for display. */
  spectrogram(id: string, request?: SpectrogramRequestInput): Promise<Spectrogram>;
  /** The file as WAV bytes for playback: every channel at its own rate (view 'file', default) or the models' 16 kHz mono. */
  audio(id: string, view?: AudioView): Promise<AudioData>;
  /** Models available: the bundled demo models and those trained in this project. */
  models(): Promise<ModelInfo[]>;
  /** Datasets offered for training (the demo sets, plus folders added by the user). */
  datasets(): Promise<DatasetInfo[]>;
  /** Language of a project file with a LID model (the demo model when omitted). */
  classify(id: string, model?: string): Promise<ClassifyResult>;
  /** Classifies many project files with one LID model (the demo model when omitted); a file that fails carries its error. */
  classifyFiles(ids: string[], model?: string): Promise<ClassifiedFile[]>;
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
  transcribe(id: string, request?: TranscribeRequestInput): Promise<TranscriptResult>;
  /** Evaluates a LID model on a labelled folder (the demo test set when omitted). */
  evaluate(model: string, dataset?: string, groupBy?: EvalGrouping): Promise<EvalResults>;
  /** Scores two or more LID models on the same test files (the demo test split when omitted) and compares each with the first. */
  compareModels(models: string[], dataset?: string): Promise<ModelComparison>;
  /** Starts generating a sample in the background. */
  generate(settings: GenerateSettingsInput): Promise<JobHandle>;
  /** Samples generated in this project, newest first. */
  generated(): Promise<GeneratedSample[]>;
  /** The sample as WAV bytes. */
  generatedAudio(id: string): Promise<AudioData>;
  /** Starts resynthesising a file from its log-mel (vocoder and Griffin-Lim); the job's result is a Resynthesis. */
  resynthesize(request: ResynthRequestInput): Promise<JobHandle>;
  /** A folder's files placed by their mean code under a generative model (the bundled VAE and demo languages when omitted). */
  latentMap(request?: LatentMapRequestInput): Promise<LatentMap>;
  /** Audio of the Latent view: a file, its reconstruction, an interpolation between two files, or VAE/GAN samples. */
  latentAudio(request: LatentAudioRequestInput): Promise<AudioData>;
  /** Lists a folder (the project folder when omitted or null) for the in-page file browser; confined to DirectoryListing.roots. */
  listDirectory(dir?: string | null, options?: ListDirectoryOptions): Promise<DirectoryListing>;
  /** Follows every job's events; returns the unsubscribe. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
}

/** The request/response calls of KieloApi (everything but subscriptions). */
export type ApiMethod = Exclude<keyof KieloApi, 'onJobEvent'>;

/** Each call's argument schema. The annotation makes the compiler check that what a schema validates is what its call takes. */
export const API_SCHEMAS: { [K in ApiMethod]: v.GenericSchema<unknown, Parameters<KieloApi[K]>> } = API_ARGS;
