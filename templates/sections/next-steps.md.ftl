<#-- Section "Next steps, in order", included by readiness.md.ftl; renders when findings are open.
     Sees report (record components as properties) and text (ReportText helpers). -->
<#if report.nextSteps?? && (report.nextSteps.steps?has_content || report.nextSteps.manual?has_content)>
<#assign plan = report.nextSteps>
## Next steps, in order

Each step is a command to run from the project folder (with the same `--db-url` as this run, or `DATABASE_URL` set); the findings it clears are listed beside it.

<#if plan.manual?has_content>
First, these need a decision or an edit (no command clears them on its own):

<#list plan.manual as m>
- **${m.id}**<#if m.subject?has_content> ${text.esc(m.subject)}</#if>: ${text.esc(m.remedy!"-")}
</#list>

</#if>
<#if plan.steps?has_content>
<#if plan.manual?has_content>
Then:

</#if>
| # | command | clears | why |
|---:|---|---|---|
<#list plan.steps as s>
| ${s.order} | ${text.code(s.command)} | ${s.clears?has_content?then(s.clears?join(", "), "-")} | ${text.esc(s.why)} |
</#list>
</#if>

</#if>
