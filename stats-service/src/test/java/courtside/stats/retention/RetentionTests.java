package courtside.stats.retention;

import courtside.embedded.EmbeddedStack;
import courtside.embedded.PostgresNode;
import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import courtside.model.StatLineChanged.Change;
import courtside.stats.SampleSeason;
import courtside.stats.StatsServiceTest;
import courtside.stats.StoredState;
import courtside.stats.TopicReader;
import courtside.stats.TopicReader.Received;
import courtside.stats.line.LineRecorder;
import courtside.stats.line.RetiredSeasons;
import courtside.stats.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static courtside.stats.RealLines.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention with real lines on the real PostgreSQL and Kafka: a dropped season leaves stat_line, every line of it
 * is announced removed on the topic, the kept seasons do not change, and the dropped season takes no more lines.
 *
 * <p>Retention acts on a whole database, so these tests have a database and a topic of their own (the other
 * tests' seasons stay where they are), emptied before each test. The service itself runs with one season kept.
 */
@StatsServiceTest
@TestPropertySource(properties = {
        "courtside.retention.keep-seasons=1",
        "courtside.outbox.topic=" + RetentionTests.TOPIC})
class RetentionTests {

    static final String TOPIC = "nba.stat-lines.retention";
    private static final String DATABASE = "courtside_retention";
    private static final String SAMPLE_SEASON = "2021-22";
    /** The first games of the sample season: about 25 lines each, enough to span several batches of games. */
    private static final List<String> GAMES = sampleGames(20);

    @Autowired
    RestTestClient http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SeasonRetention retention;

    @Autowired
    MeterRegistry meters;

    private final TopicReader topic = new TopicReader(EmbeddedStack.shared().kafka().bootstrapServers(), TOPIC);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        PostgresNode postgres = EmbeddedStack.shared().postgres();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the " + DATABASE + " database", e);
        }
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://%s:%d/%s?reWriteBatchedInserts=true"
                .formatted(postgres.host(), postgres.port(), DATABASE));
    }

    @BeforeEach
    void afterTheStartupRunAnEmptyDatabase() throws SQLException {
        await("retention runs once right after startup").atMost(Duration.ofSeconds(10))
                .until(() -> meters.timer("courtside.retention.runs").count() >= 1);
        awaitOutboxDrained();
        // As the schema owner: stats-service's own role may delete rows but not truncate.
        try (Connection owner = DriverManager.getConnection(EmbeddedStack.shared().postgres().jdbcUrl().replaceFirst("/[^/]*$", "/" + DATABASE),
                EmbeddedStack.shared().postgres().user(), EmbeddedStack.shared().postgres().password());
             Statement truncate = owner.createStatement()) {
            truncate.execute("TRUNCATE stat_line, game, retired_season");
        }
    }

    @Test
    void anOlderSeasonLeavesPostgresAndEveryLineOfItIsAnnouncedRemoved() throws InterruptedException {
        List<Map<String, Object>> kept = season("DROP-", 2021);
        List<Map<String, Object>> old = season("DROP-", 2015);
        post(kept);
        post(old);
        // Versions beyond 1 and an earlier removal in each season: a correction, and a line taken back by DELETE.
        post(List.of(with(old.get(3), "plus_minus", (Integer) old.get(3).get("plus_minus") + 1)));
        delete(old.get(7));
        delete(kept.get(7));
        awaitOutboxDrained();
        Map<String, Stored> keptBefore = stored("2021-22");
        Map<String, Stored> oldBefore = stored("2015-16");
        double droppedBefore = meters.counter("courtside.retention.lines.dropped").count();

        RetentionRun run = retention.run().orElseThrow();

        assertThat(run.firstKept()).isEqualTo("2021-22");
        assertThat(run.dropped()).containsExactly(new DroppedSeason("2015-16", old.size() - 1, old.size()));
        assertThat(run.unfinished()).isFalse();
        assertThat(count("SELECT count(*) FROM stat_line WHERE season = '2015-16'")).as("old lines left").isZero();
        assertThat(count("SELECT count(*) FROM game WHERE game_id LIKE 'DROP-S2015-%'")).as("old games left").isZero();
        assertThat(stored("2021-22")).as("the kept season, tombstone included").isEqualTo(keptBefore).hasSize(kept.size());
        assertThat(meters.counter("courtside.retention.lines.dropped").count() - droppedBefore).isEqualTo(old.size() - 1);

        Map<String, List<Received>> removals = topic.read(event -> event.gameId().startsWith("DROP-S2015-")
                        && event.change() == Change.REMOVED).stream()
                .collect(Collectors.groupingBy(r -> lineKey(r.event().gameId(), r.event().playerId())));
        assertThat(removals.keySet()).as("one removal per old line").isEqualTo(oldBefore.keySet());
        removals.forEach((line, events) -> {
            assertThat(events).as("removals of %s", line).hasSize(1);
            Stored before = oldBefore.get(line);
            assertThat(events.getFirst().event().version()).as("version of %s's removal", line)
                    .isEqualTo(before.deleted() ? before.version() : before.version() + 1);
            assertThat(events.getFirst().key()).isEqualTo(Long.toString(events.getFirst().event().playerId()));
            assertThat(events.getFirst().event().season()).isEqualTo("2015-16");
        });
        assertThat(topic.read(event -> event.gameId().startsWith("DROP-0") && event.change() == Change.REMOVED))
                .as("removals in the kept season: only the DELETE").hasSize(1);
    }

    @Test
    void aDroppedSeasonTakesNoMoreLinesAndARefusedPostChangesNothing() throws InterruptedException {
        List<Map<String, Object>> kept = season("REFUSE-", 2021);
        List<Map<String, Object>> old = season("REFUSE-", 2015);
        post(kept);
        post(old);
        retention.run().orElseThrow();
        awaitOutboxDrained();
        StoredState before = StoredState.of(jdbc);

        JsonNode purgedAgain = refused(List.of(old.getFirst()));
        Map<String, Object> neverSeen = with(old.getFirst(), "game_id", "REFUSE-NEW-2014", "game_date", "2015-01-10", "season", "2014-15");
        Map<String, Object> keptSeason = with(kept.getFirst(), "game_id", "REFUSE-NEW-2021");
        JsonNode mixed = refused(List.of(keptSeason, neverSeen));

        assertThat(purgedAgain.get("detail").asString()).contains("Season 2015-16 was dropped")
                .contains("courtside.retention.keep-seasons").contains("seasons before 2021-22");
        assertThat(purgedAgain.at("/errors/0/field").asString()).isEqualTo("season");
        assertThat(mixed.get("detail").asString()).contains("Season 2014-15 was dropped");
        assertThat(mixed.at("/errors/0/index").asInt()).as("the line of the dropped season").isEqualTo(1);
        assertThat(StoredState.of(jdbc)).as("no line and no event").isEqualTo(before);
        assertThat(count("SELECT count(*) FROM game WHERE game_id LIKE 'REFUSE-NEW-%' OR game_id = '"
                + old.getFirst().get("game_id") + "'")).as("no game created").isZero();

        post(List.of(keptSeason));
        assertThat(count("SELECT count(*) FROM stat_line WHERE game_id = 'REFUSE-NEW-2021'")).as("the kept season still takes lines").isOne();
    }

    @Test
    void retentionOffChangesNothing(@Autowired RetiredSeasons retired, @Autowired LineRecorder recorder,
                                    @Autowired OutboxRelay relay, @Autowired DataSource dataSource) throws InterruptedException {
        RetentionSettings off = new RetentionSettings(0, Duration.ofHours(1));
        SeasonRetention offRetention = new SeasonRetention(off, retired, recorder, relay, dataSource,
                Clock.systemUTC(), new SimpleMeterRegistry());
        RetentionSchedule offSchedule = new RetentionSchedule(offRetention, off);
        post(season("OFF-", 2021));
        post(season("OFF-", 2015));
        post(season("OFF-", 2009));
        awaitOutboxDrained();
        StoredState before = StoredState.of(jdbc);

        offSchedule.start();
        Optional<RetentionRun> run = offRetention.run();

        assertThat(run).isEmpty();
        assertThat(offSchedule.isRunning()).isFalse();
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM retired_season")).isZero();
    }

    @Test
    void theCurrentSeasonIsNeverDroppedEvenWhenItIsNotTheNewest(@Autowired RetiredSeasons retired,
            @Autowired LineRecorder recorder, @Autowired OutboxRelay relay, @Autowired DataSource dataSource)
            throws InterruptedException {
        // Today in 2015-16 while the newest lines are of 2021-22: retention goes by its clock, and whatever the
        // clock says, the season it names keeps its lines.
        Clock in2015 = Clock.fixed(Instant.parse("2016-01-15T12:00:00Z"), ZoneOffset.UTC);
        SeasonRetention keepOne = new SeasonRetention(new RetentionSettings(1, Duration.ofHours(1)), retired, recorder,
                relay, dataSource, in2015, new SimpleMeterRegistry());
        post(season("NOW-", 2021));
        post(season("NOW-", 2015));
        post(season("NOW-", 2012));
        awaitOutboxDrained();
        Map<String, Stored> newest = stored("2021-22");
        Map<String, Stored> current = stored("2015-16");

        RetentionRun run = keepOne.run().orElseThrow();

        assertThat(run.firstKept()).isEqualTo("2015-16");
        assertThat(run.dropped()).extracting(DroppedSeason::season).containsExactly("2012-13");
        assertThat(stored("2015-16")).as("the current season").isEqualTo(current).isNotEmpty();
        assertThat(stored("2021-22")).as("the newest season").isEqualTo(newest).isNotEmpty();
        assertThat(count("SELECT count(*) FROM stat_line WHERE season = '2012-13'")).isZero();
    }

    @Test
    void whileAnotherInstanceRunsRetentionThisOneLeavesEverythingAsItIs(@Autowired DataSource dataSource)
            throws Exception {
        post(season("LOCK-", 2021));
        post(season("LOCK-", 2015));
        awaitOutboxDrained();
        StoredState before = StoredState.of(jdbc);

        try (Connection other = dataSource.getConnection();
             PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, SeasonRetention.RETENTION_LOCK);
            lock.execute();
            try {
                assertThat(retention.run()).as("a run while another holds the lock").isEmpty();
                assertThat(StoredState.of(jdbc)).isEqualTo(before);
            } finally {
                try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, SeasonRetention.RETENTION_LOCK);
                    unlock.execute();
                }
            }
        }

        assertThat(retention.run()).as("a run once it is free").isPresent();
        assertThat(count("SELECT count(*) FROM stat_line WHERE season = '2015-16'")).isZero();
    }

    /** The lines of {@link #GAMES} as a scorekeeper posts them, moved into the season starting in {@code year}. */
    private static List<Map<String, Object>> season(String prefix, int year) {
        return BoxScoreFile.sampleSeason().stream().filter(line -> GAMES.contains(line.gameId()))
                .map(line -> year == 2021 ? line : line.inSeasonStartingIn(year))
                .map(line -> with(line.toWire(), "game_id", prefix + line.gameId()))
                .toList();
    }

    private static List<String> sampleGames(int count) {
        LinkedHashSet<String> games = new LinkedHashSet<>();
        for (BoxScoreLine line : BoxScoreFile.sampleSeason()) {
            if (games.size() == count && !games.contains(line.gameId())) {
                break;
            }
            games.add(line.gameId());
        }
        return List.copyOf(games);
    }

    private void post(List<Map<String, Object>> lines) {
        http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isCreated();
    }

    private JsonNode refused(List<Map<String, Object>> lines) {
        return http.post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(lines))
                .exchange().expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void delete(Map<String, Object> line) {
        http.delete().uri("/log/" + line.get("game_id") + "/" + line.get("player_id")).exchange()
                .expectStatus().isNoContent();
    }

    /** A stored line's version, and whether it is a tombstone. */
    private record Stored(long version, boolean deleted) {
    }

    /** Every stored line of the season, removed ones included. */
    private Map<String, Stored> stored(String season) {
        Map<String, Stored> lines = new HashMap<>();
        jdbc.query("SELECT game_id, player_id, version, deleted FROM stat_line WHERE season = ?",
                rs -> { lines.put(lineKey(rs.getString(1), rs.getLong(2)), new Stored(rs.getLong(3), rs.getBoolean(4))); },
                season);
        return lines;
    }

    private static String lineKey(String gameId, long playerId) {
        return gameId + "/" + playerId;
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM stat_line_outbox") == 0);
    }
}
