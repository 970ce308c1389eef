import type { ConformanceReport, Coverage, Evidence, RuleChange, RuleGroup, RuleResult, TargetVerdict, WaiverState } from './conformance-model';
import { variablesToSet } from './summary';

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
${renderTargets(report)}
${renderFacts(report)}
${renderProblems(report.problems)}
${renderFailedRules(report.rules)}
${renderRules(report.rules, report.target.kind === 'client' ? 'Requests' : 'Tests', severalTargets(report))}
${report.target.kind === 'client' ? renderClientCoverage(report) : renderCoverage(report.coverage)}
${report.target.kind === 'client' ? '' : renderWaivers(report.waivers, report.rules)}
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
  warning: 'warning',
  'not-applicable': 'not applicable',
};

const GROUPS: Readonly<Record<RuleGroup, string>> = {
  status: 'Status codes',
  parameter: 'Parameters',
  schema: 'Response schemas',
  headers: 'Headers',
  invariant: 'Invariants',
  auth: 'Authentication and authorisation',
  paging: 'Paging',
  retries: 'Retries and refusals',
};

/** The targets of a run that judged several (CONTRACT_TARGETS), else none: one target needs no matrix. */
function severalTargets(report: ConformanceReport): readonly TargetVerdict[] {
  return (report.targets?.length ?? 0) > 1 ? report.targets! : [];
}

const CHANGES: Readonly<Record<RuleChange, string>> = { regression: 'regression', fixed: 'fixed', 'still-failing': 'still failing', unchanged: 'unchanged' };

/** A change worth a badge: what a release manager looks for first; unchanged says nothing. */
function changeBadge(change: RuleChange | undefined): string {
  return change && change !== 'unchanged' ? ` <span class="badge change change-${escapeHtml(change)}">${escapeHtml(CHANGES[change])}</span>` : '';
}

function renderVerdict({ verdict, summary, spec, target, targets = [], baseline, rules }: ConformanceReport): string {
  const { word, icon } = VERDICTS[verdict];
  type Count = [string, number, string];
  const counts: Count[] = [
    ['passed', summary.passed, 'passed'],
    ['failed', summary.failed, 'failed'],
    ['not exercised', summary.notExercised, 'not-exercised'],
    // A client has no waivers; only a client's rules warn or cannot apply, so a server's report keeps its four counts.
    ...(target.kind === 'client' ? [] : [['waived', summary.waived, 'waived'] as Count]),
    ...(summary.warnings > 0 ? [['warnings', summary.warnings, 'warning'] as Count] : []),
    ...(summary.notApplicable > 0 ? [['not applicable', summary.notApplicable, 'not-applicable'] as Count] : []),
  ];
  return `<header id="verdict" class="verdict verdict-${escapeHtml(verdict)}" data-verdict="${escapeHtml(verdict)}">
<p class="eyebrow">${target.kind === 'client' ? 'Conformance of a client of' : 'Conformance of'} ${escapeHtml(`${spec.title} ${spec.version}`)} · ${escapeHtml(target.kind === 'client' ? `scenario ${target.scenario?.id ?? 'none'}` : `${target.kind} target`)}</p>
<h1><span class="verdict-icon" aria-hidden="true">${icon}</span> <span class="verdict-word">${word}</span></h1>
<p class="verdict-why">${escapeHtml(explainVerdict(verdict, summary))}${renderRegressionCount(summary, baseline)}</p>
${verdict === 'incomplete' && variablesToSet(rules).length > 0 ? `<p class="to-set">To exercise what was not, set ${variablesToSet(rules).map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}.</p>` : ''}
${targets.length > 1 ? `<ul class="target-verdicts">${targets.map(renderTargetVerdict).join('\n')}</ul>` : ''}
<ul class="counts">
${counts.map(([label, count, result]) => `<li class="count count-${result}${count > 0 ? ' nonzero' : ''}"><strong>${number(count)}</strong> ${label}</li>`).join('\n')}
<li class="count count-total"><strong>${number(summary.rules)}</strong> ${plural(summary.rules, 'rule', 'rules')} in all</li>
</ul>
</header>`;
}

function renderRegressionCount(summary: ConformanceReport['summary'], baseline: ConformanceReport['baseline']): string {
  if (summary.regressions === undefined || !baseline) return '';
  const count = summary.regressions;
  return ` <strong class="${count > 0 ? 'text-failed' : ''}">${number(count)} ${plural(count, 'regression', 'regressions')}</strong> since the baseline of ${escapeHtml(baseline.startedAt.slice(0, 10))} (${escapeHtml(VERDICTS[baseline.verdict]?.word ?? baseline.verdict)}).`;
}

/** A target's verdict in one line of the verdict box: several targets, one verdict each. */
function renderTargetVerdict(target: TargetVerdict): string {
  const { word, icon } = target.stopped ? { word: 'Not judged: unreachable', icon: '!' } : VERDICTS[target.verdict];
  const regressions = target.summary.regressions ? `, <span class="text-failed">${number(target.summary.regressions)} ${plural(target.summary.regressions, 'regression', 'regressions')}</span>` : '';
  return `<li class="target-verdict verdict-${escapeHtml(target.stopped ? 'incomplete' : target.verdict)}" data-target="${escapeHtml(target.name)}" data-verdict="${escapeHtml(target.verdict)}"><a href="#target-${anchor(target.name)}"><span aria-hidden="true">${icon}</span> <strong>${escapeHtml(target.name)}</strong></a> <span class="target-word">${escapeHtml(word)}${regressions}</span></li>`;
}

/** Several targets: each one's facts and verdict, and why one could not be judged. */
function renderTargets(report: ConformanceReport): string {
  const targets = severalTargets(report);
  if (targets.length === 0) return '';
  return `<section id="targets" aria-labelledby="targets-title">
<h2 id="targets-title">Targets (${targets.length})</h2>
<table class="stack targets">
<thead><tr><th scope="col">Target</th><th scope="col">Verdict</th><th scope="col">Base URL</th><th scope="col">Project id</th><th scope="col">Rules</th></tr></thead>
<tbody>
${targets
  .map(
    (t) => `<tr id="target-${anchor(t.name)}" data-target="${escapeHtml(t.name)}" class="target-row verdict-row-${escapeHtml(t.stopped ? 'stopped' : t.verdict)}">
<td data-label="Target"><strong>${escapeHtml(t.name)}</strong></td>
<td data-label="Verdict">${t.stopped ? `<span class="text-failed">not judged:</span> ${escapeHtml(t.stopped)}` : `<span class="verdict-text-${escapeHtml(t.verdict)}">${escapeHtml(VERDICTS[t.verdict].word)}</span>`}</td>
<td data-label="Base URL"><code>${escapeHtml(t.target.baseUrl)}</code></td>
<td data-label="Project id"><code>${escapeHtml(t.target.projectId)}</code></td>
<td data-label="Rules">${number(t.summary.passed)} passed, <span class="${t.summary.failed > 0 ? 'text-failed' : ''}">${number(t.summary.failed)} failed</span>, ${number(t.summary.notExercised)} not exercised, ${number(t.summary.notApplicable)} not applicable${t.summary.regressions !== undefined ? `, <span class="${t.summary.regressions > 0 ? 'text-failed' : ''}">${number(t.summary.regressions)} ${plural(t.summary.regressions, 'regression', 'regressions')}</span>` : ''}</td>
</tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`;
}

/** One sentence a release manager can repeat: what decided the verdict. */
function explainVerdict(verdict: ConformanceReport['verdict'], summary: ConformanceReport['summary']): string {
  const notExercised = `${summary.notExercised} ${plural(summary.notExercised, 'rule was', 'rules were')} not exercised`;
  const aside = [
    ...(summary.waived > 0 ? [`${summary.waived} waived`] : []),
    ...(summary.warnings > 0 ? [`${summary.warnings} ${plural(summary.warnings, 'warning', 'warnings')}`] : []),
    ...(summary.notApplicable > 0 ? [`${summary.notApplicable} not applicable`] : []),
  ];
  const waived = aside.length > 0 ? ` (${aside.join(', ')})` : '';
  if (verdict === 'not-conformant') {
    const also = summary.notExercised > 0 ? `, and ${notExercised}` : '';
    return `${summary.failed} of ${summary.rules} ${plural(summary.rules, 'rule', 'rules')} failed${also}.`;
  }
  if (verdict === 'incomplete') return `${notExercised} of ${summary.rules}; none failed${waived}.`;
  return `Every rule passed${waived}.`;
}

function renderNav(report: ConformanceReport): string {
  const { rules, problems, target } = report;
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const links = [
    ...(severalTargets(report).length > 0 ? [`<a href="#targets">Targets (${severalTargets(report).length})</a>`] : []),
    ...(problems.length > 0 ? [`<a href="#problems">Problems (${problems.length})</a>`] : []),
    ...(failed > 0 ? [`<a href="#failed-rules">Failed rules (${failed})</a>`] : []),
    `<a href="#rules">All rules (${rules.length})</a>`,
    ...(target.kind === 'client' ? ['<a href="#coverage">Answers</a>', '<a href="#requests">Requests</a>'] : ['<a href="#coverage">Coverage</a>', '<a href="#waivers">Waivers</a>']),
  ];
  return `<nav aria-label="Sections">${links.join('')}</nav>`;
}

function renderFacts({ target, spec, suite, run }: ConformanceReport): string {
  const client: [string, string][] = target.kind !== 'client' ? [] : [
    ['Client', target.command === undefined ? '<span class="muted">a recording made elsewhere</span>' : `<code>${escapeHtml(target.command)}</code>`],
    ...(run.exitCode === undefined ? [] : [['Exit code', run.exitCode === null ? '<span class="text-failed">none: stopped</span>' : `<span class="${run.exitCode === 0 ? '' : 'text-failed'}">${number(run.exitCode)}</span>`] as [string, string]]),
    ['Scenario', `<code>${escapeHtml(target.scenario?.id ?? 'none')}</code> <span class="muted">${escapeHtml(target.scenario?.description ?? '')}</span>`],
  ];
  const rows: [string, string][] = [
    ...client,
    [target.kind === 'client' ? 'Mock' : 'Target', `<span class="tag">${escapeHtml(target.kind === 'client' ? 'embedded mock' : target.kind)}</span> <code>${escapeHtml(target.baseUrl)}</code>`],
    ['Project id', `<code>${escapeHtml(target.projectId)}</code>`],
    ['Spec', `${escapeHtml(spec.title)} <span class="muted">version</span> ${escapeHtml(spec.version)}`],
    ['Spec file', `<code>${escapeHtml(spec.file)}</code> <span class="muted">sha256</span> <code title="${escapeHtml(spec.sha256)}">${escapeHtml(spec.sha256.slice(0, 12))}</code>`],
    ['Suite', `${escapeHtml(suite.name)} ${escapeHtml(suite.version)}`],
    ['Started at', `<time datetime="${escapeHtml(run.startedAt)}">${escapeHtml(run.startedAt)}</time>`],
    ['Duration', escapeHtml(formatDuration(run.durationMs))],
    ['Requests', number(run.requests)],
    ...(run.tests
      ? [['Tests', `${number(run.tests.passed)} passed, <span class="${run.tests.failed > 0 ? 'text-failed' : ''}">${number(run.tests.failed)} failed</span>, ${number(run.tests.skipped)} skipped`] as [string, string]]
      : []),
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
function renderRules(rules: readonly RuleResult[], testsLabel: string, targets: readonly TargetVerdict[] = []): string {
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

/** A client: the answers it met (the scenario's among them) and every request it sent. */
function renderClientCoverage({ coverage, requests = [] }: ConformanceReport): string {
  const rows = requests.map(
    (request) => `<tr id="request-${number(request.seq)}" data-status="${number(request.status)}"${request.status >= 400 ? ' class="refused"' : ''}>
<td data-label="#" class="num">${number(request.seq)}</td><td data-label="At" class="num nowrap">${escapeHtml(formatDuration(request.atMs))}</td>
<td data-label="Request"><code>${escapeHtml(`${request.method} ${request.target}`)}</code></td><td data-label="Status"><code>${number(request.status)}</code></td>
<td data-label="Notes">${escapeHtml(request.notes.join('; '))}</td></tr>`,
  );
  return `<section id="coverage" aria-labelledby="coverage-title">
<h2 id="coverage-title">Answers the client met</h2>
<div class="cards">
${renderStatuses(coverage.statuses)}
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

/** Input coverage: each family's cells (a parameter or what else it varies, a class), what the spec allows and how often each was judged. */
function renderInputs(inputs: NonNullable<Coverage['inputs']>): string {
  // A family heads its rows (a column of its own would not fit a phone's width).
  const rows = inputs.map(
    ({ family, parameter, class: inputClass, expected, count }, index) =>
      `${index === 0 || inputs[index - 1]!.family !== family ? `<tr class="family"><th scope="rowgroup" colspan="4">${escapeHtml(family)}</th></tr>\n` : ''}<tr${count === 0 ? ' class="never-seen"' : ''} data-input="${escapeHtml(`${parameter} ${inputClass}`)}"><td><code>${escapeHtml(parameter)}</code></td><td>${escapeHtml(inputClass)}</td><td>${escapeHtml(expected.join(' or '))}</td><td class="num">${count === 0 ? '<span class="text-warn">never</span>' : number(count)}</td></tr>`,
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
.badge-waived, .badge-not-applicable { color: var(--neutral); background: var(--neutral-bg); }
.badge-warning { color: var(--warn); background: var(--warn-bg); }
tr.refused td { background: var(--soft); }
table.requests th, table.requests td.num, table.requests td[data-label="Status"] { white-space: nowrap; }

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

.to-set { margin: -.4rem 0 1rem; }
.target-verdicts { list-style: none; margin: 14px 0 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr)); gap: 8px; }
.target-verdict { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--neutral); border-radius: 6px; padding: 6px 12px; }
.target-verdict a { color: inherit; text-decoration: none; }
.target-verdict.verdict-conformant { border-left-color: var(--passed); }
.target-verdict.verdict-not-conformant { border-left-color: var(--failed); }
.target-verdict.verdict-incomplete { border-left-color: var(--warn); }
.target-word { display: block; font-size: .9rem; color: var(--muted); }
.verdict-text-conformant { color: var(--passed); font-weight: 600; }
.verdict-text-not-conformant { color: var(--failed); font-weight: 600; }
.verdict-text-incomplete { color: var(--warn); font-weight: 600; }
tr.verdict-row-stopped td, tr.verdict-row-not-conformant td { background: var(--failed-bg); }
.change-regression { color: #fff; background: var(--failed); border-color: var(--failed); }
.change-fixed { color: var(--passed); background: var(--passed-bg); }
.change-still-failing { color: var(--failed); background: #fff; }
.badge.change { margin-left: 4px; }
.matrix.by-target th:nth-child(2) { width: 24%; }
.matrix.by-target th.target-col { width: 7.5rem; font-size: .72rem; overflow-wrap: anywhere; text-transform: none; letter-spacing: 0; }
.matrix.by-target th:nth-last-child(2) { width: 16%; }
.evidence-target { color: var(--ink); }
.matrix.by-target .location { white-space: normal; }

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
  .matrix.by-target td.target-cell[data-label] { display: grid; grid-template-columns: minmax(0, 13rem) minmax(0, 1fr); align-items: baseline; justify-items: start; padding-top: 1px; padding-bottom: 1px; }
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
