import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider that costs latency, not this machine's CPU: an OpenAI embeddings endpoint that answers
 * each request after a fixed delay with a body prepared once per input count (the same vector for
 * every input, full length, so the client parses as much as from the real service). The test suite's
 * mock computes a vector per input; on a 2-core machine that work would compete with the workers it
 * serves, which a remote provider's does not. Prints its base URL, then serves until killed.
 * Usage: java -cp CP MockServer.java DIMENSIONS DELAY_MS
 */
public class MockServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int dims = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        StringBuilder vector = new StringBuilder("[");
        for (int d = 0; d < dims; d++) {
            vector.append(d == 0 ? "" : ",").append((float) Math.sin(d + 1) / 20f);
        }
        String embedding = vector.append(']').toString();
        Map<Integer, byte[]> bodies = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", ex -> {
            try (ex) {
                JsonNode input = JSON.readTree(ex.getRequestBody().readAllBytes()).get("input");
                int n = input == null ? 0 : input.size();
                Thread.sleep(delay);
                send(ex, bodies.computeIfAbsent(n, k -> body(k, embedding)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
        System.out.flush();
        Thread.currentThread().join();
    }

    private static byte[] body(int n, String embedding) {
        StringBuilder sb = new StringBuilder("{\"object\":\"list\",\"model\":\"mock-embed\",\"data\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":")
                    .append(embedding).append('}');
        }
        return sb.append("],\"usage\":{\"prompt_tokens\":").append(20 * n).append(",\"total_tokens\":").append(20 * n).append("}}")
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }
}
