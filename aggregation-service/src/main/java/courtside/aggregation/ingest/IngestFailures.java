package courtside.aggregation.ingest;

import courtside.aggregation.cache.CacheUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/** Which failures of applying a batch pass by themselves (a backend down or slow) and are worth retrying. */
final class IngestFailures {

    private IngestFailures() {
    }

    /**
     * Redis or PostgreSQL unreachable, slow or refusing a connection: retried with backoff for as long as it takes.
     * Anything else (an arithmetic overflow, an illegal argument, a bug) would fail the same way again.
     */
    static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CacheUnavailableException || cause instanceof DataAccessException
                    || cause instanceof TransactionException || cause instanceof TimeoutException
                    || cause instanceof IOException || cause instanceof SQLException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The failure in a few words, for logs, metrics and the dead-letter headers. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof PoisonEventException)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof PoisonEventException) {
            return message;
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }
}
