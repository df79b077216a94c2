<#-- Section "Seed status": included by readiness.md.ftl; `report` is the ReadinessReport. -->
## Seed status

<#if report.seed()??>
<#assign seed = report.seed()>
<#if seed.status() == "APPLIED">
Seed applied from ${seed.files()?size} file(s) in ${seed.durationMs()} ms: ${seed.inserted()} row(s) inserted, ${seed.updated()} updated, ${seed.unchanged()} unchanged.
<#elseif seed.status() == "DRY_RUN">
**Dry run**: nothing was written. A real run over these ${seed.files()?size} file(s) would insert ${seed.inserted()} row(s), update ${seed.updated()} and leave ${seed.unchanged()} unchanged (counts measured inside a transaction that was then rolled back).
<#elseif seed.status() == "NO_SEED_FILES">
No seed files in `jobs/seed/`: nothing to load.
<#else>
**Seed ${seed.status()?lower_case}**: nothing was written (the whole seed is one transaction).

<#list seed.errors() as error>
- ${error}
</#list>
<#if seed.remedy()??>

Remedy: ${seed.remedy()}
</#if>
</#if>
<#if seed.tables()?has_content>

| table | in seed | inserted | updated | unchanged | rows <#if seed.dryRun()>would be<#else>now</#if> |
|---|---:|---:|---:|---:|---:|
<#list seed.tables() as t>
| ${t.table()} | ${t.seeded()} | ${t.inserted()} | ${t.updated()} | ${t.unchanged()} | ${t.rowsAfter()} |
</#list>
</#if>
<#if seed.organizations()?has_content>

Per organization (counted in the database<#if seed.dryRun()>, before the rollback</#if>):

| organization | users | brands | agents | datasets | documents | chunks | conversations | messages | campaigns | metrics |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
<#list seed.organizations() as o>
| ${o.name()!o.id()} (`${o.id()}`) | ${o.users()} | ${o.brands()} | ${o.agents()} | ${o.datasets()} | ${o.documents()} | ${o.chunks()} | ${o.conversations()} | ${o.messages()} | ${o.campaigns()} | ${o.metrics()} |
</#list>
<#if seed.organizationTotals()??>
<#assign t = seed.organizationTotals()>
| **all ${t.organizations()} organizations** | ${t.users()} | ${t.brands()} | ${t.agents()} | ${t.datasets()} | ${t.documents()} | ${t.chunks()} | ${t.conversations()} | ${t.messages()} | ${t.campaigns()} | ${t.metrics()} |
</#if>
</#if>
<#else>
The seed job did not run in this run (`./preflight seed`, or `gate`, loads `jobs/seed/`).
</#if>
