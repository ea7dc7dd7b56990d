package courtside.aggregation.retention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Now and then forgets in Redis the seasons stats-service's retention dropped ({@link RetiredSeasonPurge}), so that
 * the ledgers are bounded by the seasons kept, as PostgreSQL is ({@code courtside.retention.purge-every}).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PurgeSchedule {

    private static final Logger log = LoggerFactory.getLogger(PurgeSchedule.class);

    private final RetiredSeasonPurge purge;

    PurgeSchedule(RetiredSeasonPurge purge) {
        this.purge = purge;
    }

    @Scheduled(initialDelayString = "${courtside.retention.purge-every:10m}", fixedDelayString = "${courtside.retention.purge-every:10m}")
    void purge() {
        try {
            RetiredSeasonPurge.Run run = purge.purge();
            switch (run.outcome()) {
                case NOTHING_RETIRED, AWAITING_RETENTION -> log.debug("Retired season purge: {}", run);
                case AWAITING_REMOVALS -> log.info("Seasons before {} forgotten in {} ledgers ({} tombstones); {} ledgers still "
                                + "count a line of them, whose removal has not arrived yet: tried again in the next run",
                        run.firstKept(), run.ledgersPurged(), run.tombstonesPurged(), run.ledgersStillCounting());
                case PURGED -> {
                    if (run.ledgersPurged() > 0 || run.leaderIndexesDeleted() > 0) {
                        log.atInfo().addKeyValue("first_kept", run.firstKept())
                                .addKeyValue("ledgers_purged", run.ledgersPurged())
                                .addKeyValue("tombstones_purged", run.tombstonesPurged())
                                .addKeyValue("leader_indexes_deleted", run.leaderIndexesDeleted())
                                .log("Seasons before {} forgotten in Redis: {} tombstones in {} ledgers, {} leader indexes, "
                                                + "the teams of {} games", run.firstKept(), run.tombstonesPurged(), run.ledgersPurged(),
                                        run.leaderIndexesDeleted(), run.gamesForgotten());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Redis or PostgreSQL down: the next run tries again; tombstones of dropped seasons harm nothing meanwhile.
            log.warn("Retired season purge skipped: {}", e.getMessage());
        }
    }
}
