import { expect, test } from '@playwright/test';
import { CHECKS } from '../../src/checks/index';
import { CLIENT_CHECKS } from '../../src/checks/client/index';
import { registry } from '../../src/checks/registry';
import { loadContracts } from '../../src/contract';
import { checkRuleFields } from '../../src/checks/index';
import { SpecError } from '../../src/spec/load-spec';
import { specCopy } from '../support/spec-copy';

test.describe('the registries of checks', () => {
  test('refuse a second check of one id', () => {
    expect(() => registry('check', [{ id: 'unique-ids' }, { id: 'page-length' }, { id: 'unique-ids' }])).toThrow('A check named unique-ids is already registered');
  });

  test('hold every rule judged across pages beside those of one exchange, each id once with one title', () => {
    const rules = new Set(loadContracts().all.flatMap(({ operation }) => [...operation.rules.keys()]));
    const byId = new Map(CHECKS.map((check) => [check.id, check]));

    expect(byId.size).toBe(CHECKS.length);
    for (const id of ['unique-ids', 'count-is-total', 'walk-complete', 'stable-order']) expect(byId.get(id)?.title, `${id} is a check of its own`).toBeTruthy();
    expect(byId.get('unique-ids')!.run && byId.get('unique-ids')!.walk, 'unique-ids judges a page and a walk, under one title').toBeTruthy();
    // A check named after a rule judges a rule the spec has (in one of its operations at least); expected-status and served-empty judge the rule of the test.
    const named = CHECKS.filter((check) => /^[a-z-]+$/.test(check.id) && !check.id.endsWith('-conformance') && check.id !== 'expected-status' && check.id !== 'served-empty');
    expect(named.filter((check) => !rules.has(check.id)).map((check) => check.id)).toEqual([]);
    expect(new Set(CLIENT_CHECKS.map((check) => check.id)).size).toBe(CLIENT_CHECKS.length);
  });

  test('refuse a rule a check reads fields of that it does not state: one SpecError naming each place', () => {
    expect(() => checkRuleFields(loadContracts())).not.toThrow();
    const file = specCopy((text) => text.replace('      begin: begin_time\n', '').replace('          counted-by: status\n', ''));

    let error: unknown;
    try {
      checkRuleFields(loadContracts(file));
    } catch (thrown) {
      error = thrown;
    }

    expect(error).toBeInstanceOf(SpecError);
    const lines = (error as Error).message.split('\n');
    // The shared rule once for each operation that states it, the counts rule for the one that has it.
    expect(lines).toEqual([
      expect.stringMatching(/schedule-task\.yaml:\d+: rule end-after-begin of ListTaskExecuteDetail has no begin: /),
      expect.stringMatching(/schedule-task\.yaml:\d+: rule end-after-begin of ListTaskExecuteHistory has no begin: /),
      expect.stringMatching(/schedule-task\.yaml:\d+: rule counts-match-subtasks of ListTaskExecuteHistory has no counted-by: /),
    ]);
  });

  test('refuse a settled the counts rule cannot read: one SpecError naming its place, not every item taken for one that has ended', () => {
    const file = specCopy((text) => text.replace('          settled:\n            status: [SUCCESS, FAILED]\n', '          settled: SUCCESS\n'));

    expect(() => checkRuleFields(loadContracts(file))).toThrow(/schedule-task\.yaml:\d+: rule counts-match-subtasks of ListTaskExecuteHistory has no settled as a mapping of an item property to the values in which the item no longer changes/);
  });
});
