/** Errors crossing the worker boundary keep their class and message (InputFileError its file and reason). */
import { CancelledError, InputFileError, UsageError } from '../util/errors';
import type { SerializedError } from './types';

/** The plain-data form of anything thrown. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof InputFileError) return { name: error.name, message: error.message, file: error.file, reason: error.reason };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an error sent by serializeError: CancelledError, InputFileError and UsageError keep their class. */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'CancelledError') return new CancelledError(error.message);
  if (error.name === 'InputFileError' && error.file !== undefined && error.reason !== undefined) return new InputFileError(error.file, error.reason);
  if (error.name === 'UsageError') return new UsageError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
