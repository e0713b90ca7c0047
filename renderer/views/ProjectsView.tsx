/** Projects: create, open, recent; runs with their settings and results; two runs side by side. */
import { useState } from 'react';
import type { ProjectInfo, RunDetail } from '../contract';
import { useApi } from '../api/context';
import { openOrCreateProject } from '../api/open-project';
import { useAsync } from '../api/use-async';
import { PathField } from '../components/PathField';
import { TableHead } from '../components/TableHead';
import { TrainingCharts } from '../components/TrainingCharts';

function fmt(v: unknown): string {
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(3)) : String(v ?? '');
}

/** Two runs' settings and metrics in one table, differing rows marked, with their curves. */
function Compare({ runs }: { runs: RunDetail[] }) {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.settings)))];
  const metrics = [...new Set(runs.flatMap((r) => Object.keys(r.metrics)))];
  return (
    <section aria-label="Runs side by side" className="compare">
      <table>
        <TableHead columns={['Setting', ...runs.map((r) => r.id)]} />
        <tbody>
          {[...keys.map((k) => ['settings', k] as const), ...metrics.map((k) => ['metrics', k] as const)].map(([group, k]) => {
            const values = runs.map((r) => fmt((r[group] as Record<string, unknown>)[k]));
            return (
              <tr key={`${group}.${k}`} className={values[0] !== values[1] ? 'differs' : undefined}>
                <th scope="row">{k}</th>
                {values.map((v, i) => (
                  <td key={i}>{v}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="side-by-side">
        {runs.map((r) => (
          <div key={r.id}>
            <h4>{r.id}</h4>
            <TrainingCharts history={r.history} bestEpoch={r.bestEpoch} />
          </div>
        ))}
      </div>
    </section>
  );
}

/** The Projects view; `onSwitched` is called after another project opened. */
export function ProjectsView({ project, onSwitched }: { project: ProjectInfo | null; onSwitched(p: ProjectInfo): void }) {
  const api = useApi();
  const recent = useAsync(() => api.recentProjects(), [api, project?.dir]);
  const runs = useAsync(() => api.runs(), [api, project?.dir]);
  const [dir, setDir] = useState('');
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const compared = useAsync(async () => (picked.length === 2 ? Promise.all(picked.map((id) => api.run(id))) : null), [api, picked.join()]);
  const act = async (fn: () => Promise<ProjectInfo>) => {
    setError(null);
    try {
      onSwitched(await fn());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <div className="view">
      <h2>Projects</h2>
      {project && (
        <p data-testid="project">
          Open: <strong>{project.name}</strong> <span className="muted">{project.dir}</span>
        </p>
      )}
      <form noValidate className="row" onSubmit={(e) => e.preventDefault()}>
        <PathField label="Folder" value={dir} onChange={setDir} purpose="project" placeholder="/path/to/project" title="Choose a project folder (new or existing)" />
        <label>Name <input value={name} onChange={(e) => setName(e.target.value)} size={12} /></label>
        <button type="button" disabled={!dir.trim()} onClick={() => void act(() => api.createProject(dir.trim(), name))}>Create</button>
        <button type="button" disabled={!dir.trim()} onClick={() => void act(() => openOrCreateProject(api, dir.trim()))}>Open</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      <h3>Recent</h3>
      <ul>
        {(recent.value ?? []).map((d) => (
          <li key={d}>
            <button type="button" className="link" onClick={() => void act(() => api.openProject(d))} disabled={d === project?.dir}>{d}</button>
          </li>
        ))}
      </ul>
      <h3>Runs</h3>
      <table className="runs">
        <TableHead columns={['Compare', 'Run', 'Status', 'Epochs', 'Optimiser / lr', 'Results']} />
        <tbody>
          {(runs.value ?? []).map((r) => (
            <tr key={r.id}>
              <td><input type="checkbox" aria-label={`Compare ${r.id}`} checked={picked.includes(r.id)} onChange={() => toggle(r.id)} /></td>
              <td>{r.id}</td>
              <td>{r.status}</td>
              <td>{r.settings.epochs}</td>
              <td>{r.settings.optimizer} / {r.settings.learningRate}</td>
              <td>{Object.entries(r.metrics).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {compared.value && <Compare runs={compared.value} />}
    </div>
  );
}
