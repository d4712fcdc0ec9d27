// AWS: STS GetCallerIdentity, which any valid key may call and which changes nothing, signed with Signature Version 4
// (service sts, region us-east-1, on sts.amazonaws.com): the account id and the ARN of the user or role. 403 with
// InvalidClientTokenId or SignatureDoesNotMatch means not valid.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
import { sigV4Authorization } from './sign.js';
import type { Credential, Http, Verifier, VerifyAnswer } from './types.js';
import { VerifyUnknown } from './types.js';
import { excerpt, needParts, serverError } from './util.js';

const HOST = 'sts.amazonaws.com';
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';

/** `YYYYMMDDTHHMMSSZ`. */
export function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]{1,200})</${name}>`).exec(xml)?.[1];

export const aws: Verifier = {
  provider: 'aws',
  endpoints: { aws: `https://${HOST}` },
  sends: 'access key id + SigV4 signature made with the secret access key',
  call: 'POST / Action=GetCallerIdentity (STS)',
  needs: [['key', 'secret']],
  async verify(c: Credential, http: Http): Promise<VerifyAnswer> {
    const { key, secret } = needParts(c, ['key', 'secret']);
    const send = () => {
      const date = amzDate(http.now());
      const headers = { host: HOST, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'x-amz-date': date };
      const authorization = sigV4Authorization({ method: 'POST', host: HOST, path: '/', query: '', headers, body: BODY, region: 'us-east-1', service: 'sts', accessKeyId: key, secretAccessKey: secret, amzDate: date });
      const { host: _host, ...sent } = headers;
      return http.request('aws', { method: 'POST', path: '/', headers: { ...sent, authorization }, body: BODY });
    };
    let res = await send();
    let code = tag(res.text, 'Code');
    // Observed and documented in TruffleHog's AWS detector (not by AWS): within a few seconds of a request signed with
    // another secret for the same key id, STS may refuse a right signature with SignatureDoesNotMatch, and answers a
    // resubmission correctly. Pairing can try one key id with two secrets in a row, so a mismatch is sent once more.
    if (res.status === 403 && code === 'SignatureDoesNotMatch' && !/expired|time/i.test(tag(res.text, 'Message') ?? '')) {
      res = await send();
      code = tag(res.text, 'Code');
    }
    serverError(res, 'AWS STS');
    if (res.status === 200) {
      const arn = tag(res.text, 'Arn');
      return { status: 'live', message: 'live AWS access key', account: { ...(tag(res.text, 'Account') ? { account: tag(res.text, 'Account')! } : {}), ...(arn ? { arn } : {}) } };
    }
    if (code === 'SignatureDoesNotMatch' && /expired|time/i.test(tag(res.text, 'Message') ?? '')) throw new VerifyUnknown('clock skew', `AWS STS: ${excerpt(tag(res.text, 'Message'))}`);
    if (code === 'RequestExpired') throw new VerifyUnknown('clock skew', 'AWS STS says the request time is too far from its own');
    if (code === 'InvalidClientTokenId') return { status: 'invalid', message: 'AWS does not know the access key id (InvalidClientTokenId)', unknownPart: 'key' };
    if (code === 'SignatureDoesNotMatch') return { status: 'invalid', message: 'AWS knows the access key id but the secret does not sign for it (SignatureDoesNotMatch)' };
    if (code === 'Throttling') throw new VerifyUnknown('rate limit', 'AWS STS answered Throttling');
    throw new VerifyUnknown('unexpected answer', `AWS STS answered HTTP ${res.status}${code ? ` ${code}` : ''}`);
  },
};
