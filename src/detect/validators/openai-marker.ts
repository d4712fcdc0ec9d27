import { fail, OK, type ValidatorResult } from './types.js';

/** OpenAI API keys carry `T3BlbkFJ` (base64 of "OpenAI") in the middle (KEY-FORMATS.md). */
export function openaiMarker(secret: string): ValidatorResult {
  return secret.includes('T3BlbkFJ') ? OK : fail('no T3BlbkFJ marker');
}
