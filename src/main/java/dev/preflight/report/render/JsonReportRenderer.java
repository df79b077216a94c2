package dev.preflight.report.render;
/** STUB (replaced by the real renderer). */
public class JsonReportRenderer { public String render(dev.preflight.report.ReadinessReport r) { return tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(r); } }
