package courtside.aggregation.ingest;

import java.util.Locale;

/**
 * A stat-line record that can never be applied, however often it is retried: unreadable, against the rules of
 * {@code POST /log}, or failing the same way every time it is applied alone. The error handler sends it to the
 * dead-letter topic at once, with this message as the reason.
 */
final class PoisonEventException extends RuntimeException {

    /** What kind of poison, a tag of the {@code courtside.dead_letters} metric. */
    enum Kind {
        /** Not a stat-line event at all (no value, not JSON, not the event's shape). */
        UNREADABLE,
        /** An event against the rules of {@code POST /log}. */
        INVALID,
        /** Valid by the rules, yet a value does not fit what the ledgers store. */
        OUT_OF_RANGE,
        /** Applying it alone fails, not transiently. */
        FAILING;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    PoisonEventException(Kind kind, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }
}
