package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.ReadinessReport;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitXmlRendererTests {

    static void validate(String xml) throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(JunitXmlRendererTests.class.getResource("/junit/junit.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
    }

    @Test
    void validatesAgainstTheJunitSchemaAndCountsMatchTheReport() throws Exception {
        // given
        ReadinessReport report = ReportFixtures.notReady();

        // when
        String xml = new JunitXmlRenderer().render(report);

        // then
        validate(xml);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        long failedChecks = report.checklist().stream().filter(c -> c.status() == CheckOutcome.Status.FAILED).count();
        long erroredChecks = report.checklist().stream().filter(c -> c.status() == CheckOutcome.Status.ERROR).count();
        assertThat(Integer.parseInt(root.getAttribute("tests"))).isEqualTo(report.checklist().size() + report.steps().size());
        assertThat(Long.parseLong(root.getAttribute("failures"))).isEqualTo(failedChecks);
        assertThat(Long.parseLong(root.getAttribute("errors"))).isEqualTo(erroredChecks);
        NodeList cases = doc.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(report.checklist().size() + report.steps().size());
        assertThat(doc.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        assertThat(xml).contains("name=\"MIG003 No migrations are pending\"").contains("classname=\"preflight.checks.mig\"");
        assertThat(xml).contains("Remedy: run `preflight migrate` against this database");
    }

    @Test
    void aReportThatNeverConnectedIsStillValid() throws Exception {
        validate(new JunitXmlRenderer().render(ReportFixtures.notConnected()));
    }
}
