// AI provider keys as used with each provider's SDK or REST quick-start, in .env files, notebooks and configs.

import { anthropicKey, groqKey, openaiKey } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';
import { notebook } from './exchanges.js';

export function ai(c: Corpus): void {
  const a = (accept: string | string[], v: string): string => c.key('ai', accept, v);

  c.file(
    'llm-app/.env',
    `OPENAI_API_KEY=${a('openai-*', openaiKey('proj', c.rng))}\nANTHROPIC_API_KEY=${a('anthropic-*', anthropicKey('api03', c.rng))}\nGROQ_API_KEY=${a('groq-*', groqKey(c.rng))}\nGEMINI_API_KEY=${a('google-api-key', `AIza${c.chars('b64url', 35)}`)}\nHF_TOKEN=${a('huggingface-*', `hf_${c.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`)}\n`,
  );
  c.file(
    'llm-app/chat.py',
    `from openai import OpenAI\n\nclient = OpenAI(api_key="${a('openai-*', openaiKey('svcacct', c.rng))}")\nresp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])\n`,
  );
  c.file(
    'llm-app/claude.ts',
    `import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic({ apiKey: '${a('anthropic-*', anthropicKey('api03', c.rng))}' });\nconst msg = await anthropic.messages.create({ model: 'claude-3-5-sonnet-latest', max_tokens: 1024, messages: [] });\n`,
  );
  c.file(
    'llm-app/admin.sh',
    `curl https://api.anthropic.com/v1/organizations/users \\\n  --header "anthropic-version: 2023-06-01" \\\n  --header "x-api-key: ${a('anthropic-*', anthropicKey('admin01', c.rng))}"\n\ncurl https://api.openai.com/v1/organization/users -H "Authorization: Bearer ${a('openai-*', openaiKey('admin', c.rng))}"\n`,
  );
  c.file(
    'llm-app/legacy.js',
    `const { Configuration, OpenAIApi } = require('openai');\nconst configuration = new Configuration({ apiKey: '${a('openai-*', openaiKey('legacy', c.rng))}' });\n`,
  );
  c.file(
    'llm-app/groq_client.py',
    `from groq import Groq\nclient = Groq(api_key="${a('groq-*', groqKey(c.rng))}")\n`,
  );
  c.file(
    'llm-app/gemini.py',
    `import google.generativeai as genai\n\ngenai.configure(api_key="${a('google-api-key', `AIza${c.chars('b64url', 35)}`)}")\nmodel = genai.GenerativeModel("gemini-1.5-flash")\n`,
  );
  c.file(
    'llm-app/hf.ipynb',
    notebook(`from huggingface_hub import login\nlogin(token="${a('huggingface-*', `hf_${c.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`)}")\nfrom transformers import pipeline`),
  );
  c.file(
    'llm-app/replicate_run.py',
    `import replicate\nclient = replicate.Client(api_token="${a('replicate-*', `r8_${c.chars('alnum', 37)}`)}")\n`,
  );
  c.file(
    'llm-app/perplexity.ts',
    `const r = await fetch('https://api.perplexity.ai/chat/completions', {\n  method: 'POST',\n  headers: { Authorization: 'Bearer ${a('perplexity-*', `pplx-${c.chars('alnum', 48)}`)}', 'Content-Type': 'application/json' },\n  body: JSON.stringify({ model: 'sonar', messages }),\n});\n`,
  );
  c.file(
    'llm-app/xai.py',
    `from openai import OpenAI\nclient = OpenAI(api_key="${a('xai-*', `xai-${c.chars('alnum', 80)}`)}", base_url="https://api.x.ai/v1")\n`,
  );
  c.file(
    'llm-app/openrouter.js',
    `import OpenAI from 'openai';\nconst openai = new OpenAI({\n  baseURL: 'https://openrouter.ai/api/v1',\n  apiKey: '${a('openrouter-*', `sk-or-v1-${c.hex(64)}`)}',\n});\n`,
  );
  c.file(
    'llm-app/deepseek.py',
    `from openai import OpenAI\n\nclient = OpenAI(api_key="${a('deepseek-*', `sk-${c.hex(32)}`)}", base_url="https://api.deepseek.com")\n`,
  );
  c.file(
    'llm-app/settings.yaml',
    `llm:\n  mistral:\n    api_key: ${a('mistral-*', c.chars('alnum', 32))}\n  cohere:\n    api_key: ${a('cohere-*', c.chars('alnum', 40))}\n`,
  );
  c.file(
    'llm-app/mistral_chat.py',
    `from mistralai import Mistral\n\nclient = Mistral(api_key="${a('mistral-*', c.chars('alnum', 32))}")\n`,
  );
  c.file('llm-app/cohere_rerank.py', `import cohere\nco = cohere.ClientV2("${a('cohere-*', c.chars('alnum', 40))}")\n`);
  c.file(
    'llm-app/.env.example.local',
    `LANGSMITH_API_KEY=${a('langsmith-*', `lsv2_pt_${c.hex(32)}_${c.hex(10)}`)}\nDEEPSEEK_API_KEY=${a('deepseek-*', `sk-${c.hex(32)}`)}\nXAI_API_KEY=${a('xai-*', `xai-${c.chars('alnum', 80)}`)}\nOPENROUTER_API_KEY=${a('openrouter-*', `sk-or-v1-${c.hex(64)}`)}\nPERPLEXITY_API_KEY=${a('perplexity-*', `pplx-${c.chars('alnum', 48)}`)}\nREPLICATE_API_TOKEN=${a('replicate-*', `r8_${c.chars('alnum', 37)}`)}\n`,
  );
}
