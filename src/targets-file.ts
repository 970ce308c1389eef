import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { registerSecret } from './secrets';
import { PROJECT_ROOT } from './spec/load-spec';

/** The JSON Schema of a targets file; editors can validate against it too. */
export const TARGETS_SCHEMA_FILE = path.join(PROJECT_ROOT, 'src', 'targets.schema.json');

/** One target of a targets file: its name and its variables, ${VARIABLE} references resolved. */
export interface TargetEntry {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

let validate: ValidateFunction | undefined;

/** The variables the schema holds as secrets: only ever ${VARIABLE} references. */
export function secretVariables(): string[] {
  const schema = JSON.parse(readFileSync(TARGETS_SCHEMA_FILE, 'utf8')) as { $defs: { target: { properties: Record<string, { $ref?: string }> } } };
  return Object.entries(schema.$defs.target.properties).filter(([, p]) => p.$ref === '#/$defs/secret').map(([name]) => name);
}

/**
 * Reads a targets file (CONTRACT_TARGETS), validates it against src/targets.schema.json and resolves
 * its ${VARIABLE} references from the environment; every problem of the file is listed at once, and
 * no secret is ever quoted in one.
 */
export function readTargetsFile(file: string, env: NodeJS.ProcessEnv): { targets: TargetEntry[]; problems: string[] } {
  const shown = shownPath(file);
  if (!existsSync(file)) return { targets: [], problems: [`CONTRACT_TARGETS names ${shown}, which does not exist`] };
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { targets: [], problems: [`${shown} is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  // Loaded here only: every process reads the configuration, few of them a targets file.
  const { sharedAjv } = require('./validation/ajv') as typeof import('./validation/ajv');
  validate ??= sharedAjv().compile(JSON.parse(readFileSync(TARGETS_SCHEMA_FILE, 'utf8')) as object);
  const entries = (doc as { targets?: unknown } | null)?.targets;
  const nameOf = (index: number) => {
    const name = Array.isArray(entries) ? (entries[index] as { name?: unknown } | undefined)?.name : undefined;
    return typeof name === 'string' ? ` (${name})` : '';
  };
  const problems: string[] = [];
  if (!validate(doc)) {
    for (const error of validate.errors ?? []) {
      const problem = describe(error, nameOf, doc);
      if (problem && !problems.includes(problem)) problems.push(`${shown}: ${problem}`);
    }
  }
  if (!Array.isArray(entries)) return { targets: [], problems };
  const targets: TargetEntry[] = [];
  const seen = new Set<string>();
  entries.forEach((entry: Record<string, unknown>, index) => {
    if (!entry || typeof entry !== 'object' || typeof entry.name !== 'string') return;
    if (seen.has(entry.name)) problems.push(`${shown}: targets[${index}]${nameOf(index)}: the name is taken by an earlier target; each target needs its own`);
    seen.add(entry.name);
    const variables: Record<string, string> = {};
    for (const [variable, value] of Object.entries(entry)) {
      if (variable === 'name' || typeof value !== 'string') continue;
      variables[variable] = value.replace(REFERENCE, (reference, name: string) => {
        const resolved = env[name];
        if (resolved === undefined || resolved === '') {
          problems.push(`${shown}: targets[${index}]${nameOf(index)}.${variable} refers to ${reference}, which is not set in the environment`);
          return '';
        }
        return resolved;
      });
    }
    targets.push({ name: entry.name, variables });
  });
  return { targets, problems };
}

/** A file as the user named it: relative inside the working directory, absolute elsewhere. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** One schema error in words, the value of a secret never quoted. */
function describe(error: ErrorObject, nameOf: (index: number) => string, doc: unknown): string | undefined {
  const segments = error.instancePath.split('/').slice(1);
  const index = segments[0] === 'targets' && segments[1] !== undefined ? Number(segments[1]) : undefined;
  const where = index === undefined ? (segments.length ? segments.join('.') : 'the file') : `targets[${index}]${nameOf(index)}${segments.slice(2).map((s) => `.${s}`).join('')}`;
  const schemaDef = error.schemaPath.split('/').slice(0, 3).join('/');
  switch (error.keyword) {
    case 'required':
      return `${where} lacks ${String(error.params.missingProperty)}`;
    case 'additionalProperties':
      return index === undefined
        ? `${where}: unknown key "${String(error.params.additionalProperty)}" (a targets file holds "targets")`
        : `${where}: "${String(error.params.additionalProperty)}" is not a variable a target takes (see src/targets.schema.json)`;
    case 'pattern':
      if (schemaDef === '#/$defs/secret') {
        registerSecret(valueAt(doc, segments));
        return `${where} holds a literal secret: write a \${VARIABLE} reference to the environment instead (the value is not shown)`;
      }
      return `${where} "${String(valueAt(doc, segments))}" must be lower-case letters, digits and single hyphens, e.g. cn-north-4-preprod`;
    case 'type':
      return `${where} must be ${error.params.type === 'string' ? 'a string (quote it)' : String(error.params.type)}`;
    case 'minItems':
      return `${where} must list at least one target`;
    case 'minLength':
      return `${where} must not be empty`;
    case 'maxLength':
      return `${where} is longer than ${String(error.params.limit)} characters`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

function valueAt(doc: unknown, segments: readonly string[]): string | undefined {
  const value = segments.reduce<unknown>((node, segment) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined), doc);
  return typeof value === 'string' ? value : undefined;
}
