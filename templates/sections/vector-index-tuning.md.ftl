<#-- Section "Vector indexes" (retune job). Include from readiness.md.ftl; `report` is the ReadinessReport. -->
<#if report.vectorIndexTuning()??>
<#assign v = report.vectorIndexTuning()>
<#macro ms x><#if x??>${x?string["0.00"]}<#else>-</#if></#macro>
<#macro mb bytes>${(bytes / 1048576)?string["0.0"]} MB</#macro>
## Vector indexes

Recall@${v.k()} against exact search (index scans disabled), on held-out query vectors drawn from each table (each query's own row removed from both answers; a row counts as found when it is no farther than the exact k-th neighbour, so duplicate vectors are interchangeable), starting with ${v.queries()} and doubling until the 95% interval at the chosen setting is within ±0.02 (or the cap); a setting is chosen when its interval's lower bound meets the target recall ${v.targetRecall()?string["0.00"]}.<#if v.dryRun()> **Dry run: measured and recommended, nothing was changed.**</#if>

<#if v.indexes()?size == 0>
No IVFFlat or HNSW index was found.
<#else>
| index | table | method | decision | rows | build parameters | chosen setting | recall there (95% interval) | queries |
|---|---|---|---|---:|---|---|---:|---:|
<#list v.indexes() as t>
| `${t.name()}` | ${t.table()} | ${t.method()} | ${t.decision()} | ${t.before().rows()?c} | <#if t.hnswIndex()>see below<#else><#if t.before().lists()??>lists ${t.before().lists()?c}<#if t.after()??> → ${t.after().lists()?c}</#if><#else>-</#if> (recommended ${(t.before().recommendedLists()!0)?c})</#if> | <#if t.chosenSetting()??>${t.hnswIndex()?then("ef_search", "probes")} ${t.chosenSetting()?c}<#else>-</#if> | <#if t.recallAtChosen()??>${t.recallAtChosen()?string["0.000"]}<#if t.recallLow()??> (${t.recallLow()?string["0.000"]}-${t.recallHigh()?string["0.000"]})</#if><#else>-</#if> | <#if t.queries()??>${t.queries()?c}<#else>-</#if> |
</#list>

**Probes:** ${v.probesNote()}
<#if v.settingsNote()??>

**ef_search:** ${v.settingsNote()}
</#if>
<#list v.indexes() as t>

### `${t.name()}` (${t.table()}.${t.column()}, ${t.opclass()!"-"})

${t.decision()}: ${text.esc(t.reason())}
<#if t.error()??>

**Problem:** ${text.esc(t.error())}
</#if>
<#if t.before().ladder()?size gt 0>

<#assign setting = (t.method() == "hnsw")?then("ef_search", "probes")>
| | rows | <#if !t.hnswIndex()>lists | </#if>recall at ${setting} ${(t.chosenSetting()!0)?c} | p50 ms | p95 ms | exact p50 ms | build | size |
|---|---:|<#if !t.hnswIndex()>---:|</#if>---:|---:|---:|---:|---:|---:|
<#list [["before", t.before()], ["after", t.after()!""]] as row>
<#if row[1]?has_content>
<#assign m = row[1]>
<#assign at = (t.chosenSetting()??)?then(m.at(t.chosenSetting()!0)!"", "")>
| ${row[0]} | ${m.rows()?c} | <#if !t.hnswIndex()><#if m.lists()??>${m.lists()?c}<#else>-</#if> | </#if><#if at?has_content>${at.recall()?string["0.000"]}<#else>-</#if> | <#if at?has_content><@ms at.p50Millis()/><#else>-</#if> | <#if at?has_content><@ms at.p95Millis()/><#else>-</#if> | <@ms m.exactP50Millis()/> | <#if m.buildMillis()??>${(m.buildMillis() / 1000)?string["0.0"]} s<#else>-</#if> | <@mb m.sizeBytes()/> |
</#if>
</#list>

<#list [["before", t.before()], ["after", t.after()!""]] as row>
<#if row[1]?has_content && row[1].ladder()?size gt 0>
${row[0]?cap_first}, by ${setting}:

| ${setting} | recall@${v.k()} | 95% interval | queries | p50 ms | p95 ms |
|---:|---:|---:|---:|---:|---:|
<#list row[1].ladder() as p>
| ${p.value()?c} | ${p.recall()?string["0.000"]} | <#if p.recallLow()??>${p.recallLow()?string["0.000"]}-${p.recallHigh()?string["0.000"]}<#else>-</#if> | <#if p.queries()??>${p.queries()?c}<#else>-</#if> | <@ms p.p50Millis()/> | <@ms p.p95Millis()/> |
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
| ${p.value()?c} | ${p.recall()?string["0.000"]} | <@ms p.p50Millis()/> | <@ms p.p95Millis()/> |
</#list>

${h.verdict()}
</#if>
</#list>
</#if>
</#if>
