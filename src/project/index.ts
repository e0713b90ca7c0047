/** On-disk projects: create/open with a lock and migrations, files, generated samples, runs, recent list. */
export { Project, NotAProjectError, type ProjectSummary } from './project';
export { deleteImported, importPath, safeRelativePath } from './imports';
export { type StoredFile, type StoredSample, type Manifest, PROJECT_VERSION, MANIFEST, projectPaths, migrateManifest } from './layout';
export { type RunRecord, runPaths, createRun, readRun, updateRun, appendHistory, appendLog, appendTrace, readHistory, readLog, readTrace, readRunEvaluations, writeRunEvaluation, listRuns } from './runs';
export { readRecent, rememberProject, kieloHome } from './recent';
