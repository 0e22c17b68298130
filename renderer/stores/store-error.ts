// What a store keeps of a failure: the AppError's code, words and details, never the error object
// (or anything else that could have held the arguments of the call).
import type { ErrorCode, ErrorDetails } from '../../common/errors.js';
import { isAppError } from '../../common/errors.js';

export interface StoreError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails;
}

const UNKNOWN: StoreError = {
  code: 'internal',
  message: 'Something went wrong inside the app. Nothing was changed.',
};

export function toStoreError(error: unknown): StoreError {
  if (!isAppError(error)) return UNKNOWN;
  return error.details === undefined
    ? { code: error.code, message: error.message }
    : { code: error.code, message: error.message, details: error.details };
}
