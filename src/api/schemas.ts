/**
 * The payload schemas of KieloApi (valibot): one per call, the single source of the payloads' types, validation,
 * ranges and defaults. The HTTP server and the Electron IPC wrapper validate every call with them (src/api/validate.ts),
 * the service parses its settings with them, and the renderer's forms read their ranges and defaults from them.
 * Imports nothing but valibot, so the renderer may bundle it (valibot is modular: ~2 kB gzipped here).
 */
import * as v from 'valibot';

/** The model families Kielo trains. */
export const MODEL_KINDS = ['lid-learned', 'lid-mfcc', 'asr', 'wavenet'] as const;
/** One model family (the learned-front-end LID, its MFCC baseline, the CTC recogniser, the WaveNet generator). */
export type ModelKind = (typeof MODEL_KINDS)[number];
/** The optimisers of the lecture. */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam'] as const;
/** The activations of the lecture. */
export const ACTIVATIONS = ['sigmoid', 'tanh', 'relu'] as const;
/** What LID validation holds out whole: random files, or every file of a speaker or source (src/datasets/groups.ts). */
export const VALIDATION_GROUPINGS = ['file', 'speaker', 'source'] as const;
/** What an evaluation may also report accuracy by: speaker or source (src/datasets/groups.ts reads the groups). */
export const EVAL_GROUPINGS = ['speaker', 'source'] as const;
/** One evaluation grouping. */
export type EvalGrouping = (typeof EVAL_GROUPINGS)[number];
/** What fine-tuning a LID model keeps fixed: nothing, its front end, or its front end and TDNN (src/train/lid-init.ts). */
export const FREEZE_CHOICES = ['none', 'frontend', 'tdnn'] as const;

/** A number in [min, max], with a default. */
function numberIn(min: number, max: number, fallback: number) {
  return v.optional(v.pipe(v.number(), v.minValue(min), v.maxValue(max)), fallback);
}

/** An integer in [min, max], with a default. */
function integerIn(min: number, max: number, fallback: number) {
  return v.optional(v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
}

/** A number in (0, max], with a default. */
function positive(max: number, fallback: number) {
  return v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(max)), fallback);
}

/** Training settings: the lecture's knobs, with their ranges and the studio's defaults. */
export const TrainSettingsSchema = v.strictObject({
  kind: v.optional(v.picklist(MODEL_KINDS), 'lid-learned'),
  /** Dataset folder. */
  dataset: v.pipe(v.string(), v.trim(), v.nonEmpty('choose a dataset folder to train on')),
  epochs: integerIn(1, 100_000, 10),
  optimizer: v.optional(v.picklist(OPTIMIZERS), 'adam'),
  learningRate: positive(10, 0.001),
  /** Examples per step. */
  batchSize: integerIn(1, 1024, 16),
  dropout: numberIn(0, 0.9, 0.1),
  /** Clip gradients to this global norm; 0 = off. */
  clip: numberIn(0, 1000, 5),
  activation: v.optional(v.picklist(ACTIVATIONS), 'relu'),
  /** Weight initialisation scale (1 = the default initialiser). */
  initScale: positive(100, 1),
  /** Epochs without validation improvement before stopping; 0 = off. */
  patience: integerIn(0, 1000, 3),
  /** Fraction of the data held out for validation. */
  valFraction: numberIn(0, 0.5, 0.2),
  /** What validation holds out whole (LID): random files, or whole speakers or sources. */
  groupBy: v.optional(v.picklist(VALIDATION_GROUPINGS), 'file'),
  /** LID: "Adapt this model", a LID model id from models() to fine-tune; '' = fresh weights. */
  initFrom: v.optional(v.string(), ''),
  /** LID, with initFrom: the layers fine-tuning keeps fixed. */
  freeze: v.optional(v.picklist(FREEZE_CHOICES), 'none'),
  seed: integerIn(0, 2 ** 31 - 1, 1),
});

/** Training settings as the service uses them (every knob present). */
export type TrainSettings = v.InferOutput<typeof TrainSettingsSchema>;
/** Training settings as a caller may send them (knobs left out take their defaults). */
export type TrainSettingsInput = v.InferInput<typeof TrainSettingsSchema>;
/** The knobs of the Train form (every setting but the kind and the dataset). */
export type TrainKnob = Exclude<keyof TrainSettings, 'kind' | 'dataset'>;

/** Defaults of every training knob. */
export const DEFAULT_TRAIN_SETTINGS = v.getDefaults(TrainSettingsSchema) as Omit<TrainSettings, 'dataset'>;

const SHARED_KNOBS = ['epochs', 'optimizer', 'learningRate', 'batchSize', 'clip', 'patience', 'valFraction', 'seed'] as const satisfies readonly TrainKnob[];
/** The knobs each model kind's recipe takes (the form shows only these; the others do not apply to it). */
export const KNOBS_OF_KIND: Record<ModelKind, readonly TrainKnob[]> = {
  'lid-learned': [...SHARED_KNOBS, 'dropout', 'activation', 'initScale', 'groupBy', 'initFrom', 'freeze'],
  'lid-mfcc': [...SHARED_KNOBS, 'dropout', 'activation', 'initScale', 'groupBy', 'initFrom', 'freeze'],
  asr: [...SHARED_KNOBS, 'dropout'],
  wavenet: SHARED_KNOBS,
};

/** Generation settings. */
export const GenerateSettingsSchema = v.strictObject({
  /** Model id (see models()); the demo WaveNet when omitted. */
  model: v.optional(v.string()),
  seconds: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(30)), 1),
  temperature: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(5)), 1),
  label: v.optional(v.string()),
  seed: integerIn(0, 2 ** 31 - 1, 1),
  /** A log-mel vocoder only: the audio file whose log-mel it plays (sample-aligned with it; seconds default to its length). */
  melFrom: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'melFrom: choose an audio file'), v.maxLength(4096))),
  /** A log-mel vocoder only, instead of melFrom: a VAE ('demo-vae' or a run id) whose prior log-mel it plays for `seconds`. */
  vae: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(256))),
  /** A log-mel vocoder only, instead of melFrom or vae: babble for `seconds` from the bundled unit prior (assets/demo/models/unit-prior). */
  babble: v.optional(v.boolean()),
});

/** Generation settings as the service uses them. */
export type GenerateSettings = v.InferOutput<typeof GenerateSettingsSchema>;
/** Generation settings as a caller may send them. */
export type GenerateSettingsInput = v.InferInput<typeof GenerateSettingsSchema>;

/** Defaults of the generation settings. */
export const DEFAULT_GENERATE_SETTINGS = v.getDefaults(GenerateSettingsSchema) as Required<Pick<GenerateSettings, 'seconds' | 'temperature' | 'seed'>>;

/** A resynthesis: a file's log-mel back to audio by a log-mel vocoder and by Griffin-Lim (kielo resynth). */
export const ResynthRequestSchema = v.strictObject({
  /** A vocoder's model id ('demo-vocoder' or a run id); the bundled vocoder when omitted. */
  model: v.optional(v.pipe(v.string(), v.maxLength(256))),
  /** The audio file (any format Kielo reads). */
  file: v.pipe(v.string(), v.trim(), v.nonEmpty('choose an audio file to resynthesise'), v.maxLength(4096)),
  /** The vocoder's sampling seed. */
  seed: integerIn(0, 2 ** 31 - 1, 1),
});
/** A resynthesis request as a caller may send it. */
export type ResynthRequestInput = v.InferInput<typeof ResynthRequestSchema>;

/** What the Latent view maps: a generative model id (default the bundled VAE) and a folder of DIR/<label>/ audio. */
export const LatentMapRequestSchema = v.strictObject({
  /** 'demo-vae' or a run id; the bundled VAE when omitted. */
  model: v.optional(v.string()),
  /** Folder of audio (label folders colour the map); the demo languages when omitted. */
  folder: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  /** Files taken from each label folder (the first, by path). */
  maxPerLabel: integerIn(1, 1000, 12),
});
/** A latent map request as the service uses it. */
export type LatentMapRequest = v.InferOutput<typeof LatentMapRequestSchema>;

const latentPath = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
/** Audio of the Latent view: a file, its reconstruction, the interpolation between two files, or VAE/GAN samples. */
export const LatentAudioRequestSchema = v.variant('what', [
  v.strictObject({ what: v.literal('file'), model: v.optional(v.string()), file: latentPath }),
  v.strictObject({ what: v.literal('reconstruction'), model: v.optional(v.string()), file: latentPath }),
  v.strictObject({ what: v.literal('interpolation'), model: v.optional(v.string()), file: latentPath, to: latentPath, steps: integerIn(2, 32, 6) }),
  v.strictObject({ what: v.literal('sample'), model: v.optional(v.string()), count: integerIn(1, 16, 4), seed: integerIn(0, 2 ** 31 - 1, 1) }),
]);
/** A latent audio request as the service uses it. */
export type LatentAudioRequest = v.InferOutput<typeof LatentAudioRequestSchema>;
/** A latent audio request as a caller may send it. */
export type LatentAudioRequestInput = v.InferInput<typeof LatentAudioRequestSchema>;
/** A latent map request as a caller may send it. */
export type LatentMapRequestInput = v.InferInput<typeof LatentMapRequestSchema>;

/** Which audio a view shows: the file as decoded (its own rate, every channel) or the models' input (16 kHz mono). */
export const AUDIO_VIEWS = ['file', 'model'] as const;
/** One audio view. */
export type AudioView = (typeof AUDIO_VIEWS)[number];
/** Spectrogram frequency scales: linear (STFT bins) or mel bands. */
export const SPECTROGRAM_SCALES = ['linear', 'mel'] as const;
/** The usual analysis windows (s): wideband resolves glottal pulses and formants, narrowband resolves harmonics. */
export const SPECTROGRAM_WINDOWS = { wideband: 0.005, narrowband: 0.03 } as const;

const viewOf = v.optional(v.picklist(AUDIO_VIEWS), 'file');
const seconds = v.optional(v.pipe(v.number(), v.minValue(0)));

/** What stretch of a file's waveform to send, at how many columns (pixels). */
export const WaveformRequestSchema = v.strictObject({
  /** Default 'file'. */
  view: viewOf,
  /** Start of the stretch (s); default 0. */
  startSec: seconds,
  /** End of the stretch (s); default the file's end. */
  endSec: seconds,
  /** Columns across the stretch, 10..100000; default 2000. Fewer samples than columns are sent as they are. */
  columns: integerIn(10, 100_000, 2000),
});
/** A waveform request as the service uses it. */
export type WaveformRequest = v.InferOutput<typeof WaveformRequestSchema>;
/** A waveform request as a caller may send it. */
export type WaveformRequestInput = v.InferInput<typeof WaveformRequestSchema>;

/** What spectrogram of what stretch of a file to send, at how many columns and rows (the display's pixels). */
export const SpectrogramRequestSchema = v.strictObject({
  /** Default 'file'. */
  view: viewOf,
  /** Default 'linear'. */
  scale: v.optional(v.picklist(SPECTROGRAM_SCALES), 'linear'),
  /** Analysis window (s), 1..200 ms; default 5 ms (wideband). */
  windowSec: numberIn(0.001, 0.2, SPECTROGRAM_WINDOWS.wideband),
  /** Dynamic range shown (dB), 20..150; default 70. */
  rangeDb: numberIn(20, 150, 70),
  /** Top colour at the file's peak level instead of 0 dBFS; default false. */
  normalise: v.optional(v.boolean(), false),
  /** Start of the stretch (s); default 0. */
  startSec: seconds,
  /** End of the stretch (s); default the file's end. */
  endSec: seconds,
  /** Columns (frames, one per pixel) across the stretch, 1..8192; default 800. */
  columns: integerIn(1, 8192, 800),
  /** Rows of a linear-frequency spectrogram, 8..2048; default 256 (mel: one row per band). */
  rows: integerIn(8, 2048, 256),
  /** Channel (0-based) to analyse; the mix of all channels when omitted. */
  channel: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(255))),
});
/** A spectrogram request as the service uses it. */
export type SpectrogramRequest = v.InferOutput<typeof SpectrogramRequestSchema>;
/** A spectrogram request as a caller may send it. */
export type SpectrogramRequestInput = v.InferInput<typeof SpectrogramRequestSchema>;

/** How to transcribe a file. */
export const TranscribeRequestSchema = v.strictObject({
  /** Recogniser id (see models()); the demo recogniser when omitted. */
  model: v.optional(v.string()),
  /** Prefix beam search width, 1..1024; 1 = greedy. */
  beamWidth: integerIn(1, 1024, 1),
  /** A word list of the recogniser (a name from its ModelInfo.wordLists): only its words are output. */
  wordList: v.optional(v.string()),
  /** A reference transcript to score against; the file's paired transcript when omitted or blank. */
  reference: v.optional(v.pipe(v.string(), v.maxLength(100_000))),
});
/** A transcription request as the service uses it. */
export type TranscribeRequest = v.InferOutput<typeof TranscribeRequestSchema>;
/** A transcription request as a caller may send it. */
export type TranscribeRequestInput = v.InferInput<typeof TranscribeRequestSchema>;

/** A file sent from the UI as bytes (browser mode drops have no path). */
export const UploadedFileSchema = v.strictObject({
  name: v.string(),
  /** Its path within the drop ("recordings/fi/fi001.flac"), which keeps its folders (labels); the name when absent. */
  path: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  /** The file's bytes, base64. */
  base64: v.string(),
});
/** A file sent from the UI as bytes. */
export type UploadedFile = v.InferOutput<typeof UploadedFileSchema>;

/** Options of listDirectory. */
export const ListDirectoryOptionsSchema = v.strictObject({
  /** List names starting with '.' too (off by default). */
  hidden: v.optional(v.boolean()),
});
/** Options of listDirectory. */
export type ListDirectoryOptions = v.InferOutput<typeof ListDirectoryOptionsSchema>;

/** What a path is chosen for in a native open dialog (Electron's Browse…): files, folders, a project, a dataset. */
export const PATH_PURPOSES = ['files', 'folder', 'project', 'dataset'] as const;
/** What a path is chosen for. */
export type PathPurpose = (typeof PATH_PURPOSES)[number];
/** The renderer's request for a native open dialog (the Electron shell's own call beside KieloApi). */
export const PathRequestSchema = v.strictObject({
  purpose: v.picklist(PATH_PURPOSES),
  title: v.optional(v.pipe(v.string(), v.maxLength(200))),
  defaultPath: v.optional(v.pipe(v.string(), v.maxLength(4096))),
});
/** A request for a native open dialog. */
export type PathRequest = v.InferOutput<typeof PathRequestSchema>;

const id = v.string();
const noArgs = v.strictTuple([]);

/** The argument list of each request/response call of KieloApi, in order; trailing optional ones may be left out. */
export const API_ARGS = {
  engine: noArgs,
  project: noArgs,
  recentProjects: noArgs,
  openProject: v.strictTuple([v.string()]),
  createProject: v.strictTuple([v.string(), v.string()]),
  listFiles: noArgs,
  addFiles: v.strictTuple([v.pipe(v.array(v.string()), v.maxLength(10_000))]),
  uploadFiles: v.strictTuple([v.pipe(v.array(UploadedFileSchema), v.maxLength(1000))]),
  removeFile: v.strictTuple([id]),
  setLabel: v.strictTuple([id, v.nullable(v.string())]),
  waveform: v.strictTuple([id, v.optional(WaveformRequestSchema)]),
  spectrogram: v.strictTuple([id, v.optional(SpectrogramRequestSchema)]),
  audio: v.strictTuple([id, v.optional(v.picklist(AUDIO_VIEWS))]),
  models: noArgs,
  datasets: noArgs,
  classify: v.strictTuple([id, v.optional(v.string())]),
  classifyFiles: v.strictTuple([v.pipe(v.array(id), v.maxLength(10_000)), v.optional(v.string())]),
  startTraining: v.strictTuple([TrainSettingsSchema]),
  resumeTraining: v.strictTuple([id]),
  cancelJob: v.strictTuple([id]),
  runs: noArgs,
  run: v.strictTuple([id]),
  filters: v.strictTuple([v.string()]),
  evaluate: v.strictTuple([v.string(), v.optional(v.string()), v.optional(v.picklist(EVAL_GROUPINGS))]),
  compareModels: v.strictTuple([v.pipe(v.array(v.string()), v.minLength(2, 'pick at least two models to compare'), v.maxLength(8)), v.optional(v.string())]),
  transcribe: v.strictTuple([id, v.optional(TranscribeRequestSchema)]),
  generate: v.strictTuple([GenerateSettingsSchema]),
  generated: noArgs,
  generatedAudio: v.strictTuple([id]),
  resynthesize: v.strictTuple([ResynthRequestSchema]),
  latentMap: v.strictTuple([v.optional(LatentMapRequestSchema)]),
  latentAudio: v.strictTuple([LatentAudioRequestSchema]),
  // null: the project folder (JSON has no undefined for an argument left out before the options)
  listDirectory: v.strictTuple([v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4096)))), v.optional(ListDirectoryOptionsSchema)]),
};

/** The bounds of a number schema (through optional and pipe), e.g. for a form field; null bounds are open. */
export function rangeOf(schema: v.GenericSchema): { min: number | null; minExclusive: boolean; max: number | null; integer: boolean } {
  const inner = 'wrapped' in schema ? (schema.wrapped as v.GenericSchema) : schema;
  const pipe = 'pipe' in inner ? (inner.pipe as { type: string; requirement?: unknown }[]) : [];
  const bound = (type: string) => {
    const action = pipe.find((a) => a.type === type);
    return typeof action?.requirement === 'number' ? action.requirement : null;
  };
  const inclusive = bound('min_value');
  return { min: inclusive ?? bound('gt_value'), minExclusive: inclusive === null && bound('gt_value') !== null, max: bound('max_value'), integer: pipe.some((a) => a.type === 'integer') };
}
