/**
 * The report's only style sheet, inlined (the page loads nothing). Colours meet
 * WCAG AA contrast (text at least 4.5:1 on its background); states are told
 * apart by a symbol and a word as well as by colour; print keeps the colours.
 */
export const REPORT_CSS = `
:root {
  --ink: #1f2937; --muted: #4b5563; --line: #d1d5db; --paper: #ffffff; --soft: #f3f4f6; --accent: #1d4ed8;
  --covered-bg: #dcfce7; --covered-ink: #14532d; --covered-edge: #15803d;
  --overdue-bg: #fef3c7; --overdue-ink: #713f12; --overdue-edge: #b45309;
  --uncovered-bg: #fee2e2; --uncovered-ink: #7f1d1d; --uncovered-edge: #b91c1c;
  --excluded-bg: #f3f4f6; --excluded-ink: #374151; --excluded-edge: #6b7280;
  --draft-bg: #dbeafe; --draft-ink: #1e3a8a; --draft-edge: #1d4ed8;
  --undecided-bg: #ede9fe; --undecided-ink: #4c1d95; --undecided-edge: #6d28d9;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--paper); }
header, main, footer, nav { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.meta, .hint, .note { color: var(--muted); margin: .25rem 0; }
.skip { position: absolute; left: -999rem; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; z-index: 10; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; margin: 1rem 0 0; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .5rem; margin: 1rem 0 0; padding: 0; }
.kpis div { border: 1px solid var(--line); border-radius: .5rem; padding: .5rem .75rem; background: var(--soft); }
.kpis dt { font-size: .85rem; color: var(--muted); }
.kpis dd { margin: 0; font-size: 1.35rem; font-weight: 700; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; padding: 0; margin: .75rem 0; }
.legend li { display: flex; align-items: center; gap: .4rem; }
.swatch { display: inline-flex; align-items: center; justify-content: center; width: 1.6rem; height: 1.6rem; border-radius: .3rem; font-weight: 700; border: 2px solid; }
.grid { position: relative; list-style: none; margin: 0 0 .5rem; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(3.6rem, 1fr)); gap: .3rem; }
.cell { width: 100%; min-height: 2.75rem; border: 2px solid; border-radius: .35rem; font: inherit; font-size: .85rem; font-weight: 600; cursor: default; display: flex; flex-direction: column; align-items: center; justify-content: center; line-height: 1.1; padding: .2rem; }
.cell .glyph { font-size: .95rem; }
.s-covered { background: var(--covered-bg); color: var(--covered-ink); border-color: var(--covered-edge); }
.s-overdue-only { background: var(--overdue-bg); color: var(--overdue-ink); border-color: var(--overdue-edge); }
.s-uncovered { background: var(--uncovered-bg); color: var(--uncovered-ink); border-color: var(--uncovered-edge); }
.s-excluded { background: var(--excluded-bg); color: var(--excluded-ink); border-color: var(--excluded-edge); border-style: dashed; }
.s-draft-only { background: var(--draft-bg); color: var(--draft-ink); border-color: var(--draft-edge); }
.s-undecided { background: var(--undecided-bg); color: var(--undecided-ink); border-color: var(--undecided-edge); border-style: dotted; }
.tip { display: none; position: absolute; left: 0; right: 0; top: calc(100% + .35rem); z-index: 5; background: var(--paper); color: var(--ink); border: 2px solid var(--ink); border-radius: .5rem; padding: .6rem .8rem; box-shadow: 0 .4rem 1.2rem rgba(0,0,0,.18); }
.grid li:hover .tip, .grid li:focus-within .tip { display: block; }
.grid li.dismissed .tip { display: none; }
.tip p { margin: .2rem 0; }
.tip ul { margin: .2rem 0; padding-left: 1.2rem; }
.scroll-frame { position: relative; margin: .5rem 0 1rem; }
.scroll { overflow-x: auto; }
.scroll-hint { display: none; margin: 0 0 .25rem; font-size: .85rem; color: var(--muted); }
.scroll-frame.more-left .scroll-hint, .scroll-frame.more-right .scroll-hint { display: block; }
.scroll-frame::before, .scroll-frame::after { content: ""; position: absolute; top: 0; bottom: 0; width: 1.5rem; pointer-events: none; opacity: 0; z-index: 2; }
.scroll-frame::before { left: 0; background: linear-gradient(to right, rgba(17,24,39,.28), rgba(17,24,39,0)); }
.scroll-frame::after { right: 0; background: linear-gradient(to left, rgba(17,24,39,.28), rgba(17,24,39,0)); }
.scroll-frame.more-left::before, .scroll-frame.more-right::after { opacity: 1; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .4rem .55rem; border-bottom: 1px solid var(--line); }
thead th { background: var(--soft); border-bottom: 2px solid var(--ink); white-space: nowrap; }
th button { font: inherit; font-weight: 700; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; text-align: left; }
th button::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \\2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \\2193"; color: var(--ink); }
td.num, th.num { text-align: right; }
.pid, td code { white-space: nowrap; }
.file { display: block; color: var(--muted); font-size: .82rem; }
.seg { white-space: nowrap; }
details.more { display: inline; }
details.more > summary { display: inline; cursor: pointer; color: var(--accent); text-decoration: underline; margin-left: .25rem; }
details.more[open] > summary { display: block; margin-left: 0; }
details.doc { margin-top: .25rem; font-size: .85rem; }
details.doc summary { cursor: pointer; color: var(--accent); }
details.doc dl { display: grid; grid-template-columns: auto 1fr; gap: 0 .6rem; margin: .25rem 0; }
details.doc dt { color: var(--muted); }
details.doc dd { margin: 0; }
.history { margin: .25rem 0; padding-left: 1.2rem; }
.role { font-weight: 600; }
.holders { color: var(--muted); }
tr.problem > th { box-shadow: inset 4px 0 0 var(--uncovered-edge); }
td.message code, .tip code { font-size: .88em; background: var(--soft); padding: 0 .2rem; border-radius: .2rem; overflow-wrap: anywhere; white-space: normal; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .3rem; border: 1px solid; font-size: .85rem; white-space: nowrap; }
.b-ok, .b-covered { background: var(--covered-bg); color: var(--covered-ink); border-color: var(--covered-edge); }
.b-due-soon, .b-warning, .b-overdue-only { background: var(--overdue-bg); color: var(--overdue-ink); border-color: var(--overdue-edge); }
.b-overdue, .b-error, .b-uncovered { background: var(--uncovered-bg); color: var(--uncovered-ink); border-color: var(--uncovered-edge); }
.b-draft, .b-retired, .b-none { background: var(--excluded-bg); color: var(--excluded-ink); border-color: var(--excluded-edge); }
.b-draft-only { background: var(--draft-bg); color: var(--draft-ink); border-color: var(--draft-edge); }
tbody th { font-weight: 600; white-space: nowrap; }
.depth-1 > :first-child { padding-left: 1.4rem; }
.depth-2 > :first-child { padding-left: 2.3rem; }
.top > * { font-weight: 600; background: #fafafa; }
footer { color: var(--muted); font-size: .85rem; padding: 2rem 1rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  h1 { font-size: 1.4rem; }
  .kpis { grid-template-columns: repeat(auto-fit, minmax(6.5rem, 1fr)); gap: .35rem; }
  .kpis div { padding: .35rem .5rem; }
  .kpis dd { font-size: 1.1rem; }
  .grid { grid-template-columns: repeat(auto-fill, minmax(3.1rem, 1fr)); }
  th, td { padding: .35rem .4rem; }
}
@media print {
  @page { margin: 1.5cm; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 10pt; }
  nav, .skip, .hint, .scroll-hint { display: none; }
  .scroll-frame::before, .scroll-frame::after { display: none; }
  header, main, footer { max-width: none; padding: 0; }
  .tip, .grid li:hover .tip, .grid li:focus-within .tip { display: none; }
  .scroll { overflow: visible; }
  h2 { break-after: avoid; }
  tr, .grid li { break-inside: avoid; }
  th button::after { content: ""; }
  a { color: inherit; text-decoration: none; }
}
`;
