// The registry of offline validators, by the name rules use in `validate:`. Each is pure and synchronous.

import type { Validator } from './types.js';
import { base58checkWif } from './base58check-wif.js';
import { base58checkXprv } from './base58check-xprv.js';
import { basicCredentials, userPassword } from './basic-credentials.js';
import { bip39 } from './bip39.js';
import { bip39List } from './bip39-list.js';
import { evmPrivateKey } from './evm-private-key.js';
import { githubCrc32 } from './github-crc32.js';
import { gitlabRoutable } from './gitlab-routable.js';
import { groqMarker } from './groq-marker.js';
import { jwtStructure } from './jwt-structure.js';
import { notIdentifier } from './not-identifier.js';
import { genericSecret } from './generic-secret.js';
import { notPublicTestValue } from './not-public-test-value.js';
import { notTyped } from './not-typed.js';
import { npmCrc32 } from './npm-crc32.js';
import { objectidTimestamp } from './objectid-timestamp.js';
import { passwordSymbols } from './password-symbols.js';
import { openaiMarker } from './openai-marker.js';
import { solanaKeypair } from './solana-keypair.js';
import { base64Secret, plainSecret } from './stored-secret.js';
import { zuploCrc32 } from './zuplo-crc32.js';

export type { Validator, ValidatorResult } from './types.js';

/** Offline validators by the name used in a rule's `validate:` field. */
export const validators: Readonly<Record<string, Validator>> = {
  'github-crc32': githubCrc32,
  'npm-crc32': npmCrc32,
  'zuplo-crc32': zuploCrc32,
  'gitlab-routable': gitlabRoutable,
  'base58check-wif': base58checkWif,
  'base58check-xprv': base58checkXprv,
  bip39,
  'bip39-list': bip39List,
  'solana-keypair': solanaKeypair,
  'objectid-timestamp': objectidTimestamp,
  'openai-marker': openaiMarker,
  'groq-marker': groqMarker,
  'jwt-structure': jwtStructure,
  'evm-private-key': evmPrivateKey,
  'not-public-test-value': notPublicTestValue,
  'not-identifier': notIdentifier,
  'not-typed': notTyped,
  'basic-credentials': basicCredentials,
  'user-password': userPassword,
  'generic-secret': genericSecret,
  'password-symbols': passwordSymbols,
  'base64-secret': base64Secret,
  'plain-secret': plainSecret,
};

/** The names rules may use in `validate:`; loading rejects any other. */
export const validatorNames: ReadonlySet<string> = new Set(Object.keys(validators));

export {
  base58checkWif,
  base58checkXprv,
  basicCredentials,
  bip39,
  bip39List,
  evmPrivateKey,
  githubCrc32,
  gitlabRoutable,
  groqMarker,
  notIdentifier,
  notPublicTestValue,
  notTyped,
  npmCrc32,
  objectidTimestamp,
  openaiMarker,
  solanaKeypair,
  userPassword,
  zuploCrc32,
};
