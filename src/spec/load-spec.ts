import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { OpenAPIV3_1 } from 'openapi-types';
import { segmentsOf } from './json-pointer';
import { lineKey, linesOf } from './spec-location';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const SPEC_FILE = path.join(PROJECT_ROOT, 'openapi', 'schedule-task.yaml');

/** The contract: openapi/schedule-task.yaml, or the copy CONTRACT_SPEC_FILE names (a fork of the spec, a test). */
export function defaultSpecFile(): string {
  return process.env.CONTRACT_SPEC_FILE ? path.resolve(process.env.CONTRACT_SPEC_FILE) : SPEC_FILE;
}

/** A spec that cannot be used; the message names the file and the problem, and is all the user sees. */
export class SpecError extends Error {
  override name = 'SpecError';
}

export interface SpecDocument {
  /** The file as the user would type it, relative to the project root when inside it. */
  readonly file: string;
  readonly absolutePath: string;
  readonly sha256: string;
  /** The document as written: `$ref`s intact, so JSON pointers name real places in the file. */
  readonly doc: OpenAPIV3_1.Document;
  /** `openapi/schedule-task.yaml:123` for a JSON pointer into the document. */
  locate(pointer: string): string;
}

/** The spec parsed: the document as written and the line of each of its nodes (spec-location.ts). */
export interface ParsedSpec {
  readonly doc: OpenAPIV3_1.Document;
  readonly lines: Readonly<Record<string, number>>;
}

/** The spec file's bytes, as text, with their SHA-256; every problem becomes one SpecError. */
export function readSpecText(file: string = defaultSpecFile()): { absolutePath: string; text: string; sha256: string } {
  const absolutePath = path.resolve(file);
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch (error) {
    throw new SpecError(`${displayPath(absolutePath)}: cannot read the spec (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return { absolutePath, text, sha256: createHash('sha256').update(text).digest('hex') };
}

/** Parses the spec's YAML; every problem becomes one SpecError naming the file and the place. */
export function parseSpec(absolutePath: string, text: string): ParsedSpec {
  const shown = displayPath(absolutePath);
  const lineCounter = new LineCounter();
  const yamlDocument = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [syntaxError] = yamlDocument.errors;
  if (syntaxError) {
    const { line, col } = lineCounter.linePos(syntaxError.pos[0]);
    throw new SpecError(`${shown}:${line}:${col}: not valid YAML: ${firstLine(syntaxError.message)}`);
  }
  const doc = yamlDocument.toJS({ maxAliasCount: 100 }) as OpenAPIV3_1.Document;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new SpecError(`${shown}: the spec is not a YAML mapping`);
  }
  return { doc, lines: linesOf(yamlDocument, lineCounter) };
}

/** The SpecDocument of a parsed spec (freshly, or as contract-cache.ts kept it). */
export function specDocument(absolutePath: string, sha256: string, { doc, lines }: ParsedSpec): SpecDocument {
  const shown = displayPath(absolutePath);
  return Object.freeze({
    file: shown,
    absolutePath,
    sha256,
    doc,
    locate(pointer: string) {
      const line = lines[lineKey(segmentsOf(pointer))];
      return line === undefined ? shown : `${shown}:${line}`;
    },
  });
}

/**
 * Reads and parses the spec (synchronously, so that test titles can be made from it); every problem
 * becomes one SpecError. validateSpec checks it against the OpenAPI schema.
 */
export function readSpec(file: string = defaultSpecFile()): SpecDocument {
  const { absolutePath, text, sha256 } = readSpecText(file);
  return specDocument(absolutePath, sha256, parseSpec(absolutePath, text));
}

/** Validates the document against the OpenAPI schema and resolves every `$ref` (swagger-parser). */
export async function validateSpec(spec: SpecDocument): Promise<void> {
  // Loaded here only: every test worker reads the spec, but only the run's preflight validates it.
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  try {
    // swagger-parser dereferences what it validates; give it a copy so `doc` keeps its `$ref`s.
    await SwaggerParser.validate(structuredClone(spec.doc) as never);
  } catch (error) {
    const message = String((error as Error).message ?? error).replace(/\s*\n\s*/g, '; ');
    throw new SpecError(`${spec.file}: not a valid OpenAPI document: ${message}`);
  }
}

function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolutePath;
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
