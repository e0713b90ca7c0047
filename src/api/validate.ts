/** Checks call payloads against the contract's schemas before any handler runs (Electron IPC and browser mode). */
import * as v from 'valibot';
import { API_SCHEMAS, type ApiMethod } from './contract';
import { UsageError } from '../util/errors';

/** True when `name` is a request/response call of KieloApi. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(API_SCHEMAS, name);
}

/** What a value is, for messages ('a string', 'null', 'an array'...). */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'` : typeof value === 'object' ? 'an object' : String(value);
}

/** Where an issue sits: 'argument 1' or 'argument 1.learningRate' (arguments counted from 1). */
function whereOf(issue: v.BaseIssue<unknown>): string {
  const [first, ...rest] = issue.path ?? [];
  if (!first) return 'arguments';
  const argument = `argument ${Number(first.key) + 1}`;
  return [argument, ...rest.map((item) => String(item.key))].join('.');
}

const TYPE_NAMES: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'a boolean', array: 'an array', strict_object: 'an object', strict_tuple: 'an array', integer: 'an integer' };

/** The problem of one issue: an unknown or missing field, or what was expected and what came. */
function problemOf(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema' && issue.expected === 'never') return 'unknown field';
  if (issue.kind === 'schema' && issue.input === undefined && issue.path?.length) return 'missing';
  // our own messages (e.g. 'choose a dataset folder to train on') say it best; valibot's start with 'Invalid'
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const expected = TYPE_NAMES[issue.type] ?? issue.expected ?? issue.type;
  return `expected ${expected}, got ${describe(issue.input)}`;
}

/** A UsageError naming the method, the argument or field, and the problem. */
export function issueError(method: string, issue: v.BaseIssue<unknown>): UsageError {
  return new UsageError(`${method} ${whereOf(issue)}: ${problemOf(issue)}`);
}

/**
 * Validates the arguments of one call and returns them with defaults applied; throws UsageError naming the method,
 * the argument (and field) and the problem. A trailing undefined is an omitted optional argument.
 */
export function validateArgs<M extends ApiMethod>(method: M | string, args: unknown): unknown[] {
  if (!isApiMethod(method)) throw new UsageError(`unknown call '${method}'`);
  if (!Array.isArray(args)) throw new UsageError(`${method}: arguments must be an array`);
  const list = [...args];
  while (list.length && list[list.length - 1] === undefined) list.pop();
  const schema = API_SCHEMAS[method] as unknown as v.GenericSchema<unknown, unknown[]> & { items: unknown[] };
  if (list.length > schema.items.length) throw new UsageError(`${method}: expected at most ${schema.items.length} arguments, got ${list.length}`);
  const result = v.safeParse(schema, list, { abortEarly: true });
  if (!result.success) throw issueError(method, result.issues[0]);
  return result.output;
}

/** Parses one payload with its schema (the service's own check of what it is handed); UsageError names the field. */
export function parsePayload<S extends v.GenericSchema>(what: string, schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true });
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = (issue.path ?? []).map((item) => String(item.key)).join('.');
  throw new UsageError(`${what}${field ? ` ${field}` : ''}: ${problemOf(issue)}`);
}
