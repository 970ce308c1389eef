import type { TransportAnswerRow } from '../conformance-model';
import { escapeHtml, number } from './text';

/** The answers judged as the transport's: which rule's request, what came, how often, and why a layer in front may answer so. */
export function renderTransportAnswers(rows: readonly TransportAnswerRow[] | undefined): string {
  if (!rows?.length) return '';
  const several = rows.some((row) => row.target !== undefined);
  return `<section id="transport" aria-labelledby="transport-title">
<h2 id="transport-title">Answers judged as the transport's</h2>
<p class="muted">A layer in front of the service (an HTTP parser, a gateway) refused these requests itself. Their status is judged; their body, media type and headers are the layer's, not the operation's, and are not.</p>
<table class="stack transport">
<thead><tr><th scope="col">Operation</th>${several ? '<th scope="col">Target</th>' : ''}<th scope="col">Rule</th><th scope="col">Answer</th><th scope="col">Count</th><th scope="col">Why a layer may answer so</th></tr></thead>
<tbody>
${rows
  .map(
    (row) => `<tr>
<td data-label="Operation"><code>${escapeHtml(row.operation)}</code></td>${several ? `\n<td data-label="Target">${escapeHtml(row.target ?? '')}</td>` : ''}
<td data-label="Rule"><code class="rule-id">${escapeHtml(row.rule)}</code></td>
<td data-label="Answer" class="nowrap">${number(row.status)} <span class="muted">${escapeHtml(row.mediaType)}</span></td>
<td data-label="Count">${number(row.count)}</td>
<td data-label="Why">${escapeHtml(row.because)} <span class="muted">(${escapeHtml(row.location)})</span><pre><code>${escapeHtml(row.curl)}</code></pre></td>
</tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`;
}
