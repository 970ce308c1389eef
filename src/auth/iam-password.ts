import { redactText } from '../secrets';
import { fetchAgain } from '../http/fetch-again';

export interface PasswordCredentials {
  readonly user: string;
  readonly password: string;
  readonly domain: string;
  readonly iamEndpoint: string;
}

/**
 * IAM password authentication (POST /v3/auth/tokens, scoped to the project by id): the token comes
 * back in the X-Subject-Token header of a 201. Any other answer is one error naming the status and
 * IAM's message; the password never appears in it.
 */
export async function fetchIamToken(credentials: PasswordCredentials, projectId: string, timeoutMs: number): Promise<string> {
  const url = `${credentials.iamEndpoint}/v3/auth/tokens?nocatalog=true`;
  const body = {
    auth: {
      identity: { methods: ['password'], password: { user: { name: credentials.user, password: credentials.password, domain: { name: credentials.domain } } } },
      scope: { project: { id: projectId } },
    },
  };
  let response: Response;
  try {
    response = await fetchAgain(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new Error(`IAM at ${credentials.iamEndpoint} (HUAWEICLOUD_SDK_IAM_ENDPOINT) is unreachable: ${cause}`);
  }
  const token = response.headers.get('x-subject-token');
  if (response.status === 201 && token) return token;
  const text = await response.text().catch(() => '');
  let message = text.slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string }; error_msg?: string };
    message = parsed.error?.message ?? parsed.error_msg ?? message;
  } catch {
    // Not JSON: the text itself says what happened.
  }
  throw new Error(
    redactText(`IAM refused the password authentication of HW_USER_NAME ${credentials.user} (domain ${credentials.domain}) for project ${projectId}: ${response.status} ${message}`.trim()),
  );
}
