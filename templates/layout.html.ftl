<#--
  The page around readiness.md converted to HTML (readiness.html). It must stay self-contained:
  inline CSS only, no external stylesheets, fonts, scripts or images, so the file can be attached
  to a CI run or mailed and still look the same.

  Data model: report (the ReadinessReport), body (the report's Markdown as HTML), fragments (name ->
  trusted raw HTML such as an inline SVG chart, in order; may be empty), text (ReportText helpers).
  Files named *.html.ftl are auto-escaped HTML: ${...} is escaped, ?no_esc prints trusted HTML.
-->
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preflight readiness: ${report.project!""}, run ${report.runId!""}</title>
<style>
  :root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --stripe: #f6f8fa; }
  body { margin: 0; color: var(--fg); background: #fff;
         font: 15px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
  header.top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap;
               padding: .75rem 2rem; border-bottom: 1px solid var(--line); background: var(--stripe); }
  header.top .meta { color: var(--muted); }
  main { max-width: 72rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
  h1 { font-size: 1.6rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
  h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
  h3 { font-size: 1.05rem; margin-top: 1.4rem; }
  table { border-collapse: collapse; margin: .8rem 0; display: block; overflow-x: auto; max-width: 100%; }
  th, td { border: 1px solid var(--line); padding: .3rem .6rem; vertical-align: top; }
  th { background: var(--stripe); }
  th:not([align]) { text-align: left; }
  tbody tr:nth-child(even) { background: var(--stripe); }
  code { font: .88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
         background: rgba(175, 184, 193, .2); padding: .1em .3em; border-radius: 4px; }
  hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0 1rem; }
  .badge { display: inline-block; padding: .2rem .7rem; border-radius: 1rem; font-weight: 600;
           color: #fff; letter-spacing: .02em; }
  .verdict-ready { background: #1a7f37; }
  .verdict-ready-with-warnings { background: #9a6700; }
  .verdict-not-ready { background: #cf222e; }
  section.fragment { margin: 1.5rem 0; }
  section.fragment svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<header class="top">
  <span class="badge verdict-${report.verdict?lower_case?replace("_", "-")}">${report.verdict}</span>
  <span class="meta">${report.project!""} &middot; run ${report.runId!""} &middot; ${report.generatedAt!""}</span>
</header>
<main>
${body?no_esc}
<#list fragments as name, html>
<section class="fragment" id="fragment-${name}">
${html?no_esc}
</section>
</#list>
</main>
</body>
</html>
