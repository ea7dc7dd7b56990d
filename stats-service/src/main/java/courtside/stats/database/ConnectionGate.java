package courtside.stats.database;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

/**
 * Lets at most as many threads ask the pool for a connection as it has connections; the others wait here,
 * parked, in arrival order, up to the pool's own connection timeout.
 *
 * <p>Why this exists: requests run on virtual threads, and HikariCP 7.0.2 hands a returned connection to its
 * waiters with a {@code Thread.yield()} spin ({@code ConcurrentBag.requite}, brettwooldridge/HikariCP#2398).
 * With 200 clients posting single lines, hundreds of waiting virtual threads spun on the two carrier threads of
 * a 2-core machine, starved the threads that would have returned connections, and requests timed out (503)
 * while the pool reported idle connections ({@code total=16, active=4, idle=12}). Waiting on a semaphore parks
 * them instead, so Hikari never has more waiters than connections to hand out.
 */
final class ConnectionGate extends DelegatingDataSource {

    private final Semaphore permits;
    private final Duration timeout;

    ConnectionGate(DataSource pool, int connections, Duration timeout) {
        super(pool);
        this.permits = new Semaphore(connections, true);
        this.timeout = timeout;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return gated(super::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return gated(() -> super.getConnection(username, password));
    }

    /** How the pool is asked for a connection. */
    @FunctionalInterface
    private interface PoolRequest {
        Connection connect() throws SQLException;
    }

    /** A connection from the pool once a permit is free; the permit goes back if the pool fails. */
    private Connection gated(PoolRequest request) throws SQLException {
        acquire();
        try {
            return releasingOnClose(request.connect());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void acquire() throws SQLException {
        try {
            if (!permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new SQLTransientConnectionException(
                        "No database connection within %d ms: every connection is in use".formatted(timeout.toMillis()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
        }
    }

    /** The pool's connection, which gives its permit back on the first {@code close()}. */
    private Connection releasingOnClose(Connection connection) {
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            if (released.compareAndSet(false, true)) {
                                permits.release();
                            }
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
