package courtside.system;

import courtside.stats.StatsServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real stats-service, started in this JVM beside aggregation-service on the same containers and configured
 * through the variables its image reads (DB_HOST, DB_PORT, …): its migrations create the schema and the read-only
 * role, lines are posted through it, and its SQL averages are the reference.
 */
final class RunningStatsService implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final RestTestClient client;

    private RunningStatsService(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** Starts stats-service with these environment variables, on a free port; returns once it is up and migrated. */
    static RunningStatsService start(Map<String, ?> environment) {
        Map<String, Object> properties = new LinkedHashMap<>(environment);
        properties.put("STATS_PORT", "0");
        properties.put("STATS_MANAGEMENT_PORT", "0");
        // The tests post without a key.
        properties.put("STATS_ANONYMOUS_WRITES", "true");
        properties.put("LOG_FORMAT", "");
        properties.put("courtside.outbox.poll-interval", "50ms");
        properties.put("courtside.outbox.max-backoff", "500ms");
        return new RunningStatsService(new SpringApplicationBuilder(StatsServiceApplication.class)
                .properties(OwnConfiguration.OWN_APPLICATION_YML_ONLY, OwnConfiguration.STATS_SERVICE_WITHOUT_REDIS)
                .initializers(context -> {
                    var sources = context.getEnvironment().getPropertySources();
                    sources.addFirst(new MapPropertySource("stats-service environment", properties));
                    OwnConfiguration.applicationYmlOf(StatsServiceApplication.class).forEach(sources::addLast);
                })
                .run());
    }

    /** A client of its HTTP API. */
    RestTestClient client() {
        return client;
    }

    /** POST /log of one line or a batch, which must be accepted. */
    void log(String json) {
        client.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange().expectStatus().isCreated();
    }

    @Override
    public void close() {
        context.close();
    }
}
