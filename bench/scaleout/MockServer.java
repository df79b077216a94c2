import dev.preflight.testing.MockOpenAiServer;

/** Starts the test suite's mock OpenAI server with a fixed delay per request; prints its URL and runs until killed. */
public class MockServer {
    public static void main(String[] args) throws Exception {
        MockOpenAiServer server = new MockOpenAiServer(Integer.parseInt(args[0])).delay(Long.parseLong(args[1]));
        System.out.println(server.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
