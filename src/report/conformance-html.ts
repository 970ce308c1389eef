import type { ConformanceReport } from './conformance-model';
import { renderClientCoverage, renderCoverage } from './html/coverage';
import { renderFailedRules, renderRules } from './html/rules';
import { CSS } from './html/style';
import { VERDICTS, escapeHtml, judgesTraffic, number, severalTargets } from './html/text';
import { renderFacts, renderNav, renderProblems, renderTargets, renderVerdict } from './html/verdict';
import { renderTransportAnswers } from './html/transport';
import { renderWaivers } from './html/waivers';

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
${renderFailedRules(report.rules, report.operations)}
${renderRules(report.rules, judgesTraffic(report) ? 'Requests' : 'Tests', severalTargets(report), report.operations)}
${judgesTraffic(report) ? renderClientCoverage(report) : renderCoverage(report.coverage)}
${renderTransportAnswers(report.transportAnswers)}
${judgesTraffic(report) ? '' : renderWaivers(report.waivers, report.rules)}
<footer>${escapeHtml(`${report.suite.name} ${report.suite.version}`)} · report schema v${number(report.schemaVersion)}</footer>
</main>
</body>
</html>
`;
}

