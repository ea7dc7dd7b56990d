package courtside.embedded;

import java.util.List;

import org.slf4j.LoggerFactory;

/**
 * Turns the embedded servers' own INFO chatter down to WARN.
 *
 * <p>One in-process KRaft broker start logs about two thousand INFO lines (six full "KafkaConfig values"
 * dumps alone, which Kafka prints while it re-creates its config internally), and zonky echoes initdb and
 * the postmaster line by line. That would bury a test's or a local run's output, on every restart too.
 *
 * <p>What is touched: the broker-side packages, zonky, and three {@code org.apache.kafka.common} loggers
 * that at INFO only print config dumps, version banners and metrics-reporter notices. The last three are
 * shared with the services' own producers and consumers, so their config dumps go quiet as well when a
 * service runs on the embedded stack (never in production, where this class does not run). Warnings and
 * errors always show. A level is only set where neither the logger nor any of its parents has one, so a
 * {@code logback-test.xml} or {@code logging.level.org.apache.kafka=INFO} always wins. Nothing happens
 * unless logback is the SLF4J backend, which is the case for every Spring Boot service here.
 */
final class QuietServerLogging {

    private static final List<String> CHATTY_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.network",
            "org.apache.kafka.security",
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.common.utils.AppInfoParser",
            "org.apache.kafka.common.metrics.Metrics",
            "io.zonky.test.db.postgres");

    private QuietServerLogging() {
    }

    static void apply() {
        if (!"ch.qos.logback.classic.LoggerContext".equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            return;
        }
        // Nested so that logback classes are only loaded once we know they are there.
        Logback.warnWhereUnset(CHATTY_LOGGERS);
    }

    private static final class Logback {

        static void warnWhereUnset(List<String> names) {
            var context = (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            for (String name : names) {
                if (!levelSetOnItselfOrAParent(context, name)) {
                    context.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
        }

        /** The root logger does not count: it is the default everybody has, not a choice about Kafka. */
        private static boolean levelSetOnItselfOrAParent(ch.qos.logback.classic.LoggerContext context, String name) {
            for (String current = name; !current.isEmpty(); current = parentOf(current)) {
                ch.qos.logback.classic.Logger logger = context.exists(current);
                if (logger != null && logger.getLevel() != null) {
                    return true;
                }
            }
            return false;
        }

        private static String parentOf(String name) {
            int dot = name.lastIndexOf('.');
            return dot < 0 ? "" : name.substring(0, dot);
        }
    }
}
