import type { ConformanceReport, Coverage, Evidence, RuleGroup, RuleResult, WaiverState } from './conformance-model';

/**
 * The conformance report as one self-contained HTML file for a release manager: the verdict first,
 * then the facts of the run, what is broken and how to reproduce it, the rules matrix, coverage and
 * waivers. No network, no scripts: a Content-Security-Policy forbids every load, so it reads the
 * same offline, as a CI artifact, on a phone and on paper.
 */
export function renderConformanceHtml(report: ConformanceReport): string {
  const verdict = VERDICTS[report.verdict];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`${verdict.word} · ${report.spec.title} ${report.spec.version} · conformance report`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${renderVerdict(report)}
${renderNav(report)}
${renderFacts(report)}
${renderProblems(report.problems)}
${renderFailedRules(report.rules)}
${renderRules(report.rules)}
${renderCoverage(report.coverage)}
${renderWaivers(report.waivers, report.rules)}
<footer>${escapeHtml(`${report.suite.name} ${report.suite.version}`)} · report schema v${number(report.schemaVersion)}</footer>
</main>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const VERDICTS: Readonly<Record<ConformanceReport['verdict'], { word: string; icon: string }>> = {
  conformant: { word: 'Conformant', icon: '✔' },
  'not-conformant': { word: 'Not conformant', icon: '✘' },
  incomplete: { word: 'Incomplete', icon: '!' },
};

const RESULTS: Readonly<Record<RuleResult['result'], string>> = {
  passed: 'passed',
  failed: 'FAILED',
  'not-exercised': 'not exercised',
  waived: 'waived',
};

const GROUPS: Readonly<Record<RuleGroup, string>> = {
  status: 'Status codes',
  parameter: 'Parameters',
  schema: 'Response schemas',
  headers: 'Headers',
  invariant: 'Invariants',
  auth: 'Authentication and authorisation',
};

function renderVerdict({ verdict, summary, spec, target }: ConformanceReport): string {
  const { word, icon } = VERDICTS[verdict];
  const counts: [string, number, string][] = [
    ['passed', summary.passed, 'passed'],
    ['failed', summary.failed, 'failed'],
    ['not exercised', summary.notExercised, 'not-exercised'],
    ['waived', summary.waived, 'waived'],
  ];
  return `<header id="verdict" class="verdict verdict-${escapeHtml(verdict)}" data-verdict="${escapeHtml(verdict)}">
<p class="eyebrow">Conformance of ${escapeHtml(`${spec.title} ${spec.version}`)} · ${escapeHtml(target.kind)} target</p>
<h1><span class="verdict-icon" aria-hidden="true">${icon}</span> <span class="verdict-word">${word}</span></h1>
<p class="verdict-why">${escapeHtml(explainVerdict(verdict, summary))}</p>
<ul class="counts">
${counts.map(([label, count, result]) => `<li class="count count-${result}${count > 0 ? ' nonzero' : ''}"><strong>${number(count)}</strong> ${label}</li>`).join('\n')}
<li class="count count-total"><strong>${number(summary.rules)}</strong> ${plural(summary.rules, 'rule', 'rules')} in all</li>
</ul>
</header>`;
}

/** One sentence a release manager can repeat: what decided the verdict. */
function explainVerdict(verdict: ConformanceReport['verdict'], summary: ConformanceReport['summary']): string {
  const notExercised = `${summary.notExercised} ${plural(summary.notExercised, 'rule was', 'rules were')} not exercised`;
  const waived = summary.waived > 0 ? ` (${summary.waived} waived)` : '';
  if (verdict === 'not-conformant') {
    const also = summary.notExercised > 0 ? `, and ${notExercised}` : '';
    return `${summary.failed} of ${summary.rules} ${plural(summary.rules, 'rule', 'rules')} failed${also}.`;
  }
  if (verdict === 'incomplete') return `${notExercised} of ${summary.rules}; none failed${waived}.`;
  return `Every rule passed${waived}.`;
}

function renderNav({ rules, problems }: ConformanceReport): string {
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const links = [
    ...(problems.length > 0 ? [`<a href="#problems">Problems (${problems.length})</a>`] : []),
    ...(failed > 0 ? [`<a href="#failed-rules">Failed rules (${failed})</a>`] : []),
    `<a href="#rules">All rules (${rules.length})</a>`,
    '<a href="#coverage">Coverage</a>',
    '<a href="#waivers">Waivers</a>',
  ];
  return `<nav aria-label="Sections">${links.join('')}</nav>`;
}

function renderFacts({ target, spec, suite, run }: ConformanceReport): string {
  const rows: [string, string][] = [
    ['Target', `<span class="tag">${escapeHtml(target.kind)}</span> <code>${escapeHtml(target.baseUrl)}</code>`],
    ['Project id', `<code>${escapeHtml(target.projectId)}</code>`],
    ['Spec', `${escapeHtml(spec.title)} <span class="muted">version</span> ${escapeHtml(spec.version)}`],
    ['Spec file', `<code>${escapeHtml(spec.file)}</code> <span class="muted">sha256</span> <code title="${escapeHtml(spec.sha256)}">${escapeHtml(spec.sha256.slice(0, 12))}</code>`],
    ['Suite', `${escapeHtml(suite.name)} ${escapeHtml(suite.version)}`],
    ['Started at', `<time datetime="${escapeHtml(run.startedAt)}">${escapeHtml(run.startedAt)}</time>`],
    ['Duration', escapeHtml(formatDuration(run.durationMs))],
    ['Requests', number(run.requests)],
    ['Tests', `${number(run.tests.passed)} passed, <span class="${run.tests.failed > 0 ? 'text-failed' : ''}">${number(run.tests.failed)} failed</span>, ${number(run.tests.skipped)} skipped`],
  ];
  return `<section id="facts" aria-labelledby="facts-title">
<h2 id="facts-title">The run</h2>
<table class="facts">
${rows.map(([name, value]) => `<tr><th scope="row">${name}</th><td>${value}</td></tr>`).join('\n')}
</table>
</section>`;
}

function renderProblems(problems: readonly string[]): string {
  if (problems.length === 0) return '';
  return `<section id="problems" class="callout callout-failed" aria-labelledby="problems-title">
<h2 id="problems-title">${plural(problems.length, 'Problem', 'Problems')} of the run</h2>
<ul>
${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n')}
</ul>
</section>`;
}

/** What is broken, where the rule is written and how to reproduce it, readable without the matrix. */
function renderFailedRules(rules: readonly RuleResult[]): string {
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
<h3>${badge(rule.result)} <code class="rule-id">${escapeHtml(rule.id)}</code> ${escapeHtml(rule.title)}</h3>
<p class="where">Written in the spec at ${renderLocation(rule)} <a class="to-row" href="#rule-${anchor(rule.id)}">row in the matrix ↓</a></p>
${evidence}
</article>`;
}

function renderEvidence(evidence: Evidence): string {
  const facts: [string, string | undefined][] = [['at', evidence.at], ['expected', evidence.expected], ['actual', evidence.actual]];
  return `<div class="evidence">
<p class="evidence-test">Test ${link(evidence.link, evidence.test)}</p>
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
function renderRules(rules: readonly RuleResult[]): string {
  const groups = [...new Set([...(Object.keys(GROUPS) as RuleGroup[]), ...rules.map((rule) => rule.group)])];
  const sections = groups
    .map((group) => ({ group, members: rules.filter((rule) => rule.group === group) }))
    .filter(({ members }) => members.length > 0)
    .map(({ group, members }) => renderRuleGroup(group, members));
  return `<section id="rules" aria-labelledby="rules-title">
<h2 id="rules-title">All rules</h2>
${sections.join('\n')}
</section>`;
}

function renderRuleGroup(group: RuleGroup, rules: readonly RuleResult[]): string {
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const tally = `${rules.length} ${plural(rules.length, 'rule', 'rules')}${failed > 0 ? `, <span class="text-failed">${failed} failed</span>` : ''}`;
  return `<h3 class="group" data-group="${escapeHtml(group)}">${escapeHtml(GROUPS[group] ?? group)} <span class="muted tally">${tally}</span></h3>
<table class="matrix stack">
<thead><tr><th scope="col">Result</th><th scope="col">Rule</th><th scope="col">Where in the spec</th><th scope="col">Tests</th></tr></thead>
<tbody>
${rules.map(renderRuleRow).join('\n')}
</tbody>
</table>`;
}

function renderRuleRow(rule: RuleResult): string {
  const waivedEvidence = rule.result === 'waived' && rule.evidence.length > 0;
  return `<tr id="rule-${anchor(rule.id)}" class="rule rule-${escapeHtml(rule.result)}${waivedEvidence ? ' has-detail' : ''}" data-result="${escapeHtml(rule.result)}" data-rule="${escapeHtml(rule.id)}">
<td data-label="Result">${badge(rule.result)}${rule.result === 'failed' ? ` <a class="to-evidence" href="#failed-${anchor(rule.id)}">evidence ↑</a>` : ''}</td>
<td data-label="Rule"><code class="rule-id">${escapeHtml(rule.id)}</code><br>${escapeHtml(rule.title)}${renderReason(rule)}</td>
<td data-label="Where">${renderLocation(rule)}</td>
<td data-label="Tests">${renderTests(rule.tests)}</td>
</tr>${waivedEvidence ? renderWaivedEvidence(rule) : ''}`;
}

/** A waived failure stays inspectable, full width under its row, folded away until asked for. */
function renderWaivedEvidence(rule: RuleResult): string {
  return `
<tr id="evidence-${anchor(rule.id)}" class="rule-detail rule-${escapeHtml(rule.result)}"><td colspan="4">
<details><summary>Evidence of the waived failure (${rule.evidence.length})</summary>
${rule.evidence.map(renderEvidence).join('\n')}
</details>
</td></tr>`;
}

function renderReason(rule: RuleResult): string {
  if (!rule.reason) return '';
  const why = rule.result === 'not-exercised' ? 'Not exercised' : rule.result === 'waived' ? 'Waived' : 'Note';
  return `<span class="reason"><strong>${why}:</strong> ${escapeHtml(rule.reason)}</span>`;
}

function renderLocation(rule: RuleResult): string {
  return `<code class="location">${escapeHtml(rule.location)}</code> <code class="pointer">${escapeHtml(rule.pointer)}</code>`;
}

function renderTests(tests: RuleResult['tests']): string {
  if (tests.length === 0) return '<span class="muted">none</span>';
  return `<ul class="tests">${tests
    .map((test) => `<li>${link(test.link, test.title)} <span class="test-status status-${escapeHtml(test.status)}">${escapeHtml(test.status)}</span></li>`)
    .join('')}</ul>`;
}

function renderCoverage(coverage: Coverage): string {
  return `<section id="coverage" aria-labelledby="coverage-title">
<h2 id="coverage-title">Coverage</h2>
${renderUnknowns(coverage)}
<div class="cards">
${renderStatuses(coverage.statuses)}
${renderBoundaries(coverage.boundaries)}
${renderInputs(coverage.inputs ?? [])}
${renderProperties(coverage.properties)}
${renderEnums(coverage.enums)}
</div>
</section>`;
}

/** Input coverage: each class of each parameter's values, what the spec allows and how often it was judged. */
function renderInputs(inputs: NonNullable<Coverage['inputs']>): string {
  const rows = inputs.map(
    ({ parameter, class: inputClass, expected, count }) =>
      `<tr${count === 0 ? ' class="never-seen"' : ''} data-input="${escapeHtml(`${parameter} ${inputClass}`)}"><td><code>${escapeHtml(parameter)}</code></td><td>${escapeHtml(inputClass)}</td><td>${escapeHtml(expected.join(' or '))}</td><td class="num">${count === 0 ? '<span class="text-warn">never</span>' : number(count)}</td></tr>`,
  );
  return card('Input classes', `<table class="compact" id="input-coverage"><thead><tr><th scope="col">Parameter</th><th scope="col">Class</th><th scope="col">Expected</th><th scope="col" class="num">Judged</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table>`);
}

function renderStatuses(statuses: Coverage['statuses']): string {
  const rows = statuses.map(({ status, documented, count }) => {
    const flag = !documented ? 'undocumented' : count === 0 ? 'never-seen' : '';
    const note = !documented ? '<span class="text-failed">undocumented</span>' : count === 0 ? '<span class="text-warn">never seen</span>' : 'documented';
    return `<tr${flag ? ` class="${flag}"` : ''} data-status="${escapeHtml(status)}"><td><code>${escapeHtml(status)}</code></td><td>${note}</td><td class="num">${number(count)}</td></tr>`;
  });
  return card('Status codes', `<table class="compact"><thead><tr><th scope="col">Status</th><th scope="col">In the spec</th><th scope="col" class="num">Responses</th></tr></thead>
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
function renderUnknowns({ unknownProperties, unknownEnumValues }: Coverage): string {
  const items = [
    ...unknownProperties.map(({ path, count }) => `<li>Unknown property <code>${escapeHtml(path)}</code> in ${number(count)} ${plural(count, 'response', 'responses')}</li>`),
    ...unknownEnumValues.map(
      ({ path, value, count }) => `<li>Unknown value <code>${escapeHtml(value)}</code> of <code>${escapeHtml(path)}</code> in ${number(count)} ${plural(count, 'response', 'responses')}</li>`,
    ),
  ];
  if (items.length === 0) return '<p class="muted">No unknown properties or enum values were seen.</p>';
  return `<div id="unknowns" class="callout callout-warn">
<h3>${items.length} ${plural(items.length, 'warning', 'warnings')}: not in the spec</h3>
<p>Clients tolerate them, but they are not documented: a change the spec has not caught up with, or a leak.</p>
<ul>${items.join('\n')}</ul>
</div>`;
}

function renderWaivers(waivers: readonly WaiverState[], rules: readonly RuleResult[]): string {
  const known = new Set(rules.map((rule) => rule.id));
  const body = waivers.length === 0
    ? '<p class="muted">No waivers.</p>'
    : `<table class="stack waivers">
<thead><tr><th scope="col">Rule</th><th scope="col">State</th><th scope="col">Reason</th><th scope="col">Owner</th><th scope="col">Expires</th><th scope="col">Source</th></tr></thead>
<tbody>
${waivers
  .map(
    (waiver) => `<tr class="waiver waiver-${escapeHtml(waiver.state)}" data-state="${escapeHtml(waiver.state)}">
<td data-label="Rule">${known.has(waiver.rule) ? `<a href="#rule-${anchor(waiver.rule)}"><code class="rule-id">${escapeHtml(waiver.rule)}</code></a>` : `<code class="rule-id">${escapeHtml(waiver.rule)}</code>`}</td>
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

function card(title: string, body: string): string {
  return `<div class="card"><h3>${escapeHtml(title)}</h3>${body}</div>`;
}

function badge(result: RuleResult['result']): string {
  return `<span class="badge badge-${escapeHtml(result)}">${escapeHtml(RESULTS[result] ?? result)}</span>`;
}

/** Links into Playwright's report are relative; anything with a scheme (javascript:, http:) stays text. */
function link(href: string, text: string): string {
  const compact = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(compact) && !/^[/\\]{2}/.test(compact);
  return relative ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

/** Rule ids such as `limit-max+1` or `unauthenticated:tampered-signature` as fragment-safe ids. */
function anchor(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Counts come from the report too: escaped like any text, in case a JSON file carries a string there. */
function number(value: number): string {
  return escapeHtml(String(value));
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa;
  --passed: #1a7f37; --passed-bg: #dafbe1; --failed: #cf222e; --failed-bg: #ffebe9;
  --warn: #9a6700; --warn-bg: #fff8c5; --neutral: #59636e; --neutral-bg: #eff2f5; --link: #0969da; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 24px 48px; }
h1, h2, h3 { line-height: 1.25; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .6rem; }
a { color: var(--link); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .86em; }
code, td, th, dd, li, p { overflow-wrap: anywhere; }
.muted { color: var(--muted); font-weight: normal; }
.text-failed { color: var(--failed); font-weight: 600; }
.text-warn { color: var(--warn); font-weight: 600; }

.verdict { border: 2px solid var(--neutral); border-left-width: 10px; border-radius: 8px; padding: 20px 24px; background: var(--neutral-bg); }
.verdict h1 { font-size: 2.4rem; margin: 0 0 .3rem; }
.eyebrow { margin: 0; font-size: .9rem; color: var(--muted); }
.verdict-why { font-size: 1.15rem; margin: 0 0 1rem; }
.verdict-conformant { border-color: var(--passed); background: var(--passed-bg); }
.verdict-conformant h1 { color: var(--passed); }
.verdict-not-conformant { border-color: var(--failed); background: var(--failed-bg); }
.verdict-not-conformant h1 { color: var(--failed); }
.verdict-incomplete { border-color: var(--warn); background: var(--warn-bg); }
.verdict-incomplete h1 { color: var(--warn); }
.counts { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; }
.count { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; }
.count strong { font-size: 1.3rem; margin-right: .2rem; }
.count-failed.nonzero { border-color: var(--failed); color: var(--failed); }
.count-not-exercised.nonzero { border-color: var(--warn); color: var(--warn); }
.count-total { color: var(--muted); }

nav { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 16px 0 0; font-size: .95rem; }

table { width: 100%; border-collapse: collapse; margin: 0 0 .5rem; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; }
.facts th { width: 11rem; color: var(--muted); font-weight: 600; }
.tag { display: inline-block; font-size: .8rem; font-weight: 600; text-transform: uppercase; padding: 0 6px; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); }

.callout { border: 1px solid; border-left-width: 6px; border-radius: 6px; padding: 4px 18px 8px; margin: 1.5rem 0; }
.callout h2, .callout h3 { border: 0; margin: .8rem 0 .4rem; }
.callout-failed { border-color: var(--failed); background: var(--failed-bg); }
.callout-failed h2 { color: var(--failed); }
.callout-warn { border-color: var(--warn); background: var(--warn-bg); }
.callout ul { padding-left: 1.3rem; }

.badge { display: inline-block; white-space: nowrap; font-size: .78rem; font-weight: 700; padding: 1px 8px; border-radius: 999px; border: 1px solid; }
.badge-passed, .badge-applied { color: var(--passed); background: var(--passed-bg); }
.badge-failed, .badge-expired { color: var(--failed); background: var(--failed-bg); }
.badge-not-exercised, .badge-stale { color: var(--warn); background: var(--warn-bg); }
.badge-waived { color: var(--neutral); background: var(--neutral-bg); }

.failed-rule { border: 1px solid var(--line); border-left: 6px solid var(--failed); border-radius: 6px; padding: 4px 18px 12px; margin: 0 0 1.2rem; }
.failed-rule h3 { margin: .8rem 0 .2rem; }
.where { margin: 0 0 .6rem; color: var(--muted); }
.where .pointer { display: inline; margin-left: .4rem; }
.to-row { margin-left: .8rem; white-space: nowrap; }
.tally { white-space: nowrap; }
td.edge, td.nowrap { white-space: nowrap; }
.evidence { border-top: 1px dashed var(--line); padding-top: .6rem; margin-top: .6rem; }
.evidence p { margin: .3rem 0; }
.evidence dl { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 14px; margin: .5rem 0; }
.evidence dt { color: var(--muted); font-weight: 600; }
.evidence dd { margin: 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .86em; }
.check { color: var(--muted); }
.pre-label { font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin: 0 0 .6rem; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 100%; }
pre.curl { user-select: all; }

.group { margin-top: 1.8rem; }
.matrix { table-layout: fixed; }
.matrix th:nth-child(1) { width: 8.5rem; }
.matrix th:nth-child(2) { width: 34%; }
.matrix th:nth-child(3) { width: 30%; }
.to-evidence { display: block; margin-top: 4px; font-size: .85rem; white-space: nowrap; }
.rule-id { font-weight: 600; }
.location { white-space: nowrap; }
.pointer { display: block; font-size: .78rem; color: var(--muted); word-break: break-all; }
tr.rule-failed td { background: var(--failed-bg); }
tr.rule-failed td:first-child { border-left: 4px solid var(--failed); }
tr.rule-not-exercised td:first-child { border-left: 4px solid var(--warn); }
tr.rule-waived td:first-child { border-left: 4px solid var(--neutral); }
tr.rule-passed td:first-child { border-left: 4px solid transparent; }
tr.has-detail td { border-bottom: 0; }
tr.rule-detail td { padding-top: 0; }
tr.rule-detail .evidence { border-top: 0; margin-top: 0; max-width: 60rem; }
.tests { list-style: none; margin: 0; padding: 0; font-size: .9rem; }
.tests li + li { margin-top: 2px; }
.test-status { font-size: .78rem; color: var(--muted); }
.test-status.status-failed, .test-status.status-timedOut { color: var(--failed); font-weight: 700; }
.reason { display: block; margin-top: 4px; font-size: .9rem; color: var(--muted); }
.reason strong { color: var(--ink); }
details summary { cursor: pointer; color: var(--link); font-size: .9rem; }

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 440px), 1fr)); gap: 16px; align-items: start; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 12px; min-width: 0; }
.card h3 { margin: .8rem 0 .5rem; }
table.compact th, table.compact td { padding: 4px 8px; }
table.compact th { white-space: nowrap; overflow-wrap: normal; }
table.enum { margin-bottom: 1rem; }
table.enum caption { text-align: left; padding: 4px 0; }
tr.never-seen td, tr.undocumented td { background: var(--warn-bg); }
tr.undocumented td { background: var(--failed-bg); }
.unobserved { padding-left: 1.2rem; color: var(--warn); font-weight: 600; }
.unobserved code { color: var(--ink); }
.plain { list-style: none; padding: 0; margin: .4rem 0; columns: 2 12rem; }
tr.waiver-expired td { background: var(--failed-bg); }
tr.waiver-stale td { background: var(--warn-bg); }

footer { margin-top: 3rem; padding-top: .8rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .85rem; }

@media (max-width: 760px) {
  main { padding: 12px 12px 32px; }
  body { font-size: 15px; }
  .verdict { padding: 14px 16px; }
  .verdict h1 { font-size: 1.9rem; }
  .verdict-why { font-size: 1.05rem; }
  .facts th { width: 7rem; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
  table.stack thead { display: none; }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; overflow: hidden; }
  table.stack td { border-bottom: 0; padding: 4px 12px; }
  table.stack td:first-child { padding-top: 10px; }
  table.stack td:last-child { padding-bottom: 10px; }
  table.stack td:empty { display: none; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  table.stack td[data-label="Result"]::before, table.stack td[data-label="Rule"]::before { display: none; }
  .matrix { table-layout: auto; }
  table.stack tr.has-detail { border-bottom: 0; border-radius: 6px 6px 0 0; margin-bottom: 0; }
  table.stack tr.rule-detail { border-top: 0; border-radius: 0 0 6px 6px; }
  .to-evidence { display: inline; margin-left: .6rem; }
  table.stack tr.rule-detail td:first-child { padding-top: 0; }
  table.waivers td[data-label] { display: grid; grid-template-columns: 5.5rem minmax(0, 1fr); align-items: baseline; justify-items: start; }
  table.waivers td[data-label]::before { display: block; }
  tr.rule-failed { border-color: var(--failed); }
  .location { white-space: normal; }
}

@media print {
  @page { margin: 14mm; }
  html { font-size: 10.5pt; }
  body { font-size: 1rem; }
  main { max-width: none; padding: 0; }
  nav, .to-row, .to-evidence { display: none; }
  .matrix { font-size: .95em; }
  .matrix th:nth-child(1) { width: 7.5rem; }
  .badge { font-size: 8pt; }
  .verdict, .callout, tr.rule-failed td, tr.never-seen td, tr.undocumented td, tr.waiver-expired td, tr.waiver-stale td, .count, pre, .badge { background: none !important; }
  .verdict { border-width: 3px; border-left-width: 10px; }
  .badge { border-width: 1px; }
  tr, .evidence, .card, pre { break-inside: avoid; page-break-inside: avoid; }
  .failed-rule h3, h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; color: var(--muted); }
}
`;
