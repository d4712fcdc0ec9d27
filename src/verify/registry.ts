// Every verifier, by provider id of the rule model. Adding one: src/verify/<provider>.ts, listed here, with its
// stand-in in tests/verify/stand-ins.ts and a row in the README's table.

import { binance } from './binance.js';
import { bybit } from './bybit.js';
import { coinbase } from './coinbase.js';
import { kraken } from './kraken.js';
import { kucoin } from './kucoin.js';
import { okx } from './okx.js';
import type { Verifier } from './types.js';

export const VERIFIERS: readonly Verifier[] = [binance, bybit, okx, coinbase, kraken, kucoin];
