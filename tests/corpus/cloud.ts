// Cloud and developer-platform credentials in the files where they usually leak: ~/.aws/credentials, .npmrc,
// .git-credentials, .pypirc, service-account JSON, connection strings, CI workflows, bot code and PEM files.

import { githubToken, gitlabRoutableToken, jwt, npmToken, pem } from '../../src/fakes/index.js';
import type { Corpus } from './builder.js';

export function cloud(c: Corpus): void {
  const k = (accept: string | string[], v: string): string => c.key('core', accept, v);
  const p = (accept: string | string[], v: string): string => c.key('platforms', accept, v);
  const awsId = (): string => `AKIA${c.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
  const awsSecret = (): string => c.chars('base64', 40);
  const pw = (): string => c.chars('alnum', 14 + c.int(10));

  c.file(
    'home/.aws/credentials',
    `[default]\naws_access_key_id = ${k('aws-*', awsId())}\naws_secret_access_key = ${k('aws-*', awsSecret())}\n\n[prod]\naws_access_key_id = ${k('aws-*', awsId())}\naws_secret_access_key = ${k('aws-*', awsSecret())}\nregion = us-east-1\n`,
  );
  c.file(
    'infra/deploy.yml',
    `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      AWS_ACCESS_KEY_ID: ${k('aws-*', awsId())}\n      AWS_SECRET_ACCESS_KEY: ${k('aws-*', awsSecret())}\n      AWS_DEFAULT_REGION: eu-central-1\n    steps:\n      - uses: actions/checkout@v4\n      - run: aws s3 sync ./dist s3://acme-site\n`,
  );
  c.file(
    'infra/s3.py',
    `import boto3\n\ns3 = boto3.client(\n    's3',\n    aws_access_key_id='${k('aws-*', awsId())}',\n    aws_secret_access_key='${k('aws-*', awsSecret())}',\n)\n`,
  );
  c.file('home/.npmrc', `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${k('npm-*', npmToken(c.rng))}\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${k('github-*', githubToken('ghp', c.rng))}\n`);
  c.file('home/.git-credentials', `https://octocat:${k('github-*', githubToken('ghp', c.rng))}@github.com\nhttps://oauth2:${k('gitlab-*', `glpat-${c.chars('b64url', 20)}`)}@gitlab.com\n`);
  c.file(
    'infra/release.sh',
    `#!/bin/bash\nexport GITHUB_TOKEN=${k('github-*', `github_pat_${c.chars('alnum', 22)}_${c.chars('alnum', 59)}`)}\nexport GITLAB_TOKEN=${k('gitlab-*', gitlabRoutableToken('glpat-', c.rng))}\nexport NPM_TOKEN=${k('npm-*', npmToken(c.rng))}\ngh release create v1.2.0 dist/*\n`,
  );
  c.file('home/.pypirc', `[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = ${p('pypi-*', `pypi-AgEIcHlwaS5vcmc${c.chars('b64url', 150)}`)}\n`);
  c.file(
    'bots/notify.py',
    `import requests\n\nSLACK_WEBHOOK = "https://hooks.slack.com/services/T${c.chars('ALNUM', 8)}/B${c.chars('ALNUM', 10)}/${p('slack-*', c.chars('alnum', 24))}"\nTELEGRAM_TOKEN = "${p('telegram-*', `${6000000000 + c.int(900000000)}:AA${c.chars('b64url', 33)}`)}"\n\ndef alert(msg):\n    requests.post(SLACK_WEBHOOK, json={"text": msg})\n    requests.post(f"https://api.telegram.org/bot{TELEGRAM_TOKEN}/sendMessage", data={"chat_id": -100123, "text": msg})\n`,
  );
  c.file(
    'bots/slack.js',
    `const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('${k('slack-*', `xoxb-${c.chars('digits', 12)}-${c.chars('digits', 13)}-${c.chars('alnum', 24)}`)}');\n`,
  );
  {
    const uid = String(100000000000000000n + BigInt(c.int(899999999)) * 1000000000n + BigInt(c.int(999999999)));
    const tok = `${Buffer.from(uid).toString('base64').replace(/=+$/, '')}.${c.chars('b64url', 6)}.${c.chars('b64url', 38)}`;
    c.file(
      'bots/discord_bot.py',
      `import discord\n\nintents = discord.Intents.default()\nclient = discord.Client(intents=intents)\n\nclient.run('${p('discord-*', tok)}')\n`,
    );
  }
  c.file('bots/.env', `DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/${c.chars('digits', 19)}/${p('discord-*', c.chars('b64url', 68))}\n`);
  c.file(
    'billing/stripe.ts',
    `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${k('stripe-*', `sk_live_51${c.chars('alnum', 97)}`)}', { apiVersion: '2024-06-20' });\n`,
  );
  c.file('billing/.env', `STRIPE_SECRET_KEY=${k('stripe-*', `rk_live_${c.chars('alnum', 99)}`)}\nSTRIPE_PUBLISHABLE_KEY=pk_live_${c.chars('alnum', 99)}\nSENDGRID_API_KEY=${p('sendgrid-*', `SG.${c.chars('b64url', 22)}.${c.chars('b64url', 43)}`)}\n`);
  c.file(
    'billing/sms.py',
    `from twilio.rest import Client\n\naccount_sid = "AC${c.hex(32)}"\nauth_token = "${p('twilio-*', c.hex(32))}"\nclient = Client(account_sid, auth_token)\n`,
  );
  c.file('billing/twilio.env', `TWILIO_ACCOUNT_SID=AC${c.hex(32)}\nTWILIO_API_KEY=${p('twilio-*', `SK${c.hex(32)}`)}\nTWILIO_AUTH_TOKEN=${p('twilio-*', c.hex(32))}\n`);
  c.file(
    'billing/mail.js',
    `const sgMail = require('@sendgrid/mail');\nsgMail.setApiKey('${p('sendgrid-*', `SG.${c.chars('b64url', 22)}.${c.chars('b64url', 43)}`)}');\n`,
  );
  {
    const key = pem('PRIVATE KEY', c.rng);
    p(['gcp-*', 'private-key'], key.split('\n')[1]!);
    c.file(
      'gcp/service-account.json',
      `${JSON.stringify(
        {
          type: 'service_account',
          project_id: 'acme-prod-231207',
          private_key_id: c.hex(40),
          private_key: `${key}\n`,
          client_email: 'deployer@acme-prod-231207.iam.gserviceaccount.com',
          client_id: c.chars('digits', 21),
          auth_uri: 'https://accounts.google.com/o/oauth2/auth',
          token_uri: 'https://oauth2.googleapis.com/token',
        },
        null,
        2,
      )}\n`,
    );
  }
  c.file(
    'azure/appsettings.json',
    `{\n  "ConnectionStrings": {\n    "Storage": "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${p('azure-*', Buffer.from(c.hex(128), 'hex').toString('base64'))};EndpointSuffix=core.windows.net"\n  }\n}\n`,
  );
  {
    const rsa = pem('RSA PRIVATE KEY', c.rng);
    k('private-key', rsa.split('\n')[1]!);
    c.file('certs/server.key', `${rsa}\n`);
    const ssh = pem('OPENSSH PRIVATE KEY', c.rng);
    k('private-key', ssh.split('\n')[1]!);
    c.file('home/.ssh/id_ed25519', `${ssh}\n`);
    const b = Buffer.from(`${pem('RSA PRIVATE KEY', c.rng)}\n`).toString('base64');
    c.file(
      'k8s/tls-secret.yaml',
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64')}\n  tls.key: ${k(['base64-pem-private-key', 'private-key'], b)}\n`,
    );
  }
  c.file(
    'app/config/database.yml',
    `production:\n  url: postgres://app_user:${p('database-url-password', pw())}@db.internal.acme.io:5432/app_prod\n  pool: 10\n`,
  );
  c.file(
    'app/docker-compose.yml',
    `services:\n  api:\n    image: acme/api:2.3\n    environment:\n      MONGO_URL: mongodb+srv://admin:${p('database-url-password', pw())}@cluster0.ab1cd.mongodb.net/prod?retryWrites=true&w=majority\n      REDIS_URL: redis://default:${p('database-url-password', pw())}@redis-12345.c1.us-east-1-2.ec2.cloud.redislabs.com:12345\n      AMQP_URL: amqp://svc:${p('database-url-password', pw())}@rabbit.internal:5672/vhost\n`,
  );
  c.file('app/.env', `DATABASE_URL=mysql://root:${p('database-url-password', pw())}@127.0.0.1:3306/shop\nSESSION_SECRET=${k('generic-secret-assignment', c.chars('b64url', 48))}\n`);
  c.file('app/auth.test.http', `GET https://api.acme.io/v1/me\nAuthorization: Bearer ${p('jwt', jwt(c.rng))}\n`);
}
