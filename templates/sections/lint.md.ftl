<#-- Section "Migration safety (lint)", included by readiness.md.ftl; renders only when the lint job ran.
     Sees report (record components as properties) and text (ReportText helpers). A file:line is a code span
     (text.code): backslash escapes inside backticks would show literally. -->
<#if report.lint??>
<#assign lint = report.lint>
## Migration safety (lint)

Analysed ${lint.migrations} migration(s), ${lint.statements} statement(s) (${lint.scope}); ${lint.hazards?size} hazard(s), ${lint.suppressed?size} suppressed. Static rules took ${lint.staticMs} ms; ${text.esc(lint.measuredNote)}<#if lint.measured> (replay ${lint.replayMs} ms, sample rows ${lint.loadMs} ms, measuring ${lint.measureMs} ms)</#if>.
<#if lint.hazards?has_content>

| Rule | Severity | Where | Hazard | Measured | Safe alternative |
|---|---|---|---|---|---|
<#list lint.hazards as h>
| ${h.rule} | ${h.severity.id()} | ${text.code(h.file + ":" + h.line?c)} | ${text.esc(h.message)} | ${text.esc(h.measured!"-")} | ${text.esc(h.remedy)} |
</#list>
</#if>
<#if lint.suppressed?has_content>

Suppressed with `-- preflight:nolint`:

<#list lint.suppressed as h>
- ${h.rule} at ${text.code(h.file + ":" + h.line?c)}: ${text.esc(h.suppressedBecause)}
</#list>
</#if>
<#if lint.sampleSkipped?has_content>

Tables left without sample rows (their statements were measured on an empty table):

<#list lint.sampleSkipped as s>
- ${text.esc(s)}
</#list>
</#if>

</#if>
