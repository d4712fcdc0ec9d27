import { fail, OK, type ValidatorResult } from './types.js';

/** 2012-01-01T00:00:00Z in Unix seconds. */
export const OBJECTID_MIN_SECONDS = 1325376000;
const YEAR_SECONDS = 366 * 24 * 3600;

/** 24 hex (MongoDB ObjectId / KuCoin key): the first 8 hex are a Unix time between 2012-01-01 and now + 1 year. */
export function objectidTimestamp(secret: string): ValidatorResult {
  if (!/^[0-9a-fA-F]{24}$/.test(secret)) return fail('not 24 hex characters');
  const t = parseInt(secret.slice(0, 8), 16);
  if (t < OBJECTID_MIN_SECONDS) return fail('timestamp before 2012');
  if (t > Math.floor(Date.now() / 1000) + YEAR_SECONDS) return fail('timestamp more than a year in the future');
  return OK;
}
