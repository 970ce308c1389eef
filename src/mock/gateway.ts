import type { MockDecision } from '../http/recording';
import { presentedCredentials, recordedCredentials, signatureRefusalCase } from '../requests/credentials';
import type { MockDataset, MockToken } from './dataset';
import { ERRORS, withDetail, type MockError } from './errors';
import type { MockRequest } from './types';
import { verifySignature } from '../auth/verify-signature';

type Credentials = NonNullable<MockDecision['credentials']>;

/**
 * The API gateway's authentication, as Huawei Cloud's does it in front of the service: a token if one is
 * sent, else an AK/SK signature (verified, within the clock skew), else 401; then the project the
 * credentials are scoped to, and the permission. It says why it refused, for the client judge.
 */
export function authenticate(request: MockRequest, dataset: MockDataset): { error?: MockError; credentials: Credentials } {
  const refuse = (error: MockError, credentials: Omit<Credentials, 'refused'>, refusal: string) => ({
    error,
    credentials: { ...credentials, refused: { case: refusal, detail: error.message } },
  });
  let known: MockToken | undefined;
  const presented = presentedCredentials(request.headers);
  const credentials = recordedCredentials(presented);
  if (presented.scheme === 'aksk') {
    const verdict = verifySignature(request, (ak) => dataset.accessKeys.get(ak)?.sk, new Date());
    if (!verdict.ok) return refuse(withDetail(ERRORS.signatureInvalid, verdict.detail), credentials, signatureRefusalCase(verdict.detail));
    known = dataset.accessKeys.get(verdict.ak);
  } else {
    if (presented.scheme === 'none') return refuse(ERRORS.tokenMissing, credentials, 'no-credentials');
    if (presented.token === '') return refuse(ERRORS.tokenMissing, credentials, 'token');
    known = dataset.tokens.get(presented.token);
  }
  if (!known) return refuse(ERRORS.tokenInvalid, credentials, 'token');
  if (known.projectId !== request.path?.project_id) return refuse(ERRORS.wrongProject, credentials, 'project');
  if (!known.permitted) return refuse(ERRORS.permissionDenied, credentials, 'project');
  return { credentials };
}

/** The gateway's answer instead of the service's when a fault is asked for (a 429 or a 503 with Retry-After, a 500), if one is. */
export function faultAnswer(fault: { status?: number; retryAfterSeconds?: number } | undefined): { error: MockError; retryAfter?: number } | undefined {
  if (fault?.status === 500) return { error: ERRORS.internal };
  if (fault?.status === 503) return { error: ERRORS.unavailable, ...(fault.retryAfterSeconds !== undefined ? { retryAfter: fault.retryAfterSeconds } : {}) };
  if (fault?.status === 429) return { error: ERRORS.throttled, retryAfter: fault.retryAfterSeconds ?? 1 };
  return undefined;
}
