<#-- Section "Seed status", included by readiness.md.ftl; renders only when the seed job ran.
     Sees report (record components as properties) and text (ReportText helpers). -->
<#if report.seed??>
<#assign seed = report.seed>
## Seed status

<#if seed.status == "APPLIED">
Seed applied from ${seed.files?size} file(s) in ${seed.durationMs} ms: ${seed.inserted} row(s) inserted, ${seed.updated} updated, ${seed.unchanged} unchanged.
<#elseif seed.status == "DRY_RUN">
**Dry run**: nothing was written. A real run over these ${seed.files?size} file(s) would insert ${seed.inserted} row(s), update ${seed.updated} and leave ${seed.unchanged} unchanged (counts measured inside a transaction that was then rolled back).
<#elseif seed.status == "NO_SEED_FILES">
No seed files in `jobs/seed/`: nothing to load.
<#else>
**Seed ${seed.status?lower_case}**: nothing was written (the whole seed is one transaction).

<#list seed.errors as error>
- ${text.esc(error)}
</#list>
<#if seed.remedy??>

Remedy: ${text.esc(seed.remedy)}
</#if>
</#if>
<#if seed.tables?has_content>

| Table | In seed | Inserted | Updated | Unchanged | Rows <#if seed.dryRun>would be<#else>now</#if> |
|---|---:|---:|---:|---:|---:|
<#list seed.tables as t>
| ${text.esc(t.table)} | ${t.seeded} | ${t.inserted} | ${t.updated} | ${t.unchanged} | ${t.rowsAfter} |
</#list>
<#list seed.tables as t><#list t.sequences as s>
<#if !advancedShown??><#assign advancedShown = true>

Sequences moved past the seeded ids (the next row the application inserts gets the value shown):

</#if>
- ${text.code(s.sequence)} (${text.esc(t.table)}.${text.esc(s.column)}): next value ${s.next}
</#list></#list>
</#if>
<#if seed.organizations?has_content>

Per organization (counted in the database<#if seed.dryRun>, before the rollback</#if>):

| Organization | Users | Brands | Agents | Datasets | Documents | Chunks | Conversations | Messages | Campaigns | Metrics |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
<#list seed.organizations as o>
| ${text.esc(o.name!o.id)} (${text.code(o.id)}) | ${o.users} | ${o.brands} | ${o.agents} | ${o.datasets} | ${o.documents} | ${o.chunks} | ${o.conversations} | ${o.messages} | ${o.campaigns} | ${o.metrics} |
</#list>
<#if seed.organizationTotals??>
<#assign all = seed.organizationTotals>
| **all ${all.organizations} organizations** | ${all.users} | ${all.brands} | ${all.agents} | ${all.datasets} | ${all.documents} | ${all.chunks} | ${all.conversations} | ${all.messages} | ${all.campaigns} | ${all.metrics} |
</#if>
</#if>

</#if>
