/** Checks call payloads against the contract's schemas before any handler runs (Electron IPC and browser mode). */
import { API_SCHEMAS, type ApiMethod, type Schema } from './contract';
import { UsageError } from '../util/errors';

/** True when `name` is a request/response call of KieloApi. */
export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_SCHEMAS, name);
}

function check(value: unknown, schema: Schema, where: string): void {
  const fail = (expected: string) => {
    throw new UsageError(`${where}: expected ${expected}, got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`);
  };
  if (schema === 'string') {
    if (typeof value !== 'string') fail('a string');
  } else if (schema === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) fail('a finite number');
  } else if (schema === 'boolean') {
    if (typeof value !== 'boolean') fail('a boolean');
  } else if ('enum' in schema) {
    if (typeof value !== 'string' || !schema.enum.includes(value)) fail(`one of ${schema.enum.join(', ')}`);
  } else if ('nullable' in schema) {
    if (value !== null) check(value, schema.nullable, where);
  } else if ('array' in schema) {
    if (!Array.isArray(value)) return fail('an array');
    if (schema.max !== undefined && value.length > schema.max) throw new UsageError(`${where}: at most ${schema.max} items`);
    value.forEach((item, i) => check(item, schema.array, `${where}[${i}]`));
  } else {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('an object');
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in schema.object)) throw new UsageError(`${where}: unknown field '${key}'`);
    }
    for (const [key, fieldSchema] of Object.entries(schema.object)) {
      if (record[key] === undefined) {
        if (!schema.optional?.includes(key)) throw new UsageError(`${where}: missing field '${key}'`);
      } else check(record[key], fieldSchema, `${where}.${key}`);
    }
  }
}

/** Validates the arguments of one call; throws UsageError naming the method, the argument and the problem. */
export function validateArgs(method: string, args: unknown): unknown[] {
  if (!isApiMethod(method)) throw new UsageError(`unknown call '${method}'`);
  if (!Array.isArray(args)) throw new UsageError(`${method}: arguments must be an array`);
  const { args: schemas, optionalFrom = schemas.length } = API_SCHEMAS[method];
  let list: unknown[] = args;
  while (list.length > optionalFrom && list[list.length - 1] === undefined) list = list.slice(0, -1);
  if (list.length < optionalFrom || list.length > schemas.length) {
    const expected = optionalFrom === schemas.length ? `${schemas.length}` : `${optionalFrom}-${schemas.length}`;
    throw new UsageError(`${method}: expected ${expected} arguments, got ${list.length}`);
  }
  list.forEach((value, i) => check(value, schemas[i], `${method} argument ${i + 1}`));
  return list;
}
