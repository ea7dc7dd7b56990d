package courtside.stats;

import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A client of the service's management port (health, metrics, OpenAPI, operations), which is not the port its
 * clients use: tests ask for it here. Import it into a test context, or build one from {@link #of(int)}.
 */
public final class ManagementClient {

    private final Environment environment;

    public ManagementClient(Environment environment) {
        this.environment = environment;
    }

    /**
     * Read anew on each call: the test framework pauses a cached context it is not using (its servers stop) and
     * starts it again when a test needs it, and a server on port 0 then comes back on another port.
     */
    public RestTestClient http() {
        return of(environment.getRequiredProperty("local.management.port", Integer.class));
    }

    public static RestTestClient of(int port) {
        return RestTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }
}
