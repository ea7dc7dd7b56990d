package courtside.stats.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ConnectionGateTests {

    private final DataSource pool = mock(DataSource.class);
    private final ConnectionGate gate = new ConnectionGate(pool, 2, Duration.ofMillis(200));

    @Test
    void noMoreThreadsAskThePoolThanItHasConnections() throws Exception {
        when(pool.getConnection()).thenAnswer(call -> mock(Connection.class));
        Connection first = gate.getConnection();
        gate.getConnection();

        CompletableFuture<Connection> third = CompletableFuture.supplyAsync(this::connect);

        assertThat(third).failsWithin(Duration.ofSeconds(2)).withThrowableThat()
                .havingRootCause().isInstanceOf(SQLTransientConnectionException.class).withMessageContaining("200 ms");

        first.close();
        assertThat(CompletableFuture.supplyAsync(this::connect).get(2, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aConnectionClosedTwiceGivesBackOnePermit() throws Exception {
        when(pool.getConnection()).thenAnswer(call -> mock(Connection.class));
        Connection connection = gate.getConnection();
        gate.getConnection();

        connection.close();
        connection.close();

        gate.getConnection();
        assertThatThrownBy(gate::getConnection).isInstanceOf(SQLTransientConnectionException.class);
    }

    @Test
    void closingReturnsTheConnectionToThePoolAndOtherCallsReachIt() throws Exception {
        Connection pooled = mock(Connection.class);
        when(pool.getConnection()).thenReturn(pooled);
        when(pooled.getAutoCommit()).thenReturn(false);

        Connection connection = gate.getConnection();

        assertThat(connection.getAutoCommit()).isFalse();
        connection.close();
        verify(pooled).close();
    }

    @Test
    void aPermitIsNotLostWhenThePoolFails() throws Exception {
        when(pool.getConnection()).thenThrow(new SQLTransientConnectionException("pool down"))
                .thenAnswer(call -> mock(Connection.class));

        assertThatThrownBy(gate::getConnection).hasMessage("pool down");

        gate.getConnection();
        gate.getConnection();
    }

    private Connection connect() {
        try {
            return gate.getConnection();
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }
}
