package courtside.aggregation.rebuild;

import courtside.aggregation.ledger.CacheLayout;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code POST /actuator/rebuild} (management port only) loads every ledger that is missing, as at startup, and
 * answers when done. When the cache is already filled by a full rebuild it does nothing, instead of reading every
 * ledger from PostgreSQL again: {@code POST /actuator/rebuild/force} checks every ledger all the same (a path rather
 * than a parameter, so that a plain {@code curl -X POST} needs no JSON body). A request while a rebuild runs
 * here or on another instance is refused with 409. To recompute everything, empty the cache first ({@code FLUSHDB},
 * atomic, so every ledger is either there whole or missing whole) and then call this. {@code GET} tells when the last
 * full rebuild finished.
 */
@Component
@Endpoint(id = "rebuild")
final class RebuildEndpoint {

    static final String SKIPPED = "skipped: the cache is filled; POST /actuator/rebuild/force checks every ledger again";

    private final CacheRebuild rebuild;
    private final CacheLayout layout;

    RebuildEndpoint(CacheRebuild rebuild, CacheLayout layout) {
        this.rebuild = rebuild;
        this.layout = layout;
    }

    @WriteOperation
    WebEndpointResponse<CacheRebuild.Report> rebuild() {
        if (layout.layoutCurrent()) {
            return new WebEndpointResponse<>(new CacheRebuild.Report(SKIPPED, 0, 0, 0, 0), WebEndpointResponse.STATUS_OK);
        }
        return rebuildAll();
    }

    @WriteOperation
    WebEndpointResponse<CacheRebuild.Report> rebuild(@Selector String force) {
        if (!"force".equals(force)) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        return rebuildAll();
    }

    private WebEndpointResponse<CacheRebuild.Report> rebuildAll() {
        CacheRebuild.Report report = rebuild.rebuildAll();
        return new WebEndpointResponse<>(report, report.alreadyRunning() ? 409 : WebEndpointResponse.STATUS_OK);
    }

    @ReadOperation
    Map<String, Object> lastRebuild() {
        return Map.of("last_completed", rebuild.lastCompleted().map(Object::toString).orElse("never in this instance"));
    }
}
