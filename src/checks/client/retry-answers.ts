import type { Recording } from '../../http/recording';
import type { Rule } from '../../spec/operation';
import type { ClientJudgement } from './client-check';

/**
 * Why a rule about answers the service may give (429, 503, 400 ...) was not exercised: the scenario
 * gives them and the client never met one (not exercised), or nothing in this recording would have.
 */
export function notMet(recording: Recording, rule: Rule): Pick<ClientJudgement, 'unexercised' | 'notApplicable'> {
  const { scenario } = recording.header;
  const injected = rule.statuses.filter((status) => scenario.injects.map(String).includes(status));
  if (injected.length > 0) {
    return { unexercised: `the scenario "${scenario.id}" answers ${injected.join(' and ')} (${scenario.description}), but the client met none: it sent too few requests` };
  }
  return { notApplicable: `the service answered no ${rule.statuses.join(', ')} to this client in scenario "${scenario.id}"; run with --scenario throttled or unavailable to judge it` };
}
