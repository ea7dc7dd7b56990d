package courtside.aggregation.ingest;

import courtside.aggregation.cache.CacheUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionTimedOutException;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which failures of applying a batch pass by themselves, or once an operator acts (a backend down, slow or full), and
 * are worth retrying; and which would fail the same way however often the record is retried, so that it goes to the
 * dead-letter topic instead of stalling its partition for good (issue 15 item 3).
 */
final class IngestFailures {

    /**
     * Error replies of a Redis that cannot take the command now, whatever the command: full ({@code OOM}), loading its
     * data, busy with a script, a replica or a cluster in failover, unable to persist, a script cache emptied by a
     * restart, or refusing this service's user (a password or ACL an operator changed). Every other reply
     * ({@code WRONGTYPE}, {@code ERR}, a script's own error) is about the command, so about the record: it comes back
     * every time.
     */
    private static final Set<String> UNAVAILABLE_REPLIES = Set.of("OOM", "LOADING", "BUSY", "READONLY", "MASTERDOWN",
            "CLUSTERDOWN", "TRYAGAIN", "NOREPLICAS", "MISCONF", "NOSCRIPT", "NOAUTH", "WRONGPASS", "NOPERM");
    /**
     * The code of a reply, at its start or, for a command a Lua script ran, after the script's position
     * ({@code ERR Error running script (call to f_…): @user_script:12: -OOM command not allowed …}).
     */
    private static final Pattern REPLY_CODE = Pattern.compile("(?:^|: -?)([A-Z]+)\\b");
    /**
     * PostgreSQL's SQLSTATE classes of a server that cannot serve now: 08 connection, 40 a transaction rolled back
     * (serialization, deadlock), 53 out of resources, 57 shut down or a statement cancelled (its timeout), 58 I/O.
     */
    private static final Set<String> UNAVAILABLE_SQL_STATES = Set.of("08", "40", "53", "57", "58");

    private IngestFailures() {
    }

    /**
     * Retried with backoff for as long as it takes: a backend unreachable, too slow, refusing connections, failing
     * over or full. Anything else, a Redis error reply about the command ({@code WRONGTYPE}, a Lua script's error), SQL
     * PostgreSQL refuses, an overflow, a bug, fails the same way again: the record goes to the dead-letter topic.
     *
     * <p>A Redis error reply anywhere in the chain decides, since the cache layer reports every Redis failure as
     * {@link CacheUnavailableException}, replies included.
     */
    static boolean transientFailure(Throwable failure) {
        boolean unavailable = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PoisonEventException) {
                return false;
            }
            if (cause instanceof RedisCommandExecutionException reply) {
                return unavailableReply(reply.getMessage());
            }
            unavailable |= unavailable(cause);
        }
        return unavailable;
    }

    private static boolean unavailable(Throwable cause) {
        return cause instanceof CacheUnavailableException
                || cause instanceof TransientDataAccessException        // incl. QueryTimeoutException, lock failures
                || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException  // incl. Redis and JDBC connection failures
                || cause instanceof CannotCreateTransactionException || cause instanceof TransactionTimedOutException
                || cause instanceof TimeoutException || cause instanceof IOException
                // Lettuce's own, not a reply: not connected, connection closed, command timed out
                || (cause instanceof RedisException && !(cause instanceof RedisCommandExecutionException))
                || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof SQLNonTransientConnectionException
                || (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2
                    && UNAVAILABLE_SQL_STATES.contains(sql.getSQLState().substring(0, 2)));
    }

    private static boolean unavailableReply(String reply) {
        if (reply == null) {
            return false;
        }
        Matcher code = REPLY_CODE.matcher(reply);
        while (code.find()) {
            if (UNAVAILABLE_REPLIES.contains(code.group(1))) {
                return true;
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
