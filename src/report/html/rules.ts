import type { Evidence, OperationVerdict, RuleGroup, RuleResult, TargetVerdict } from '../conformance-model';
import { GROUPS, VERDICTS, anchor, badge, byOperation, changeBadge, escapeHtml, link, number, plural, ruleAnchor, severalOperations } from './text';

/** The failed rules with their evidence, and the rules matrix: a part per operation when there are several. */

/** An operation's heading: its id, method and path, and its verdict when the report has one. */
function operationTitle(operation: string, verdicts: readonly OperationVerdict[], tag: 'h3' | 'h2' = 'h3'): string {
  const found = verdicts.find((v) => v.operation === operation);
  const verdict = found ? ` <span class="verdict-text-${escapeHtml(found.verdict)}">${escapeHtml(VERDICTS[found.verdict].word)}</span>` : '';
  return `<${tag} class="operation-title"><code>${escapeHtml(operation)}</code>${found ? ` <span class="muted">${escapeHtml(`${found.method} ${found.path}`)}</span>` : ''}${verdict}</${tag}>`;
}

/** What is broken, where the rule is written and how to reproduce it, readable without the matrix; by operation when there are several. */
export function renderFailedRules(rules: readonly RuleResult[], operations: readonly OperationVerdict[] = []): string {
  const failed = rules.filter((rule) => rule.result === 'failed');
  if (failed.length === 0) return '';
  const parts = byOperation(failed, severalOperations(rules)).map(({ operation, rules: own }) =>
    operation === undefined ? own.map(renderFailedRule).join('\n') : `<div class="operation-part" data-operation="${escapeHtml(operation)}">\n${operationTitle(operation, operations)}\n${own.map(renderFailedRule).join('\n')}\n</div>`,
  );
  return `<section id="failed-rules" aria-labelledby="failed-rules-title">
<h2 id="failed-rules-title">Failed rules</h2>
${parts.join('\n')}
</section>`;
}

function renderFailedRule(rule: RuleResult): string {
  const evidence = rule.evidence.length > 0
    ? rule.evidence.map(renderEvidence).join('\n')
    : `<p class="muted">No evidence was recorded; see the tests: ${renderTests(rule.tests)}</p>`;
  return `<article id="failed-${ruleAnchor(rule)}" class="failed-rule" data-rule="${escapeHtml(rule.id)}" data-operation="${escapeHtml(rule.operation)}">
<h3>${badge(rule.result)}${changeBadge(rule.change)} <code class="rule-id">${escapeHtml(rule.id)}</code> ${escapeHtml(rule.title)}</h3>
${rule.byTarget ? `<p class="where">Failed on ${Object.entries(rule.byTarget).filter(([, r]) => r.result === 'failed').map(([name, r]) => `<strong>${escapeHtml(name)}</strong>${changeBadge(r.change)}`).join(', ')}</p>` : ''}
<p class="where">Written in the spec at ${renderLocation(rule)} <a class="to-row" href="#rule-${ruleAnchor(rule)}">row in the matrix ↓</a></p>
${evidence}
</article>`;
}

function renderEvidence(evidence: Evidence): string {
  const facts: [string, string | undefined][] = [['at', evidence.at], ['expected', evidence.expected], ['actual', evidence.actual]];
  return `<div class="evidence">
<p class="evidence-test">${evidence.target ? `Target <strong class="evidence-target">${escapeHtml(evidence.target)}</strong> · ` : ''}Test ${link(evidence.link, evidence.test)}</p>
<p class="evidence-check"><strong>${escapeHtml(evidence.title)}</strong> <code class="check">[${escapeHtml(evidence.check)}]</code></p>
<dl>
${facts.filter(([, value]) => value !== undefined).map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value!)}</dd>`).join('\n')}
</dl>
<p class="pre-label">Reproduce</p>
<pre class="curl">${escapeHtml(evidence.curl)}</pre>
<p class="pre-label">Response</p>
<pre class="response">${escapeHtml(evidence.response)}</pre>
</div>`;
}

/**
 * The matrix in spec order, grouped; failed rows stand out instead of moving. Several operations: a
 * section per operation (`#operation-<operationId>`), its verdict in its heading, its groups under it.
 */
export function renderRules(rules: readonly RuleResult[], testsLabel: string, targets: readonly TargetVerdict[] = [], operations: readonly OperationVerdict[] = []): string {
  const parts = byOperation(rules).map(({ operation, rules: own }) => {
    const groups = [...new Set([...(Object.keys(GROUPS) as RuleGroup[]), ...own.map((rule) => rule.group)])];
    const sections = groups
      .map((group) => ({ group, members: own.filter((rule) => rule.group === group) }))
      .filter(({ members }) => members.length > 0)
      .map(({ group, members }) => renderRuleGroup(group, members, testsLabel, targets, operation === undefined ? 'h3' : 'h4'));
    if (operation === undefined) return sections.join('\n');
    return `<section id="operation-${anchor(operation)}" class="operation" data-operation="${escapeHtml(operation)}">
${operationTitle(operation, operations)}
${sections.join('\n')}
</section>`;
  });
  return `<section id="rules" aria-labelledby="rules-title">
<h2 id="rules-title">All rules</h2>
${parts.join('\n')}
</section>`;
}

function renderRuleGroup(group: RuleGroup, rules: readonly RuleResult[], testsLabel: string, targets: readonly TargetVerdict[], tag: 'h3' | 'h4'): string {
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const tally = `${rules.length} ${plural(rules.length, 'rule', 'rules')}${failed > 0 ? `, <span class="text-failed">${failed} failed</span>` : ''}`;
  return `<${tag} class="group" data-group="${escapeHtml(group)}">${escapeHtml(GROUPS[group] ?? group)} <span class="muted tally">${tally}</span></${tag}>
<table class="matrix stack${targets.length > 0 ? ' by-target' : ''}">
<thead><tr><th scope="col">Result</th><th scope="col">Rule</th>${targets.map((t) => `<th scope="col" class="target-col">${escapeHtml(t.name)}</th>`).join('')}<th scope="col">Where in the spec</th><th scope="col">${escapeHtml(testsLabel)}</th></tr></thead>
<tbody>
${rules.map((rule) => renderRuleRow(rule, testsLabel, targets)).join('\n')}
</tbody>
</table>`;
}

function renderRuleRow(rule: RuleResult, testsLabel: string, targets: readonly TargetVerdict[] = []): string {
  const waivedEvidence = rule.result === 'waived' && rule.evidence.length > 0;
  return `<tr id="rule-${ruleAnchor(rule)}" class="rule rule-${escapeHtml(rule.result)}${waivedEvidence ? ' has-detail' : ''}" data-result="${escapeHtml(rule.result)}" data-rule="${escapeHtml(rule.id)}" data-operation="${escapeHtml(rule.operation)}">
<td data-label="Result">${badge(rule.result)}${changeBadge(rule.change)}${rule.result === 'failed' ? ` <a class="to-evidence" href="#failed-${ruleAnchor(rule)}">evidence ↑</a>` : ''}</td>
<td data-label="Rule"><code class="rule-id">${escapeHtml(rule.id)}</code><br>${escapeHtml(rule.title)}${renderReason(rule)}</td>
${targets.map((t) => renderTargetCell(t.name, rule.byTarget?.[t.name])).join('\n')}
<td data-label="Where">${renderLocation(rule)}</td>
<td data-label="${escapeHtml(testsLabel)}">${targets.length > 0 && rule.tests.length > 0 ? `<details class="tests-folded"><summary>${number(rule.tests.length)} ${plural(rule.tests.length, 'test', 'tests')}</summary>${renderTests(rule.tests, rule.exercised)}</details>` : renderTests(rule.tests, rule.exercised)}</td>
</tr>${waivedEvidence ? renderWaivedEvidence(rule, 4 + targets.length) : ''}`;
}

/** One cell of the rules × targets matrix: the rule's result on that target; the reason shows on hover. */
function renderTargetCell(name: string, row: NonNullable<RuleResult['byTarget']>[string] | undefined): string {
  if (!row) return `<td data-label="${escapeHtml(name)}" class="target-cell"><span class="muted">—</span></td>`;
  return `<td data-label="${escapeHtml(name)}" class="target-cell" data-target="${escapeHtml(name)}" data-result="${escapeHtml(row.result)}"${row.reason ? ` title="${escapeHtml(row.reason)}"` : ''}>${badge(row.result)}${changeBadge(row.change)}</td>`;
}

/** A waived failure stays inspectable, full width under its row, folded away until asked for. */
function renderWaivedEvidence(rule: RuleResult, columns = 4): string {
  return `
<tr id="evidence-${ruleAnchor(rule)}" class="rule-detail rule-${escapeHtml(rule.result)}"><td colspan="${number(columns)}">
<details><summary>Evidence of the waived failure (${rule.evidence.length})</summary>
${rule.evidence.map(renderEvidence).join('\n')}
</details>
</td></tr>`;
}

function renderReason(rule: RuleResult): string {
  if (!rule.reason) return '';
  const why = rule.result === 'not-exercised' ? 'Not exercised' : rule.result === 'not-applicable' ? 'Not applicable' : rule.result === 'waived' ? 'Waived' : 'Note';
  return `<span class="reason"><strong>${why}:</strong> ${escapeHtml(rule.reason)}</span>`;
}

function renderLocation(rule: RuleResult): string {
  return `<code class="location">${escapeHtml(rule.location)}</code> <code class="pointer">${escapeHtml(rule.pointer)}</code>`;
}

function renderTests(tests: RuleResult['tests'], exercised?: number): string {
  const count = exercised === undefined ? '' : `<span class="muted">exercised ${number(exercised)} ${plural(exercised, 'time', 'times')}</span>`;
  if (tests.length === 0) return count || '<span class="muted">none</span>';
  return `<ul class="tests">${tests
    .map((test) => `<li>${link(test.link, test.title)} <span class="test-status status-${escapeHtml(test.status)}">${escapeHtml(test.status)}</span></li>`)
    .join('')}</ul>${count}`;
}
