package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.stats.StatsServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real stats-service, started once per test JVM beside aggregation-service, on the same embedded stack:
 * lines are posted through it, its migrations create the schema and the read-only role aggregation-service
 * reads through, and its SQL averages are the reference every cached average is held to.
 */
public final class RunningStatsService {

    private static RunningStatsService shared;

    private final ConfigurableApplicationContext context;
    private final RestTestClient client;

    private RunningStatsService(ConfigurableApplicationContext context) {
        this.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    public static synchronized RunningStatsService shared() {
        if (shared == null) {
            Map<String, Object> properties = new LinkedHashMap<>(EmbeddedStack.shared().environment());
            properties.put("STATS_PORT", "0");
            properties.put("STATS_MANAGEMENT_PORT", "0");
            // The tests post without a key.
            properties.put("STATS_ANONYMOUS_WRITES", "true");
            properties.put("LOG_FORMAT", "");
            properties.put("courtside.outbox.poll-interval", "50ms");
            properties.put("courtside.outbox.max-backoff", "500ms");
            // Lines are posted from loopback, as fast as the tests go: unlimited, as in the bench.
            properties.put("courtside.rate-limit.unlimited-clients", "127.0.0.1,0:0:0:0:0:0:0:1");
            // Both services have an application.yml at the root of their classpath, and aggregation-service's
            // comes first here: stats-service's own is read from its jar (or classes folder) and nothing else.
            shared = new RunningStatsService(new SpringApplicationBuilder(StatsServiceApplication.class)
                    .properties("spring.config.name=none-but-stats-service-own")
                    .initializers(context -> {
                        var sources = context.getEnvironment().getPropertySources();
                        sources.addFirst(new MapPropertySource("stats-service-test", properties));
                        statsServiceConfig().forEach(sources::addLast);
                    })
                    .run());
            Runtime.getRuntime().addShutdownHook(new Thread(shared.context::close, "stats-service-shutdown"));
        }
        return shared;
    }

    /** POST /log, GET its averages: a client of the running stats-service. */
    public RestTestClient client() {
        return client;
    }

    /** The database as its owner sees it (the outbox included), for checks the read-only role cannot make. */
    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    /** One of stats-service's own components, for a test that drives what it does on a schedule (retention). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    private static List<PropertySource<?>> statsServiceConfig() {
        try {
            String base = StatsServiceApplication.class.getProtectionDomain().getCodeSource().getLocation().toString();
            URL config = URI.create(base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + "application.yml").toURL();
            return new YamlPropertySourceLoader().load("stats-service application.yml", new UrlResource(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
