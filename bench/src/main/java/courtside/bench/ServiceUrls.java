package courtside.bench;

import picocli.CommandLine.Option;

import java.net.URI;

/** Where both services answer, for the commands that read from both. */
public final class ServiceUrls {

    @Option(names = "--stats-url", defaultValue = "http://localhost:8080", description = "stats-service (default: ${DEFAULT-VALUE}).")
    private URI stats;

    @Option(names = "--aggregation-url", defaultValue = "http://localhost:8081", description = "aggregation-service (default: ${DEFAULT-VALUE}).")
    private URI aggregation;

    public URI stats() {
        return stats;
    }

    public URI aggregation() {
        return aggregation;
    }
}
