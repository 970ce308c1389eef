import type { ConformanceReport, Coverage } from '../conformance-model';
import { anchor, card, escapeHtml, formatDuration, number, plural } from './text';

/** Coverage of the contract (a server's run) or the requests a client sent (a client's report). */

/** A client: the answers it met (the scenario's among them), per operation when there are several, and every request it sent. */
export function renderClientCoverage({ coverage, requests = [] }: ConformanceReport): string {
  const several = coverage.length > 1;
  const rows = requests.map(
    (request) => `<tr id="request-${number(request.seq)}" data-status="${number(request.status)}"${request.status >= 400 ? ' class="refused"' : ''}>
<td data-label="#" class="num">${number(request.seq)}</td><td data-label="At" class="num nowrap">${escapeHtml(formatDuration(request.atMs))}</td>
<td data-label="Request"><code>${escapeHtml(`${request.method} ${request.target}`)}</code></td><td data-label="Status"><code>${number(request.status)}</code></td>
<td data-label="Notes">${escapeHtml(request.notes.join('; '))}</td></tr>`,
  );
  return `<section id="coverage" aria-labelledby="coverage-title">
<h2 id="coverage-title">Answers the client met</h2>
<div class="cards">
${coverage.map((own) => renderStatuses(own.statuses, several ? `Status codes of ${own.operation}` : undefined)).join('\n')}
</div>
</section>
<section id="requests" aria-labelledby="requests-title">
<h2 id="requests-title">Requests of the client (${number(requests.length)})</h2>
${rows.length === 0 ? '<p class="muted">The client sent no request to the mock.</p>' : `<table class="stack requests">
<thead><tr><th scope="col" class="num">#</th><th scope="col" class="num">At</th><th scope="col">Request</th><th scope="col">Status</th><th scope="col">Notes</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`}
</section>`;
}

/** Coverage of each operation; several operations: a part each, under its operationId. */
export function renderCoverage(coverage: readonly Coverage[]): string {
  const several = coverage.length > 1;
  const parts = coverage.map(
    (own) => `${several ? `<div class="operation-part" id="coverage-${anchor(own.operation)}" data-operation="${escapeHtml(own.operation)}">\n<h3 class="operation-title"><code>${escapeHtml(own.operation)}</code></h3>\n` : ''}${renderUnknowns(own, several ? `unknowns-${anchor(own.operation)}` : 'unknowns')}
<div class="cards">
${renderStatuses(own.statuses)}
${renderBoundaries(own.boundaries)}
${renderInputs(own.inputs ?? [], several ? `input-coverage-${anchor(own.operation)}` : 'input-coverage')}
${renderProperties(own.properties)}
${renderEnums(own.enums)}
</div>${several ? '\n</div>' : ''}`,
  );
  return `<section id="coverage" aria-labelledby="coverage-title">
<h2 id="coverage-title">Coverage</h2>
${parts.join('\n')}
</section>`;
}

/** Input coverage: each family's cells (a parameter or what else it varies, a class), what the spec allows and how often each was judged. */
function renderInputs(inputs: NonNullable<Coverage['inputs']>, id: string): string {
  // A family heads its rows (a column of its own would not fit a phone's width).
  const rows = inputs.map(
    ({ family, parameter, class: inputClass, expected, count }, index) =>
      `${index === 0 || inputs[index - 1]!.family !== family ? `<tr class="family"><th scope="rowgroup" colspan="4">${escapeHtml(family)}</th></tr>\n` : ''}<tr${count === 0 ? ' class="never-seen"' : ''} data-input="${escapeHtml(`${parameter} ${inputClass}`)}"><td><code>${escapeHtml(parameter)}</code></td><td>${escapeHtml(inputClass)}</td><td>${escapeHtml(expected.join(' or '))}</td><td class="num">${count === 0 ? '<span class="text-warn">never</span>' : number(count)}</td></tr>`,
  );
  return card('Input classes', `<table class="compact" id="${escapeHtml(id)}"><thead><tr><th scope="col">Parameter</th><th scope="col">Class</th><th scope="col">Expected</th><th scope="col" class="num">Judged</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`);
}

function renderStatuses(statuses: Coverage['statuses'], title = 'Status codes'): string {
  const rows = statuses.map(({ status, documented, count }) => {
    const flag = !documented ? 'undocumented' : count === 0 ? 'never-seen' : '';
    const note = !documented ? '<span class="text-failed">undocumented</span>' : count === 0 ? '<span class="text-warn">never seen</span>' : 'documented';
    return `<tr${flag ? ` class="${flag}"` : ''} data-status="${escapeHtml(status)}"><td><code>${escapeHtml(status)}</code></td><td>${note}</td><td class="num">${number(count)}</td></tr>`;
  });
  return card(title, `<table class="compact"><thead><tr><th scope="col">Status</th><th scope="col">In the spec</th><th scope="col" class="num">Responses</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`);
}

function renderBoundaries(boundaries: Coverage['boundaries']): string {
  const rows = boundaries.map(
    ({ parameter, edge, value, exercised }) =>
      `<tr${exercised ? '' : ' class="never-seen"'}><td><code>${escapeHtml(parameter)}</code></td><td class="edge">${escapeHtml(edge)}</td><td><code>${escapeHtml(value)}</code></td><td>${exercised ? 'yes' : '<span class="text-warn">no</span>'}</td></tr>`,
  );
  return card('Boundary values', `<table class="compact"><thead><tr><th scope="col">Parameter</th><th scope="col">Edge</th><th scope="col">Value</th><th scope="col">Exercised</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`);
}

function renderProperties(properties: Coverage['properties']): string {
  const unobserved = properties.filter((property) => !property.observed);
  const observed = properties.filter((property) => property.observed);
  const missing = unobserved.length > 0
    ? `<ul class="unobserved">${unobserved.map(({ path }) => `<li><code>${escapeHtml(path)}</code> never seen</li>`).join('')}</ul>`
    : '<p>Every documented property was seen.</p>';
  const seen = observed.length > 0
    ? `<details class="observed"><summary>${observed.length} observed</summary><ul class="plain">${observed.map(({ path }) => `<li><code>${escapeHtml(path)}</code></li>`).join('')}</ul></details>`
    : '';
  return card('Response properties', `<p>${observed.length} of ${properties.length} documented properties of the 200 body observed.</p>${missing}${seen}`);
}

function renderEnums(enums: Coverage['enums']): string {
  const blocks = enums.map(
    ({ path, values }) => `<table class="compact enum" data-path="${escapeHtml(path)}"><caption><code>${escapeHtml(path)}</code></caption>
<tbody>${values
      .map(({ value, count }) => `<tr${count === 0 ? ' class="never-seen"' : ''}><td><code>${escapeHtml(value)}</code></td><td class="num">${count === 0 ? '<span class="text-warn">never seen</span>' : number(count)}</td></tr>`)
      .join('\n')}</tbody></table>`,
  );
  return card('Enum values', blocks.length > 0 ? blocks.join('\n') : '<p class="muted">The spec documents no enums.</p>');
}

/** Clients tolerate unknown properties and values; release managers still want to know. */
function renderUnknowns({ unknownProperties, unknownEnumValues }: Coverage, id: string): string {
  const items = [
    ...unknownProperties.map(({ path, count }) => `<li>Unknown property <code>${escapeHtml(path)}</code> in ${number(count)} ${plural(count, 'response', 'responses')}</li>`),
    ...unknownEnumValues.map(
      ({ path, value, count }) => `<li>Unknown value <code>${escapeHtml(value)}</code> of <code>${escapeHtml(path)}</code> in ${number(count)} ${plural(count, 'response', 'responses')}</li>`,
    ),
  ];
  if (items.length === 0) return '<p class="muted">No unknown properties or enum values were seen.</p>';
  return `<div id="${escapeHtml(id)}" class="callout callout-warn unknowns">
<h3>${items.length} ${plural(items.length, 'warning', 'warnings')}: not in the spec</h3>
<p>Clients tolerate them, but they are not documented: a change the spec has not caught up with, or a leak.</p>
<ul>${items.join('\n')}</ul>
</div>`;
}
