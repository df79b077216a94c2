package dev.preflight.report.render;
/** STUB (replaced by the real renderer). */
public class HtmlRenderer { public HtmlRenderer(java.nio.file.Path p) {} public String render(dev.preflight.report.ReadinessReport r, String md, java.util.Map<String,String> f) { return "<html>" + md + "</html>"; } }
