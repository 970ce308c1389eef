import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../spec/load-spec';

/** A known deviation, accepted for a while: the failing rule shows as waived until the waiver expires. */
export interface Waiver {
  readonly rule: string;
  readonly reason: string;
  readonly owner: string;
  /** The last day it applies, YYYY-MM-DD. */
  readonly expires: string;
  /** The file it comes from, as the user names it. */
  readonly source: string;
  /** Only violations at this place of the response, e.g. `body.error_msg`: a waiver as narrow as the known deviation. */
  readonly at?: string;
}

/** Reads waiver files; every problem (a missing field, a bad date, an unknown rule) is listed. */
export function loadWaivers(files: readonly string[], knownRules: ReadonlySet<string>): { waivers: Waiver[]; problems: string[] } {
  const waivers: Waiver[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const shown = path.relative(PROJECT_ROOT, file) || file;
    if (!existsSync(file)) {
      problems.push(`${shown}: no such waiver file`);
      continue;
    }
    let entries: unknown;
    try {
      entries = (parse(readFileSync(file, 'utf8')) as { waivers?: unknown } | null)?.waivers ?? [];
    } catch (error) {
      problems.push(`${shown}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`${shown}: "waivers" must be a list`);
      continue;
    }
    entries.forEach((entry: Record<string, unknown>, index) => {
      const at = `${shown}: waivers[${index}]`;
      const text = (name: string) => (typeof entry?.[name] === 'string' && (entry[name] as string).trim() ? (entry[name] as string).trim() : undefined);
      const expires = entry?.expires instanceof Date ? entry.expires.toISOString().slice(0, 10) : text('expires');
      const missing = ['rule', 'reason', 'owner'].filter((name) => !text(name));
      if (!expires) missing.push('expires');
      if (missing.length) return problems.push(`${at} lacks ${missing.join(', ')}`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expires!) || Number.isNaN(Date.parse(expires!))) return problems.push(`${at}: expires must be a date YYYY-MM-DD, got "${expires}"`);
      if (!knownRules.has(text('rule')!)) return problems.push(`${at}: no rule "${text('rule')}" in the contract (see the ids of conformance.json)`);
      if (entry.at !== undefined && !text('at')) return problems.push(`${at}: at must name a place of the response, e.g. body.error_msg`);
      waivers.push({ rule: text('rule')!, reason: text('reason')!, owner: text('owner')!, expires: expires!, source: shown, ...(text('at') ? { at: text('at')! } : {}) });
    });
  }
  return { waivers, problems };
}

/** Past its last day? */
export function isExpired(waiver: Waiver, today: Date = new Date()): boolean {
  return waiver.expires < today.toISOString().slice(0, 10);
}

/** The waiver that covers a rule (or its case `rule:case`), at that place if it names one, today, if any. */
export function waiverFor(waivers: readonly Waiver[], ruleId: string, at?: string, today: Date = new Date()): Waiver | undefined {
  return waivers.find((w) => (w.rule === ruleId || ruleId.startsWith(`${w.rule}:`)) && (w.at === undefined || w.at === at) && !isExpired(w, today));
}
