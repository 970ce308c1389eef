import type { Evidence, RuleGroup, RuleResult, TargetVerdict } from '../conformance-model';
import { GROUPS, anchor, badge, changeBadge, escapeHtml, link, number, plural } from './text';

/** The failed rules with their evidence, and the rules matrix. */

/** What is broken, where the rule is written and how to reproduce it, readable without the matrix. */
export function renderFailedRules(rules: readonly RuleResult[]): string {
  const failed = rules.filter((rule) => rule.result === 'failed');
  if (failed.length === 0) return '';
  return `<section id="failed-rules" aria-labelledby="failed-rules-title">
<h2 id="failed-rules-title">Failed rules</h2>
${failed.map(renderFailedRule).join('\n')}
</section>`;
}

function renderFailedRule(rule: RuleResult): string {
  const evidence = rule.evidence.length > 0
    ? rule.evidence.map(renderEvidence).join('\n')
    : `<p class="muted">No evidence was recorded; see the tests: ${renderTests(rule.tests)}</p>`;
  return `<article id="failed-${anchor(rule.id)}" class="failed-rule" data-rule="${escapeHtml(rule.id)}">
<h3>${badge(rule.result)}${changeBadge(rule.change)} <code class="rule-id">${escapeHtml(rule.id)}</code> ${escapeHtml(rule.title)}</h3>
${rule.byTarget ? `<p class="where">Failed on ${Object.entries(rule.byTarget).filter(([, r]) => r.result === 'failed').map(([name, r]) => `<strong>${escapeHtml(name)}</strong>${changeBadge(r.change)}`).join(', ')}</p>` : ''}
<p class="where">Written in the spec at ${renderLocation(rule)} <a class="to-row" href="#rule-${anchor(rule.id)}">row in the matrix ↓</a></p>
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

/** The matrix in spec order, grouped; failed rows stand out instead of moving. */
export function renderRules(rules: readonly RuleResult[], testsLabel: string, targets: readonly TargetVerdict[] = []): string {
  const groups = [...new Set([...(Object.keys(GROUPS) as RuleGroup[]), ...rules.map((rule) => rule.group)])];
  const sections = groups
    .map((group) => ({ group, members: rules.filter((rule) => rule.group === group) }))
    .filter(({ members }) => members.length > 0)
    .map(({ group, members }) => renderRuleGroup(group, members, testsLabel, targets));
  return `<section id="rules" aria-labelledby="rules-title">
<h2 id="rules-title">All rules</h2>
${sections.join('\n')}
</section>`;
}

function renderRuleGroup(group: RuleGroup, rules: readonly RuleResult[], testsLabel: string, targets: readonly TargetVerdict[]): string {
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const tally = `${rules.length} ${plural(rules.length, 'rule', 'rules')}${failed > 0 ? `, <span class="text-failed">${failed} failed</span>` : ''}`;
  return `<h3 class="group" data-group="${escapeHtml(group)}">${escapeHtml(GROUPS[group] ?? group)} <span class="muted tally">${tally}</span></h3>
<table class="matrix stack${targets.length > 0 ? ' by-target' : ''}">
<thead><tr><th scope="col">Result</th><th scope="col">Rule</th>${targets.map((t) => `<th scope="col" class="target-col">${escapeHtml(t.name)}</th>`).join('')}<th scope="col">Where in the spec</th><th scope="col">${escapeHtml(testsLabel)}</th></tr></thead>
<tbody>
${rules.map((rule) => renderRuleRow(rule, testsLabel, targets)).join('\n')}
</tbody>
</table>`;
}

function renderRuleRow(rule: RuleResult, testsLabel: string, targets: readonly TargetVerdict[] = []): string {
  const waivedEvidence = rule.result === 'waived' && rule.evidence.length > 0;
  return `<tr id="rule-${anchor(rule.id)}" class="rule rule-${escapeHtml(rule.result)}${waivedEvidence ? ' has-detail' : ''}" data-result="${escapeHtml(rule.result)}" data-rule="${escapeHtml(rule.id)}">
<td data-label="Result">${badge(rule.result)}${changeBadge(rule.change)}${rule.result === 'failed' ? ` <a class="to-evidence" href="#failed-${anchor(rule.id)}">evidence ↑</a>` : ''}</td>
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
<tr id="evidence-${anchor(rule.id)}" class="rule-detail rule-${escapeHtml(rule.result)}"><td colspan="${number(columns)}">
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
