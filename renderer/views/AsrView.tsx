/**
 * ASR: transcribe a project file with a CTC recogniser, choosing the beam width and a word list of the recogniser,
 * and score it against a reference typed here or the file's paired transcript (WER/CER with the word alignment),
 * beside the labelled posteriorgram.
 */
import { TranscribeRequestSchema, type AudioFileEntry, type TranscriptResult } from '../contract';
import { useApi } from '../api/context';
import { useAction } from '../api/use-action';
import { useAsync } from '../api/use-async';
import { useStoredState } from '../api/use-stored-state';
import { ActionForm } from '../components/ActionForm';
import { jsonItem, useExportCommand } from '../components/DataExport';
import { JobProgress } from '../components/JobProgress';
import { Picker } from '../components/Picker';
import { numberBounds } from '../components/schema-bounds';
import { TranscriptReport } from '../components/TranscriptReport';
import { fileNamePart } from '../export/figure';

/** No word list: any sequence of the recogniser's characters. */
const NO_WORD_LIST = '';

/** The ASR view over the project's files; the file picked follows (and sets) the selected file. Its choices and last transcript outlive a switch of views. */
export function AsrView({ files, selected, onSelect }: { files: AudioFileEntry[]; selected: string | null; onSelect(id: string): void }) {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const asr = (models.value ?? []).filter((m) => m.kind === 'asr');
  const [modelId, setModelId] = useStoredState('asr.model', '');
  const model = asr.find((m) => m.id === modelId) ?? asr[0] ?? null;
  const file = files.find((f) => f.id === selected) ?? files[0] ?? null;
  const [beamWidth, setBeamWidth] = useStoredState<number>('asr.beamWidth', TranscribeRequestSchema.entries.beamWidth.default);
  const [wordList, setWordList] = useStoredState('asr.wordList', NO_WORD_LIST);
  // a typed reference belongs to the file it was typed for: another file starts blank (its paired transcript)
  const [typed, setTyped] = useStoredState<{ file: string; text: string }>('asr.reference', { file: '', text: '' });
  const reference = typed.file === file?.id ? typed.text : '';
  const [last, setLast] = useStoredState<TranscriptResult | null>('asr.transcript', null);
  const transcript = useAction<TranscriptResult>();
  const lists = [{ id: NO_WORD_LIST, name: '(none: any words)' }, ...(model?.wordLists ?? []).map((w) => ({ id: w, name: w }))];
  const run = () =>
    transcript.run(async () => {
      const result = await api.transcribe(file?.id ?? '', { model: model?.id, beamWidth, ...(wordList ? { wordList } : {}), ...(reference.trim() ? { reference } : {}) });
      setLast(result);
      return result;
    });
  const exportHint = useExportCommand(
    last && jsonItem('JSON', `transcript-${fileNamePart(last.file.split(/[\\/]/).pop() ?? '')}.json`, () => last),
    'Nothing to export yet: transcribe a file first; File > Export results… then saves the transcript and its scores as JSON.',
  );
  return (
    <div className="view">
      <h2>Speech recognition</h2>
      <ActionForm onSubmit={() => void run()}>
        <Picker label="Recogniser" value={model?.id ?? ''} items={asr} onChange={(id) => (setModelId(id), setWordList(NO_WORD_LIST))} />
        <Picker label="File" value={file?.id ?? ''} items={files} onChange={onSelect} />
        <label>
          Beam width <input type="number" {...numberBounds(TranscribeRequestSchema.entries.beamWidth)} step={1} value={beamWidth} onChange={(e) => setBeamWidth(Math.round(Number(e.target.value)))} size={4} />
        </label>
        <Picker label="Word list" value={wordList} items={lists} onChange={setWordList} />
        <button type="submit" disabled={transcript.busy || !model || !file}>{transcript.busy ? 'Transcribing…' : 'Transcribe'}</button>
      </ActionForm>
      <JobProgress tasks={['transcribe']} />
      <label className="reference">
        Reference{' '}
        <textarea
          value={reference}
          onChange={(e) => setTyped({ file: file?.id ?? '', text: e.target.value })}
          rows={2}
          cols={60}
          placeholder={file?.transcript ? `(blank: the paired transcript ${file.transcript})` : '(type what is said; this file has no paired transcript)'}
        />
      </label>
      <p className="muted">Beam 1 is greedy decoding. The bundled digit recogniser: 0% WER on held-out voices with beam 16 and digits.txt.</p>
      {!asr.length && !models.loading && <p className="muted">No recogniser yet: train a CTC recogniser in Train.</p>}
      {!files.length && <p className="muted">No files yet: drop audio (and its .txt transcript) anywhere in this window.</p>}
      {exportHint && <p className="muted" role="status">{exportHint}</p>}
      {transcript.error && <p role="alert" className="error">{transcript.error}</p>}
      {last && <TranscriptReport result={last} />}
    </div>
  );
}
