// Every verifier, by provider id of the rule model. Adding one: src/verify/<provider>.ts, listed here, with its
// stand-in in tests/verify/stand-ins.ts and a row in the README's table.

import { binance } from './binance.js';
import { bitfinex } from './bitfinex.js';
import { bitget } from './bitget.js';
import { bitmex } from './bitmex.js';
import { cryptocom } from './cryptocom.js';
import { deribit } from './deribit.js';
import { htx } from './htx.js';
import { gate } from './gate.js';
import { gemini } from './gemini.js';
import { mexc } from './mexc.js';
import { bybit } from './bybit.js';
import { coinbase } from './coinbase.js';
import { kraken } from './kraken.js';
import { kucoin } from './kucoin.js';
import { okx } from './okx.js';
import { openai } from './openai.js';
import { anthropic } from './anthropic.js';
import { google } from './google.js';
import { groq } from './groq.js';
import { mistral } from './mistral.js';
import { xai } from './xai.js';
import { deepseek } from './deepseek.js';
import { openrouter } from './openrouter.js';
import { huggingface } from './huggingface.js';
import { cohere } from './cohere.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { npm } from './npm.js';
import { slack } from './slack.js';
import { stripe } from './stripe.js';
import { telegram } from './telegram.js';
import { sendgrid } from './sendgrid.js';
import { aws } from './aws.js';
import { coingecko } from './coingecko.js';
import { coinmarketcap } from './coinmarketcap.js';
import { etherscan } from './etherscan.js';
import { infura } from './infura.js';
import { alchemy } from './alchemy.js';
import { cryptocompare } from './cryptocompare.js';
import { ETHERSCAN_FAMILY } from './etherscan.js';
import { helius } from './helius.js';
import { krakenFutures } from './kraken-futures.js';
import { moralis } from './moralis.js';
import { quicknode } from './refused.js';
import { twilio } from './twilio.js';
import type { Verifier } from './types.js';

export const VERIFIERS: readonly Verifier[] = [
  // Exchanges
  binance, bybit, okx, coinbase, kraken, krakenFutures, kucoin, bitget, gate, mexc, bitfinex, gemini, deribit, bitmex, htx, cryptocom,
  // Market data and nodes
  coingecko, coinmarketcap, cryptocompare, etherscan, ...ETHERSCAN_FAMILY, infura, alchemy, helius, moralis, quicknode,
  // AI
  openai, anthropic, google, groq, mistral, xai, deepseek, openrouter, huggingface, cohere,
  // Platforms
  github, gitlab, npm, slack, stripe, aws, telegram, sendgrid, twilio,
];
