/** The style sheet of the conformance HTML: inline, so the file loads nothing (its Content-Security-Policy forbids every load). */

export const CSS = `
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
h4.group { font-size: 1rem; margin-bottom: .6rem; }
.operation-title { font-size: 1.2rem; margin: 2rem 0 .4rem; padding: 6px 10px; background: var(--soft); border-left: 4px solid var(--neutral); border-radius: 4px; }
.operation-title .muted { font-size: .85rem; }
.found { margin: .3rem 0 0; padding-left: 1.2rem; font-size: .9rem; }
.baseline-note { margin: -.6rem 0 1rem; font-size: .9rem; }
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
