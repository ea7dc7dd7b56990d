package courtside.aggregation.directory;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.cache.RedisPipelines;
import courtside.aggregation.source.StoredNames;
import courtside.embedded.EmbeddedStack;
import courtside.embedded.PostgresNode;
import courtside.embedded.RedisNode;
import courtside.model.BoxScore;
import courtside.model.SeasonType;
import courtside.model.StatLineChanged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The directory remembers which names it wrote to Redis, so that a batch does not write them again; two consumer
 * threads that write the same name at once must not leave that memory saying something Redis does not hold. A team
 * renamed mid-season is the case: lines under both abbreviations arrive on several partitions, so on several
 * threads, and the name the directory ends with must be written by the next line that carries it.
 *
 * <p>The real directory against the JVM's shared Redis; the test only holds one thread between its write to Redis
 * and what follows it, through the Redis template the directory is given.
 */
class DirectoryRenameRaceTests {

    /** A team and players no real line has, so that nothing else in the shared Redis is touched. */
    private static final long TEAM = 990_001L;
    private static final long NETS_GUARD = 990_011L;
    private static final long NETS_CENTER = 990_012L;
    private static final long NETS_FORWARD = 990_013L;
    private static final String GAME = "0099000001";
    private static final String NAMES = Ledger.PREFIX + "names";

    private LettuceConnectionFactory connections;
    private HeldTemplate redis;
    private Directory directory;

    @BeforeEach
    void directoryOnRealRedis() {
        RedisNode node = EmbeddedStack.shared().redis();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration(node.host(), node.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new HeldTemplate(connections);
        PostgresNode postgres = EmbeddedStack.shared().postgres();
        directory = new Directory(new RedisPipelines(redis),
                new StoredNames(new JdbcTemplate(new DriverManagerDataSource(postgres.jdbcUrl(), postgres.user(), postgres.password()))),
                new DirectoryMemory());
    }

    @AfterEach
    void forgetTheTestTeam() {
        List<String> fields = List.of("team:" + TEAM, "player:" + NETS_GUARD, "player:" + NETS_CENTER, "player:" + NETS_FORWARD,
                "player-team:" + NETS_GUARD, "player-team:" + NETS_CENTER, "player-team:" + NETS_FORWARD);
        redis.opsForHash().delete(NAMES, fields.toArray());
        redis.delete(Ledger.PREFIX + "game:" + GAME + ":teams");
        Set<String> words = redis.opsForZSet().rangeByLex(Ledger.PREFIX + "name-words",
                org.springframework.data.domain.Range.unbounded());
        Object[] ours = words == null ? new Object[0] : words.stream()
                .filter(word -> fields.stream().anyMatch(field -> word.endsWith("\0" + field))).toArray();
        if (ours.length > 0) {
            redis.opsForZSet().remove(Ledger.PREFIX + "name-words", ours);
        }
        connections.destroy();
    }

    @Test
    void aRenameIsWrittenByTheNextLineThatCarriesItWhateverOrderTwoThreadsWroteTheNamesIn() throws Exception {
        // A line of the renamed team (BKN) is written to Redis first, and its thread is held right after.
        CompletableFuture<Void> renamed = redis.onThreadOfItsOwn(() -> directory.record(List.of(line(NETS_GUARD, "BKN"))), true);
        // Meanwhile a correction of a line from before the rename (NJN) is written on another thread: the last
        // write Redis saw is NJN. It may finish, or wait for the held thread: whichever this directory does.
        CompletableFuture<Void> corrected = redis.onThreadOfItsOwn(() -> directory.record(List.of(line(NETS_CENTER, "NJN"))), false);
        await().atMost(Duration.ofSeconds(10)).until(() -> corrected.isDone() || redis.waitingBeforeRedis());
        redis.release();
        renamed.get(10, TimeUnit.SECONDS);
        corrected.get(10, TimeUnit.SECONDS);

        // The team plays on as BKN: its next line must leave BKN in Redis.
        directory.record(List.of(line(NETS_FORWARD, "BKN")));

        assertThat(redis.opsForHash().get(NAMES, "team:" + TEAM)).as("the team's abbreviation in Redis").isEqualTo("BKN");
        assertThat(directory.teamAbbreviations(List.of(TEAM))).containsEntry(TEAM, "BKN");
    }

    private static StatLineChanged line(long player, String team) {
        return new StatLineChanged(UUID.randomUUID(), StatLineChanged.Change.RECORDED, 1, Instant.now(), GAME,
                LocalDate.of(2012, 11, 1), "2012-13", SeasonType.REGULAR, player, "Nets Player " + player, TEAM, team,
                new BoxScore(10, 5, 3, 1, 0, 2, 2, new BigDecimal("30.0"), 0, 4, 9, 1, 3, 1, 2, 1, 4, 3));
    }

    /**
     * A Redis template that can hold one thread right after its pipeline ran in Redis (before the directory goes on
     * with what it wrote), and tells which threads have got as far as sending a pipeline.
     */
    private static final class HeldTemplate extends StringRedisTemplate {

        private final CountDownLatch written = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Set<Thread> sent = ConcurrentHashMap.newKeySet();
        private final Set<Thread> running = ConcurrentHashMap.newKeySet();
        private volatile Thread held;

        HeldTemplate(LettuceConnectionFactory connections) {
            super(connections);
            afterPropertiesSet();
        }

        /**
         * Runs the work on a thread of its own; a held one is held after its first pipeline has run in Redis, and
         * this returns once it has.
         */
        CompletableFuture<Void> onThreadOfItsOwn(Runnable work, boolean hold) throws InterruptedException {
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread thread = Thread.ofPlatform().name(hold ? "held-writer" : "writer").unstarted(() -> {
                try {
                    work.run();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            if (hold) {
                held = thread;
            }
            running.add(thread);
            thread.start();
            if (hold) {
                assertThat(written.await(10, TimeUnit.SECONDS)).as("the held thread wrote to Redis").isTrue();
            }
            return done;
        }

        void release() {
            released.countDown();
        }

        /** A thread that has not sent anything to Redis yet waits: for a lock, say. */
        boolean waitingBeforeRedis() {
            return running.stream().anyMatch(thread -> thread != held && !sent.contains(thread)
                    && (thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.BLOCKED));
        }

        @Override
        public List<Object> executePipelined(RedisCallback<?> action, RedisSerializer<?> resultSerializer) {
            sent.add(Thread.currentThread());
            List<Object> replies = super.executePipelined(action, resultSerializer);
            if (Thread.currentThread() == held) {
                written.countDown();
                try {
                    assertThat(released.await(30, TimeUnit.SECONDS)).as("the held thread was released").isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return replies;
        }
    }
}
