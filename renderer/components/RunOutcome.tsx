/** What a finished run came to: its best epoch, validation scores, where its model is, how long it took; and its numbers as files. */
import { Fragment } from 'react';
import { durationText, type RunDetail } from '../contract';
import { historyCsv } from '../export/results';
import { fileNamePart } from '../export/figure';
import { DataExport, jsonItem } from './DataExport';

/** Validation measures a recipe may report (metric key, what the screen calls it, how it is shown). */
const VALIDATION: { key: string; name: string; show: (v: number) => string }[] = [
  { key: 'valAccuracy', name: 'Validation accuracy', show: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'valLoss', name: 'Validation loss', show: (v) => v.toFixed(4) },
  { key: 'valCer', name: 'Validation CER', show: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'valWer', name: 'Validation WER', show: (v) => `${(v * 100).toFixed(1)}%` },
  { key: 'valBitsPerSample', name: 'Validation bits per sample', show: (v) => v.toFixed(3) },
];

/** The outcome of a finished run, with exports of its curves and record. */
export function RunOutcome({ detail }: { detail: RunDetail }) {
  const seconds = detail.metrics.seconds ?? detail.history.reduce((sum, p) => sum + p.seconds, 0);
  const epochs = detail.history.length || detail.metrics.epochs;
  const name = fileNamePart(`run-${detail.id}`);
  return (
    <section aria-label="Outcome" className="run-outcome" data-testid="run-outcome">
      <h3>Outcome</h3>
      <dl className="metrics">
        <dt>Best epoch</dt>
        <dd>
          {detail.bestEpoch ?? 'n/a'}
          {epochs ? ` of ${epochs}` : ''}
          {detail.stoppedEarly ? ' (early stopping ended the run)' : ''}
        </dd>
        {VALIDATION.filter((m) => typeof detail.metrics[m.key] === 'number').map((m) => (
          <Fragment key={m.key}>
            <dt>{m.name}</dt>
            <dd>{m.show(detail.metrics[m.key])}</dd>
          </Fragment>
        ))}
        <dt>Model saved in</dt>
        <dd><code>{detail.modelDir ?? 'not saved'}</code></dd>
        <dt>Training time</dt>
        <dd>{durationText(seconds)}{detail.engine ? ` on ${detail.engine}` : ''}</dd>
      </dl>
      <DataExport
        items={[
          { label: 'Curves CSV', file: `${name}-curves.csv`, mime: 'text/csv', text: () => historyCsv(detail.history) },
          jsonItem('Run JSON', `${name}.json`, () => ({ ...detail, log: undefined })),
        ]}
      />
    </section>
  );
}
