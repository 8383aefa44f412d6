/**
 * Auditor-facing renderings of a check result: the Statement of Applicability
 * (Markdown, CSV, JSON), the self-contained HTML report and the Markdown coverage
 * picture for summaries and comments. Each lives in its own module; this entry
 * only re-exports. Coverage is computed once per check result and shared.
 */
export { coverageMarkdown } from './coverage-markdown.js';
export { renderHtmlReport } from './html.js';
export { renderSoa, type SoaFormat, type SoaOptions } from './soa.js';
