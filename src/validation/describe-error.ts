import type { ErrorObject } from 'ajv';

/** `/items/0/status` → `body.items[0].status`. */
export function pathOf(root: string, instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), root);
}

/** What the schema wanted, in words a person reads without knowing ajv. */
export function expectedOf(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'type':
      return `type ${String(p.type)}`;
    case 'format':
      return `format ${String(p.format)}`;
    case 'required':
      return `property ${String(p.missingProperty)} present`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${String(p.comparison)} ${String(p.limit)}`;
    case 'minLength':
      return `at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `at most ${String(p.limit)} characters`;
    case 'minItems':
      return `at least ${String(p.limit)} items`;
    case 'maxItems':
      return `at most ${String(p.limit)} items`;
    case 'pattern':
      return `matching /${String(p.pattern)}/`;
    case 'additionalProperties':
      return `no property ${String(p.additionalProperty)}`;
    default:
      return error.message ?? error.keyword;
  }
}

/** The offending value, as JSON, shortened for one line. */
export function actualOf(error: ErrorObject, instance: unknown): string {
  if (error.keyword === 'required') return 'absent';
  let value: unknown = instance;
  for (const segment of error.instancePath.split('/').slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (error.keyword === 'additionalProperties') value = (value as Record<string, unknown>)[String(error.params.additionalProperty)];
  return shorten(value === undefined ? 'undefined' : JSON.stringify(value));
}

export function shorten(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}
