package courtside.bench;

import courtside.model.CourtsideJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP to one courtside service, as its clients speak it: JSON bodies, the API key header on writes, short
 * timeouts. One instance is shared by every concurrent caller; the JDK client pools its connections.
 */
public final class ServiceClient implements AutoCloseable {

    private static final JsonMapper JSON = CourtsideJson.mapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final Optional<String> apiKey;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    public ServiceClient(URI base, Optional<String> apiKey) {
        this.base = base;
        this.apiKey = apiKey.filter(key -> !key.isBlank());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    }

    /** What a service answered. */
    public record Answer(int status, String body, Optional<String> cache) {

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public URI base() {
        return base;
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        apiKey.ifPresent(key -> request.header("X-API-Key", key));
        return send(request.build());
    }

    public Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build());
    }

    /** The JSON of a successful GET; anything else is an {@link IOException} naming the status. */
    public JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        Answer answer = get(pathAndQuery);
        if (!answer.isSuccess()) {
            throw new IOException("GET %s answered %d: %s".formatted(base.resolve(pathAndQuery), answer.status(),
                    answer.body()));
        }
        return answer.json();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("X-Cache"));
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
