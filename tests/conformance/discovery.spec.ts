import { expectOk } from '../../src/checks/expectations';
import { loadConfig } from '../../src/config';
import { RULE_IDS } from '../../src/spec/rule-ids';
import { covers, expect, forEachList, skipNotApplicable, test } from '../fixtures';

/**
 * A live target named by a task: the preflight reads its lists to find the records to judge
 * (src/discovery.ts). An answer it could not use because it breaks the contract is the server's fault,
 * not the configuration's: each such request is sent again here and judged, so the run fails by the
 * rule it breaks (exit 1) instead of asking for a variable.
 */
forEachList(test, ({ operation }) => {
  // Only a live target's records are searched for: the embedded mock names its own.
  if (loadConfig().target !== 'live') return;
  test.describe('records found through the links', { tag: '@semantics' }, () => {
    // Judged whether or not the target names a list of this operation: finding one is what failed.
    test.use({ requiresList: false });

    test(covers('the answers read to find the records to judge are as the spec says', RULE_IDS.status(operation.successStatus)), async ({ api }) => {
      const probes = (api.target.brokenDiscovery ?? []).filter((probe) => probe.operationId === operation.operationId);
      skipNotApplicable(probes.length === 0, 'the preflight used every answer of this operation it read to find records (or read none)');

      for (const probe of probes) {
        const exchange = await api.send({ path: probe.path, query: probe.query });

        expect.soft(exchange, `the preflight could not use this answer to find records: ${probe.broke}`).toConformToSpec(expectOk(api.contract));
      }
    });
  });
});
