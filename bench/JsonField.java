import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints the value at a path of a JSON file, for the bench scripts: {@code java -cp CP
 * bench/JsonField.java FILE embeddings.targets[0].failed}. A missing path fails loudly (exit 3),
 * so a renamed report field can never be read as some other key's number.
 */
public class JsonField {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JsonField FILE PATH [PATH...]   (PATH like embeddings.targets[0].failed)");
            System.exit(2);
        }
        JsonNode root = JsonMapper.builder().build().readTree(Files.readString(Path.of(args[0])));
        StringBuilder out = new StringBuilder();
        for (int a = 1; a < args.length; a++) {
            JsonNode node = root;
            for (String part : args[a].split("\\.")) {
                String name = part.replaceAll("\\[\\d+]$", "");
                node = name.isEmpty() ? node : node.get(name);
                if (node != null && part.endsWith("]")) {
                    node = node.get(Integer.parseInt(part.substring(part.lastIndexOf('[') + 1, part.length() - 1)));
                }
                if (node == null || node.isNull() || node.isMissingNode()) {
                    System.err.println("JsonField: no value at '" + args[a] + "' (stopped at '" + part + "') in " + args[0]);
                    System.exit(3);
                }
            }
            out.append(a > 1 ? " " : "").append(node.isValueNode() ? node.asString() : node.toString());
        }
        System.out.println(out);
    }
}
