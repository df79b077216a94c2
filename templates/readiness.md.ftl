<#--
  Preflight readiness report (readiness.md), modelled on the hand-written pre-deployment evaluation
  it replaces. It prints only what the report model holds: anything not measured says so.

  Data model: report (dev.preflight.report.ReadinessReport; record components read as properties),
  components (dev.preflight.report.render.ComponentStatus rows for section 8),
  text (dev.preflight.report.render.ReportText helpers).

  Every value from the database, files or errors goes through esc() (text) or code() (a code span):
  a pipe or a line break would break a table row or a list item, and HTML or Markdown in a value
  must show as typed (text.esc and text.code escape both).
  A project overrides this file by putting its own copy in its templates/ folder.
-->
<#function esc s=""><#return text.esc(s)></#function>
<#function cell s=""><#return s?has_content?then(text.esc(s), "-")></#function>
<#function code s=""><#return s?has_content?then(text.code(s), "-")></#function>
<#function yn b><#return b?string("yes", "no")></#function>
<#function count severity><#return report.findings?filter(f -> f.severity.id() == severity)?size></#function>
<#macro findingList findings>
<#list findings as f>
- **${f.id}** (${f.severity.id()})<#if f.subject?has_content> ${esc(f.subject)}</#if>: ${esc(f.message)}
<#if f.expected?? || f.actual??>
  - Expected: ${cell(f.expected)}
  - Actual: ${cell(f.actual)}
</#if>
<#if f.remedy?has_content>
  - Remedy: ${esc(f.remedy)}
</#if>
<#else>
None found.
</#list>
</#macro>
<#if report.database??><#assign db = report.database></#if>
<#if report.migrationStatus??><#assign ms = report.migrationStatus></#if>
<#assign migrations = report.migrations![]>
# Preflight readiness report: ${esc(report.project)}, run ${esc(report.runId)}

Generated ${esc(report.generatedAt)} by Preflight ${esc(report.preflightVersion)} (command ${code(report.command)}, jobs: ${report.jobs?has_content?then(esc(report.jobs?join(", ")), "none")}).

## 1. Executive summary

**Verdict: ${report.verdict}**

<#if db??>
- Schema: ${db.counts.tables} tables, ${db.counts.enums} enums, ${db.extensions?size} extensions
<#else>
- Schema: not measured (no database connection)
</#if>
<#if ms?? && ms.after??>
- Migrations: ${ms.filesFound} files; ${ms.after.applied} applied (${ms.appliedInThisRun} in this run), ${ms.after.pending} pending
- State: ${text.state(ms.before)} -> ${text.state(ms.after)}
<#else>
- Migrations: ${migrations?size} files; applied and pending not measured
- State: not measured
</#if>
<#if !db??>
- Vector columns: not measured
<#elseif db.vectorColumns?has_content>
- Vector columns: <#list db.vectorColumns as c>${code(c.table + "." + c.column)} <#if c.rows gt 0>${text.share(c.nulls, c.rows)} NULL (${c.nulls} of ${c.rows} rows)<#else>no rows</#if><#sep>; </#list>
<#else>
- Vector columns: none
</#if>
- Findings: ${count("blocker")} blocker, ${count("high")} high, ${count("medium")} medium, ${count("low")} low, ${count("info")} info

## 2. Environment & connectivity

<#if db??>
- URL: ${code(db.url)}
- Source: ${cell(db.source)}
- Server: PostgreSQL ${cell(db.serverVersion)} (${db.serverVersionNum?c})
- Database: ${code(db.name)}
- Role: ${code(db.currentUser)} (superuser: ${yn(db.superuser)})
<#else>
- Database: not measured (no connection was made; see the warnings and risks)
</#if>

### Warnings

<#list report.warnings![] as w>
- ${esc(w)}
<#else>
None.
</#list>

## 3. Migration inventory

<#if migrations?has_content>
| Version | Description | File | Lines | Checksum | State | Applied in this run | Execution |
|---|---|---|---:|---:|---|---|---:|
<#list migrations as m>
| ${cell(m.version)} | ${cell(m.description)} | ${code(m.file)} | ${m.lines!"-"} | ${m.checksum!"-"}<#if m.appliedChecksum?? && m.appliedChecksum != (m.checksum!"")> (applied: ${m.appliedChecksum})</#if> | ${cell(m.state)} | ${yn(m.appliedInThisRun)} | <#if m.executionTimeMs??>${m.executionTimeMs} ms<#else>-</#if> |
</#list>
<#else>
No migration files found.
</#if>

<#if ms??>
- Total: ${ms.filesFound} files, ${ms.totalLines} lines
- State before the run: ${text.state(ms.before)}
- State after the run: ${text.state(ms.after)}
- Applied in this run: ${ms.appliedInThisRun}
<#if ms.error?has_content>
- Error: ${esc(ms.error)}
</#if>
<#else>
<#assign totalLines = 0>
<#list migrations as m><#assign totalLines += m.lines!0></#list>
- Total: ${migrations?size} files, ${totalLines} lines
- State before and after the run: not measured
</#if>

## 4. Schema statistics

<#if db?? && db.counts??>
| Object | Count |
|---|---:|
| Tables | ${db.counts.tables} |
| Enums | ${db.counts.enums} |
| Foreign keys | ${db.counts.foreignKeys} |
| Indexes | ${db.counts.indexes} |
| Unique constraints | ${db.counts.uniqueConstraints} |
| Views | ${db.counts.views} |
| Sequences | ${db.counts.sequences} |
| Functions | ${db.counts.functions} |

<#if db.extensions?has_content>
| Extension | Version |
|---|---|
<#list db.extensions as x>
| ${cell(x.name)} | ${cell(x.version)} |
</#list>
<#else>
Extensions: none installed.
</#if>
<#else>
Not measured: no database connection.
</#if>

## 5. Database state

### Vector columns

<#if !db??>
Not measured: no database connection.
<#elseif db.vectorColumns?has_content>
| Table | Column | Type | Dimensions | Rows | NULLs | NULL % |
|---|---|---|---:|---:|---:|---:|
<#list db.vectorColumns as c>
| ${cell(c.table)} | ${cell(c.column)} | ${cell(c.type)} | ${c.dimensions!"-"} | ${c.rows} | ${c.nulls} | ${text.share(c.nulls, c.rows)} |
</#list>
<#else>
None found.
</#if>

### Vector indexes

<#if !db??>
Not measured: no database connection.
<#elseif db.vectorIndexes?has_content>
| Name | Table | Column | Method | Opclass | Options | Size | Indexed rows | Valid |
|---|---|---|---|---|---|---:|---:|---|
<#list db.vectorIndexes as i>
| ${code(i.name)} | ${cell(i.table)} | ${cell(i.column)} | ${cell(i.method)} | ${cell(i.opclass)} | <#if i.lists??>lists=${i.lists}<#elseif i.m?? || i.efConstruction??>m=${i.m!"-"}, ef_construction=${i.efConstruction!"-"}<#else>-</#if> | ${text.bytes(i.sizeBytes)} | ${i.indexedRows} | ${yn(i.valid)} |
</#list>
<#else>
None found.
</#if>

<#-- The jobs' sections, as registered in ReportSections (lead, then body); each renders only when its job ran. -->
<#list sections.lead as registered>
<#include registered.template() ignore_missing=true>
</#list>
<#list sections.body as registered>
<#include registered.template() ignore_missing=true>
</#list>
## 6. Risks

### High

<@findingList report.findings?filter(f -> f.severity.blocksRelease()) />

### Medium

<@findingList report.findings?filter(f -> f.severity.id() == "medium") />

### Low

<@findingList report.findings?filter(f -> f.severity.id() == "low") />
<#if count("info") gt 0>

### Info

<@findingList report.findings?filter(f -> f.severity.id() == "info") />
</#if>

## 7. Pre-deployment checklist

<#list report.checklist as c>
- [<#if c.status == "PASSED">x<#else> </#if>] **${c.id}** ${esc(c.title)}<#switch c.status><#case "FAILED"> (FAILED, ${c.findings?size} ${(c.findings?size == 1)?then("finding", "findings")}, see Risks)<#break><#case "ERROR"> (ERROR: the check crashed, so this item is unverified)<#break><#case "NOT_RUN"> (NOT RUN in this run)<#break></#switch><#if c.evidence?has_content>: ${esc(c.evidence)}</#if>
<#else>
No checks ran.
</#list>

## 8. Status summary

<#if components?has_content>
| Component | Status | Blocker |
|---|---|---|
<#list components as c>
| ${cell(c.component)} | ${cell(c.status)} | ${cell(c.blocker)} |
</#list>
<#else>
No checks ran.
</#if>

## 9. Verdict

**${report.verdict}**

Rule: ${esc(report.verdictRule)}

Confidence: ${text.percent(report.confidence)} (the share of checklist items verified automatically in this run: ${report.checklist?filter(c -> c.verified())?size} of ${report.checklist?size})

<#list sections.end as registered>
<#include registered.template() ignore_missing=true>
</#list>
## 10. Job steps

<#if report.steps?has_content>
| Job | Step | Status | Exit code | Duration |
|---|---|---|---|---:|
<#list report.steps as s>
| ${cell(s.job)} | ${cell(s.step)} | ${cell(s.status)} | ${cell(s.exitCode)} | ${text.duration(s.durationMs)} |
</#list>
<#else>
No job steps recorded.
</#if>

---

Report schema version ${report.schemaVersion}, generated by Preflight ${esc(report.preflightVersion)}.
