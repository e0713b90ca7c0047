/** Opening a project folder; a plain folder (no project in it) is offered as a new project instead of failing. */
import { NOT_A_PROJECT, type KieloApi, type ProjectInfo } from '../contract';

/** The last part of a path: a new project's default name. */
export function folderName(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
}

/**
 * Opens the project in DIR. When DIR holds no project, asks (`confirm`, by default the page's) whether to create one
 * there, keeping its files; says no: the error stands. Any other error is thrown as it is.
 */
export async function openOrCreateProject(api: KieloApi, dir: string, confirm: (question: string) => boolean = (q) => window.confirm(q)): Promise<ProjectInfo> {
  try {
    return await api.openProject(dir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!message.includes(NOT_A_PROJECT) || !confirm(`${dir} is not a Kielo project yet.\n\nCreate a project in this folder? Its files stay where they are.`)) throw error;
    return api.createProject(dir, folderName(dir));
  }
}
