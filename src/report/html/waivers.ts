import type { RuleResult, WaiverState } from '../conformance-model';
import { waiverCovers } from '../waivers';
import { escapeHtml, ruleAnchor } from './text';

/** The waivers of a run and their states; each links to the first row of the matrix it names. */

export function renderWaivers(waivers: readonly WaiverState[], rules: readonly RuleResult[]): string {
  const rowOf = (waiver: WaiverState) => rules.find((rule) => rule.id === waiver.rule && waiverCovers(waiver, rule.operation, rule.id));
  const body = waivers.length === 0
    ? '<p class="muted">No waivers.</p>'
    : `<table class="stack waivers">
<thead><tr><th scope="col">Rule</th><th scope="col">Operation</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">Owner</th><th scope="col">Expires</th><th scope="col">Source</th></tr></thead>
<tbody>
${waivers
  .map(
    (waiver) => `<tr class="waiver waiver-${escapeHtml(waiver.state)}" data-state="${escapeHtml(waiver.state)}">
<td data-label="Rule">${rowOf(waiver) ? `<a href="#rule-${ruleAnchor(rowOf(waiver)!)}"><code class="rule-id">${escapeHtml(waiver.rule)}</code></a>` : `<code class="rule-id">${escapeHtml(waiver.rule)}</code>`}${waiver.at ? ` <span class="muted">at</span> <code>${escapeHtml(waiver.at)}</code>` : ''}</td>
<td data-label="Operation">${waiver.operation ? `<code>${escapeHtml(waiver.operation)}</code>` : '<span class="muted">every operation with the rule</span>'}</td>
<td data-label="State"><span class="badge badge-${escapeHtml(waiver.state)}">${escapeHtml(waiver.state)}</span></td>
<td data-label="Reason">${escapeHtml(waiver.reason)}</td>
<td data-label="Owner">${escapeHtml(waiver.owner)}</td>
<td data-label="Expires" class="nowrap">${escapeHtml(waiver.expires)}</td>
<td data-label="Source"><code>${escapeHtml(waiver.source)}</code></td>
</tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return `<section id="waivers" aria-labelledby="waivers-title">
<h2 id="waivers-title">Waivers</h2>
${body}
</section>`;
}
