<#-- The vectorIndexTuning section was renamed to vector-index-tuning.md.ftl; this name is kept for project templates that include it. -->
<#include "vector-index-tuning.md.ftl">
