package dev.preflight.seed;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a YAML value node into the text PostgreSQL receives: a scalar as written (PostgreSQL, not
 * YAML, decides what {@code 08} or {@code yes} means for the column's type), a map or list as JSON.
 */
final class YamlValues {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlValues() {
    }

    static String text(Node node) {
        if (node instanceof ScalarNode s) {
            return Tag.NULL.equals(s.getTag()) ? null : s.getValue();
        }
        return JSON.writeValueAsString(json(node));
    }

    private static JsonNode json(Node node) {
        if (node instanceof MappingNode m) {
            ObjectNode o = NODES.objectNode();
            for (NodeTuple t : m.getValue()) {
                o.set(t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode()), json(t.getValueNode()));
            }
            return o;
        }
        if (node instanceof SequenceNode s) {
            ArrayNode a = NODES.arrayNode();
            s.getValue().forEach(v -> a.add(json(v)));
            return a;
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (Tag.NULL.equals(tag)) {
            return NODES.nullNode();
        }
        if (Tag.BOOL.equals(tag)) {
            return NODES.booleanNode(Boolean.parseBoolean(s.getValue()) || s.getValue().matches("(?i)yes|on|y"));
        }
        if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
            try {
                return NODES.numberNode(new java.math.BigDecimal(s.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                return NODES.stringNode(s.getValue());
            }
        }
        return NODES.stringNode(s.getValue());
    }
}
