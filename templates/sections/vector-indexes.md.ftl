<#-- Section "Vector indexes" (retune job). Include from readiness.md.ftl; `report` is the ReadinessReport. -->
<#if report.vectorIndexTuning()??>
<#assign v = report.vectorIndexTuning()>
<#macro ms x><#if x??>${x?string["0.00"]}<#else>-</#if></#macro>
<#macro mb bytes>${(bytes / 1048576)?string["0.0"]} MB</#macro>
## Vector indexes

Recall@${v.k()} against exact search (index scans disabled), on ${v.queries()} query vectors drawn from each table; target recall ${v.targetRecall()?string["0.00"]}.<#if v.dryRun()> **Dry run: measured and recommended, nothing was changed.**</#if>

<#if v.indexes()?size == 0>
No IVFFlat or HNSW index was found.
<#else>
| index | table | method | decision | rows | lists | recommended lists | chosen probes | recall there |
|---|---|---|---|---:|---|---:|---:|---:|
<#list v.indexes() as t>
| `${t.name()}` | ${t.table()} | ${t.method()} | ${t.decision()} | ${t.before().rows()?c} | <#if t.before().lists()??>${t.before().lists()?c}<#if t.after()??> → ${t.after().lists()?c}</#if><#else>-</#if> | <#if t.method() == "ivfflat">${t.before().recommendedLists()?c}<#else>-</#if> | <#if t.chosenProbes()??>${t.chosenProbes()?c}<#else>-</#if> | <#if t.recallAtChosen()??>${t.recallAtChosen()?string["0.000"]}<#else>-</#if> |
</#list>

**Probes:** ${v.probesNote()}
<#list v.indexes() as t>

### `${t.name()}` (${t.table()}.${t.column()}, ${t.opclass()!"-"})

${t.decision()}: ${text.esc(t.reason())}
<#if t.error()??>

**Problem:** ${text.esc(t.error())}
</#if>
<#if t.before().ladder()?size gt 0>

| | rows | lists | recall at probes ${(t.chosenProbes()!0)?c} | p50 ms | p95 ms | exact p50 ms | build | size |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
<#list [["before", t.before()], ["after", t.after()!""]] as row>
<#if row[1]?has_content>
<#assign m = row[1]>
<#assign at = (t.chosenProbes()??)?then(m.at(t.chosenProbes()!0)!"", "")>
| ${row[0]} | ${m.rows()?c} | <#if m.lists()??>${m.lists()?c}<#else>-</#if> | <#if at?has_content>${at.recall()?string["0.000"]}<#else>-</#if> | <#if at?has_content><@ms at.p50Millis()/><#else>-</#if> | <#if at?has_content><@ms at.p95Millis()/><#else>-</#if> | <@ms m.exactP50Millis()/> | <#if m.buildMillis()??>${(m.buildMillis() / 1000)?string["0.0"]} s<#else>-</#if> | <@mb m.sizeBytes()/> |
</#if>
</#list>

<#assign setting = (t.method() == "hnsw")?then("ef_search", "probes")>
<#list [["before", t.before()], ["after", t.after()!""]] as row>
<#if row[1]?has_content && row[1].ladder()?size gt 0>
${row[0]?cap_first}, by ${setting}:

| ${setting} | recall@${v.k()} | p50 ms | p95 ms |
|---:|---:|---:|---:|
<#list row[1].ladder() as p>
| ${p.probes()?c} | ${p.recall()?string["0.000"]} | <@ms p.p50Millis()/> | <@ms p.p95Millis()/> |
</#list>

</#if>
</#list>
</#if>
<#if t.hnsw()??>
<#assign h = t.hnsw()>
HNSW comparison (m=${h.m()}, ef_construction=${h.efConstruction()}, on a copy of the same vectors): built in ${(h.buildMillis() / 1000)?string["0.0"]} s, <@mb h.sizeBytes()/>.

| ef_search | recall@${v.k()} | p50 ms | p95 ms |
|---:|---:|---:|---:|
<#list h.efSearchLadder() as p>
| ${p.probes()?c} | ${p.recall()?string["0.000"]} | <@ms p.p50Millis()/> | <@ms p.p95Millis()/> |
</#list>

${h.verdict()}
</#if>
</#list>
</#if>
</#if>
