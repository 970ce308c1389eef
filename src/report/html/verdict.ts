import type { ConformanceReport, OperationVerdict, TargetVerdict } from '../conformance-model';
import { variablesToSet } from '../summary';
import { VERDICTS, anchor, judgesTraffic, escapeHtml, formatDuration, number, plural, severalOperations, severalTargets } from './text';

/** The top of the conformance HTML: the verdict, the targets, the facts of the run and its problems. */

export function renderVerdict({ verdict, summary, spec, target, targets = [], operations = [], baseline, rules }: ConformanceReport): string {
  const { word, icon } = VERDICTS[verdict];
  type Count = [string, number, string];
  const counts: Count[] = [
    ['passed', summary.passed, 'passed'],
    ['failed', summary.failed, 'failed'],
    ['not exercised', summary.notExercised, 'not-exercised'],
    // A client has no waivers; only a client's rules warn or cannot apply, so a server's report keeps its four counts.
    ...(target.kind === 'client' || target.kind === 'proxy' ? [] : [['waived', summary.waived, 'waived'] as Count]),
    ...(summary.warnings > 0 ? [['warnings', summary.warnings, 'warning'] as Count] : []),
    ...(summary.notApplicable > 0 ? [['not applicable', summary.notApplicable, 'not-applicable'] as Count] : []),
  ];
  return `<header id="verdict" class="verdict verdict-${escapeHtml(verdict)}" data-verdict="${escapeHtml(verdict)}">
<p class="eyebrow">${target.kind === 'client' ? 'Conformance of a client of' : target.kind === 'proxy' ? 'Conformance of a client and the service of' : 'Conformance of'} ${escapeHtml(`${spec.title} ${spec.version}`)} · ${escapeHtml(target.kind === 'client' ? `scenario ${target.scenario?.id ?? 'none'}` : target.kind === 'proxy' ? 'traffic through the recording proxy' : `${target.kind} target`)}</p>
<h1><span class="verdict-icon" aria-hidden="true">${icon}</span> <span class="verdict-word">${word}</span></h1>
<p class="verdict-why">${escapeHtml(explainVerdict(verdict, summary))}${renderRegressionCount(summary, baseline)}</p>
${baseline?.note ? `<p class="baseline-note muted">${escapeHtml(baseline.note)}</p>` : ''}
${verdict === 'incomplete' && variablesToSet(rules).length > 0 ? `<p class="to-set">To exercise what was not, set ${variablesToSet(rules).map((name) => `<code>${escapeHtml(name)}</code>`).join(', ')}.</p>` : ''}
${operations.length > 1 ? `<ul class="target-verdicts operation-verdicts">${operations.map(renderOperationVerdict).join('\n')}</ul>` : ''}
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

/** An operation's verdict in one line of the verdict box, linking to its section of the rules matrix. */
function renderOperationVerdict(operation: OperationVerdict): string {
  const { word, icon } = VERDICTS[operation.verdict];
  const { summary } = operation;
  return `<li class="target-verdict operation-verdict verdict-${escapeHtml(operation.verdict)}" data-operation="${escapeHtml(operation.operation)}" data-verdict="${escapeHtml(operation.verdict)}"><a href="#operation-${anchor(operation.operation)}"><span aria-hidden="true">${icon}</span> <strong>${escapeHtml(operation.operation)}</strong></a> <span class="target-word">${escapeHtml(word)}</span><span class="muted">${escapeHtml(`${operation.method} ${operation.path}`)} · ${number(summary.passed)} passed, ${number(summary.failed)} failed, ${number(summary.notExercised)} not exercised of ${number(summary.rules)}</span>${renderOperationTargets(operation)}</li>`;
}

/** Several targets: the operation's verdict on each. */
function renderOperationTargets({ byTarget }: OperationVerdict): string {
  if (!byTarget) return '';
  return `<span class="target-word">${Object.entries(byTarget)
    .map(([name, own]) => `<span class="verdict-text-${escapeHtml(own.verdict)}" data-target="${escapeHtml(name)}">${escapeHtml(`${name}: ${VERDICTS[own.verdict].word}`)}</span>`)
    .join(' · ')}</span>`;
}

/** The records the suite found on a target itself, each with why it picked it. */
export function renderFound(found: readonly string[] | undefined): string {
  if (!found?.length) return '';
  return `<ul class="found">${found.map((record) => `<li>${escapeHtml(record)}</li>`).join('')}</ul>`;
}

/** Several targets: each one's facts and verdict, the records the suite found on it, and why one could not be judged. */
export function renderTargets(report: ConformanceReport): string {
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
<td data-label="Target"><strong>${escapeHtml(t.name)}</strong>${t.found?.length ? `<br><span class="muted">Records the suite found:</span>${renderFound(t.found)}` : ''}</td>
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

export function renderNav(report: ConformanceReport): string {
  const { rules, problems, target } = report;
  const failed = rules.filter((rule) => rule.result === 'failed').length;
  const links = [
    ...(severalTargets(report).length > 0 ? [`<a href="#targets">Targets (${severalTargets(report).length})</a>`] : []),
    ...(problems.length > 0 ? [`<a href="#problems">Problems (${problems.length})</a>`] : []),
    ...(failed > 0 ? [`<a href="#failed-rules">Failed rules (${failed})</a>`] : []),
    `<a href="#rules">All rules (${rules.length})</a>`,
    ...severalOperations(rules).map((operation) => `<a href="#operation-${anchor(operation)}">${escapeHtml(operation)}</a>`),
    ...(judgesTraffic({ target }) ? ['<a href="#coverage">Answers</a>', '<a href="#requests">Requests</a>'] : ['<a href="#coverage">Coverage</a>']),
    ...(report.transportAnswers?.length ? [`<a href="#transport">The transport's answers (${report.transportAnswers.reduce((sum, row) => sum + row.count, 0)})</a>`] : []),
    ...(judgesTraffic({ target }) ? [] : ['<a href="#waivers">Waivers</a>']),
  ];
  return `<nav aria-label="Sections">${links.join('')}</nav>`;
}

export function renderFacts({ target, targets = [], spec, suite, run }: ConformanceReport): string {
  const found = targets.length === 1 ? targets[0]!.found : undefined;
  const client: [string, string][] = !judgesTraffic({ target }) ? [] : [
    ['Client', target.command === undefined ? `<span class="muted">${target.kind === 'proxy' ? 'whatever talked to the proxy' : 'a recording made elsewhere'}</span>` : `<code>${escapeHtml(target.command)}</code>`],
    ...(run.exitCode === undefined ? [] : [['Exit code', run.exitCode === null ? '<span class="text-failed">none: stopped</span>' : `<span class="${run.exitCode === 0 ? '' : 'text-failed'}">${number(run.exitCode)}</span>`] as [string, string]]),
    ...(target.scenario ? [['Scenario', `<code>${escapeHtml(target.scenario.id)}</code> <span class="muted">${escapeHtml(target.scenario.description)}</span>`] as [string, string]] : []),
  ];
  const rows: [string, string][] = [
    ...client,
    [target.kind === 'client' ? 'Mock' : target.kind === 'proxy' ? 'Upstream' : 'Target', `<span class="tag">${escapeHtml(target.kind === 'client' ? 'embedded mock' : target.kind === 'proxy' ? 'behind the proxy' : target.kind)}</span> <code>${escapeHtml(target.baseUrl)}</code>`],
    ['Project id', `<code>${escapeHtml(target.projectId)}</code>`],
    ...(found?.length ? [['Records found', `<span class="muted">The suite found them itself, and picked them so:</span>${renderFound(found)}`] as [string, string]] : []),
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

export function renderProblems(problems: readonly string[]): string {
  if (problems.length === 0) return '';
  return `<section id="problems" class="callout callout-failed" aria-labelledby="problems-title">
<h2 id="problems-title">${plural(problems.length, 'Problem', 'Problems')} of the run</h2>
<ul>
${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('\n')}
</ul>
</section>`;
}
