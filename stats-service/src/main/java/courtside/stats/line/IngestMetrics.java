package courtside.stats.line;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Counts posted lines by what happened to them: {@code courtside.lines.accepted} and {@code courtside.lines.rejected}. */
@Component
public final class IngestMetrics {

    private final MeterRegistry meters;

    IngestMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** @param outcome created, corrected, unchanged or removed */
    public void accepted(String outcome, int lines) {
        Counter.builder("courtside.lines.accepted").description("Lines stored, by outcome")
                .tag("outcome", outcome).register(meters).increment(lines);
    }

    /** @param reason invalid, conflict, dropped_season, too_large, unauthorized, malformed or unavailable */
    public void rejected(String reason, int lines) {
        Counter.builder("courtside.lines.rejected").description("Lines refused, by reason")
                .tag("reason", reason).register(meters).increment(lines);
    }
}
