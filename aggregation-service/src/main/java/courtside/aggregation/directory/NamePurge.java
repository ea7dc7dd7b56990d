package courtside.aggregation.directory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Now and then forgets the names of players and teams without lines ({@link NameRetention#purgeNamesWithoutLines}), so
 * that the directory is bounded by the lines kept, as retention bounds those ({@code courtside.directory.purge-every});
 * and at startup indexes the names of a cache written without the {@link SearchIndex}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NamePurge {

    private static final Logger log = LoggerFactory.getLogger(NamePurge.class);

    private final NameRetention retention;
    private final SearchIndex index;

    NamePurge(NameRetention retention, SearchIndex index) {
        this.retention = retention;
        this.index = index;
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexNamesOfAnOlderCache() {
        try {
            int indexed = index.indexNamesIfMissing();
            if (indexed > 0) {
                log.info("Indexed the words of {} names kept without a search index", indexed);
            }
        } catch (RuntimeException e) {
            log.warn("Search index not checked: {}", e.getMessage());
        }
    }

    @Scheduled(initialDelayString = "${courtside.directory.purge-every:10m}", fixedDelayString = "${courtside.directory.purge-every:10m}")
    void purge() {
        try {
            int forgotten = retention.purgeNamesWithoutLines();
            if (forgotten > 0) {
                log.info("Forgot the names of {} players and teams that have no line left", forgotten);
            }
        } catch (RuntimeException e) {
            // Redis or PostgreSQL down: the next run tries again; names without lines harm nothing meanwhile.
            log.warn("Name purge skipped: {}", e.getMessage());
        }
    }
}
