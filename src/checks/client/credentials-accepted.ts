import type { ClientCheck } from './client-check';
import { meantRequests } from '../../http/recorded-requests';

/** Every request carries credentials the gateway accepts: a token of the project, or a fresh signature that verifies. */
export const credentialsAccepted: ClientCheck = {
  id: 'credentials-accepted',
  title: 'Credentials the service refuses',
  group: 'auth',
  run: ({ recording }) => {
    const judged = meantRequests(recording).filter((exchange) => exchange.decision.credentials);
    const findings = judged.flatMap((exchange) => {
      const { scheme, refused } = exchange.decision.credentials!;
      if (!refused) return [];
      return [{
        case: refused.case,
        exchange,
        at: scheme === 'aksk' ? 'header Authorization' : scheme === 'token' ? 'header X-Auth-Token' : 'headers',
        expected: 'a valid X-Auth-Token of the project, or an SDK-HMAC-SHA256 signature that verifies with a fresh X-Sdk-Date',
        actual: `${exchange.response.status}: ${refused.detail}`,
      }];
    });
    return { exercised: judged.length, findings, unexercised: 'the client sent no GET of the operation whose credentials the gateway judged' };
  },
};
