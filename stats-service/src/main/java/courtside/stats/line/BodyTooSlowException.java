package courtside.stats.line;

import java.time.Duration;

/**
 * The body of {@code POST /log} did not arrive whole within {@link IngestSettings#bodyReadTimeout()}, or stopped
 * arriving for longer than Tomcat's connection timeout (408). Nothing was stored, and the request's ingest place is
 * free again.
 */
public final class BodyTooSlowException extends RuntimeException {

    private final Duration deadline;
    private final boolean stalled;

    BodyTooSlowException(Duration deadline, boolean stalled) {
        super(stalled ? "the request body stopped arriving" : "the request body did not arrive within " + deadline);
        this.deadline = deadline;
        this.stalled = stalled;
    }

    public Duration deadline() {
        return deadline;
    }

    /** The client paused longer than the connection timeout, before the deadline. */
    public boolean stalled() {
        return stalled;
    }
}
