package courtside.stats;

import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A client of the service's management port (health, metrics, OpenAPI, operations), which is not the port its
 * clients use: tests ask for it here. Import it into a test context, or build one from {@link #of(int)}.
 */
public final class ManagementClient {

    private final Environment environment;
    private volatile RestTestClient http;

    public ManagementClient(Environment environment) {
        this.environment = environment;
    }

    /** The management port is known once the server started, after this bean was made. */
    public RestTestClient http() {
        if (http == null) {
            http = of(environment.getRequiredProperty("local.management.port", Integer.class));
        }
        return http;
    }

    public static RestTestClient of(int port) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
