import type { Contract } from '../contract';
import type { Parameter } from '../spec/operation';

export type ParameterValues = Record<string, string | number | undefined>;

export type ParameterVerdict =
  | { readonly ok: true; readonly values: ParameterValues }
  | { readonly ok: false; readonly problem: string };

/**
 * Judges the path and query parameters of a request by the spec's own parameter schemas: a value is
 * converted by its schema's type (an integer only from plain decimal digits, so 1.5, 1e2 and words are
 * rejected), validated, and defaulted when absent. A repeated query parameter is rejected.
 */
export function judgeParameters(
  contract: Contract,
  pathValues: Readonly<Record<string, string>>,
  query: URLSearchParams,
  override?: (name: string, raw: string | undefined, verdict: string | undefined) => string | undefined | 'accept',
): ParameterVerdict {
  const values: ParameterValues = {};
  for (const parameter of contract.operation.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    const sent = parameter.in === 'path' ? [pathValues[parameter.name]!] : query.getAll(parameter.name);
    const raw = sent[0];
    let problem = sent.length > 1 ? `${parameter.name} must be given once` : undefined;
    let value: string | number | undefined;
    if (!problem && raw !== undefined) ({ problem, value } = judgeValue(contract, parameter, raw));
    else if (!problem) {
      if (parameter.required) problem = `${parameter.name} is required`;
      value = parameter.schema.default as number | string | undefined;
    }
    const decided = override?.(parameter.name, raw, problem);
    if (decided === 'accept') {
      problem = undefined;
      value ??= raw === undefined ? undefined : Number.isNaN(Number(raw)) ? raw : Math.trunc(Number(raw));
    } else if (decided !== undefined) problem = decided;
    if (problem) return { ok: false, problem };
    values[parameter.name] = value;
  }
  return { ok: true, values };
}

function judgeValue(contract: Contract, parameter: Parameter, raw: string): { problem?: string; value?: string | number } {
  let value: string | number = raw;
  if (parameter.schema.type === 'integer') {
    if (!/^-?\d+$/.test(raw)) return { problem: `${parameter.name} must be an integer` };
    value = Number(raw);
  }
  const validate = contract.validators.at(parameter.schemaPointer);
  if (validate(value)) return { value };
  const [error] = validate.errors ?? [];
  return { problem: `${parameter.name} ${error?.message ?? 'is invalid'}` };
}

/** The first value of a query parameter as written in the URL, before percent-decoding (`%31%30%31`). */
export function writtenValue(search: string, name: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const [key = '', ...value] = pair.split('=');
    if (decodeQueryText(key) === name) return value.join('=');
  }
  return undefined;
}

function decodeQueryText(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
