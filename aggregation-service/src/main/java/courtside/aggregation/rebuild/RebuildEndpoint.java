package courtside.aggregation.rebuild;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code POST /actuator/rebuild} loads every ledger that is missing, as at startup, and answers when done.
 * To recompute everything, empty the cache first ({@code FLUSHDB}, atomic, so every ledger is either there
 * whole or missing whole) and then call this. {@code GET} tells when the last full rebuild finished.
 */
@Component
@Endpoint(id = "rebuild")
final class RebuildEndpoint {

    private final CacheRebuild rebuild;

    RebuildEndpoint(CacheRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @WriteOperation
    CacheRebuild.Report rebuild() {
        return rebuild.rebuildAll();
    }

    @ReadOperation
    Map<String, Object> lastRebuild() {
        return Map.of("last_completed", rebuild.lastCompleted().map(Object::toString).orElse("never in this instance"));
    }
}
