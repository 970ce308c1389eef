import type { Exchange } from '../http/exchange';
import { toCurl } from '../http/curl';
import { redactText } from '../secrets';
import type { Violation } from '../checks/violation';

const BODY_LINES = 20;
const BODY_CHARS = 2000;

export interface FormatInput {
  readonly operationId: string;
  readonly method: string;
  readonly pathTemplate: string;
  /** JSON pointer → `openapi/<file>.yaml:LINE`. */
  readonly locate: (pointer: string) => string;
  readonly violations: readonly Violation[];
  /** Who broke the contract, when not the server: `A client of`. */
  readonly subject?: string;
  /** The number a request goes by (a recording's own order); by default its place in this message. */
  readonly numberOf?: (exchange: Exchange) => number;
}

/**
 * The message a person reads when the contract is broken: a first line that stands alone (JUnit shows
 * only it), one block per violation, then each response involved and a curl line to reproduce it.
 */
export function formatViolations({ operationId, method, pathTemplate, locate, violations, subject, numberOf }: FormatInput): string {
  const unique = dedupe(violations);
  const exchanges = [...new Set(unique.map((v) => v.exchange))];
  const number = numberOf ?? ((exchange: Exchange) => exchanges.indexOf(exchange) + 1);

  const numbered = exchanges.length > 1;
  const lines = [
    `${subject ? `${subject} ` : ''}${operationId} (${method} ${pathTemplate}) broke the contract: ${unique.length} violation${unique.length === 1 ? '' : 's'}`,
  ];
  unique.forEach((violation, index) => {
    lines.push('', `${index + 1}) ${violation.title}  [${violation.check}]`);
    if (numbered || numberOf) lines.push(label('request', `#${number(violation.exchange)}`));
    if (violation.at) lines.push(label('at', violation.at));
    lines.push(label('expected', violation.expected), label('actual', violation.actual));
    lines.push(label('rule', `${locate(violation.rule)}  ${violation.rule}`));
  });
  exchanges.forEach((exchange) => {
    lines.push('', ...describeExchange(exchange, numbered || numberOf ? ` #${number(exchange)}` : ''));
  });
  return redactText(lines.join('\n'));
}

/** The response and a curl line to reproduce the request. */
export function describeExchange(exchange: Exchange, suffix = ''): string[] {
  return [...describeResponse(exchange, suffix), `Reproduce${suffix}`, `   ${toCurl(exchange.request)}`];
}

/** The status line, content type, time and request id of a response, then its body, truncated. */
export function describeResponse(exchange: Exchange, suffix = ''): string[] {
  const { response } = exchange;
  const ms = `${Math.round(exchange.durationMs)} ms`;
  const { incomplete } = response;
  if (incomplete && !response.status) return [`No response${suffix}  ${incomplete.detail}  ${ms}`];
  const contentType = response.headers['content-type'] ?? 'no content type';
  const requestId = response.headers['x-request-id'] ? `  X-Request-Id ${response.headers['x-request-id']}` : '';
  return [
    `Response${suffix}  ${response.status} ${response.statusText}  ${contentType}  ${ms}${requestId}`,
    ...(incomplete ? [`   (cut off: ${incomplete.detail}; what came first:)`] : []),
    ...truncatedBody(exchange).map((line) => `   ${line}`),
  ];
}

function truncatedBody(exchange: Exchange): string[] {
  const { json, text } = exchange.response;
  if (text === '') return ['(empty body)'];
  const pretty = json === undefined ? text : JSON.stringify(json, null, 2);
  const cut = pretty.length > BODY_CHARS ? pretty.slice(0, BODY_CHARS) : pretty;
  const lines = cut.split('\n');
  const shown = lines.slice(0, BODY_LINES);
  const truncated = lines.length > BODY_LINES || cut.length < pretty.length;
  if (truncated) shown.push(`… (${pretty.length} characters in all; first ${shown.length} lines shown)`);
  return shown;
}

function label(name: string, value: string): string {
  return `   ${name.padEnd(9)} ${value}`;
}

/**
 * The same rule broken the same way in one exchange is one violation: the first place is shown, with
 * the count and the next few places of the others.
 */
function dedupe(violations: readonly Violation[]): Violation[] {
  const groups = new Map<Exchange, Map<string, Violation[]>>();
  for (const violation of violations) {
    const byKey = groups.get(violation.exchange) ?? new Map<string, Violation[]>();
    groups.set(violation.exchange, byKey);
    const key = [violation.check, violation.rule, violation.expected].join('\u0000');
    byKey.set(key, [...(byKey.get(key) ?? []), violation]);
  }
  return [...groups.values()].flatMap((byKey) =>
    [...byKey.values()].map((group) => {
      const [first, ...others] = group;
      const places = [...new Set(others.map((v) => v.at).filter((at) => at && at !== first!.at))];
      if (places.length === 0) return first!;
      const actuals = [...new Set(group.map((v) => v.actual))];
      return {
        ...first!,
        at: `${first!.at} and ${places.length} more: ${places.slice(0, 4).join(', ')}${places.length > 4 ? ', …' : ''}`,
        actual: actuals.length === 1 ? actuals[0]! : `${actuals.slice(0, 3).join(', ')}${actuals.length > 3 ? ', …' : ''}`,
      };
    }),
  );
}
