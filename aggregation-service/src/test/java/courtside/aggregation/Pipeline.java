package courtside.aggregation;

import courtside.aggregation.ledger.Ledger;
import courtside.stats.ConcurrentChecks;
import courtside.model.StatLineTopic;
import courtside.stats.SampleSeason;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline as a test sees it: lines posted through stats-service, a wait until it is quiet, and the
 * check every fault test ends with, "the cache equals SQL", over the whole cache or the seasons the test wrote.
 * A bean of every test context
 * ({@link AggregationServiceTest}), bound to that context's aggregation-service.
 */
final class Pipeline {

    static final String GROUP = "aggregation-service";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Ledgers compared at once by the cache check: each comparison is two requests and a Redis read, mostly waiting
     * on the services, so that a few at a time make the check of thousands of seasons take seconds less.
     */
    private static final Pattern SEASON_KEY =
            Pattern.compile("courtside:v4:\\{(player|team):(\\d+)}:season:(\\d{4}-\\d{2}):(regular|playoffs)");

    private final RestTestClient aggregation;
    private final StringRedisTemplate redis;
    private final String bootstrapServers;
    private final RunningStatsService stats = RunningStatsService.shared();

    Pipeline(RestTestClient aggregation, StringRedisTemplate redis,
             @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.aggregation = aggregation;
        this.redis = redis;
        this.bootstrapServers = bootstrapServers;
    }

    /** The Kafka the pipeline runs on, for tests that deliver records themselves. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Posts the lines through stats-service in batches; every batch must be accepted. */
    void post(List<Map<String, Object>> lines, int batchSize) {
        for (int from = 0; from < lines.size(); from += batchSize) {
            postBatch(lines.subList(from, Math.min(from + batchSize, lines.size())));
        }
    }

    void postBatch(List<Map<String, Object>> batch) {
        stats.client().post().uri("/log").contentType(MediaType.APPLICATION_JSON).body(SampleSeason.json(batch))
                .exchange().expectStatus().isCreated();
    }

    void remove(Object gameId, Object playerId) {
        stats.client().delete().uri("/log/{game}/{player}", gameId, playerId).exchange().expectStatus().isNoContent();
    }

    /** Waits until every accepted change is published and the consumer group has committed all of it. */
    void awaitQuiet() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> outboxBacklog() == 0 && consumerLag() == 0);
    }

    long outboxBacklog() {
        Long backlog = stats.jdbc().queryForObject("SELECT count(*) FROM stat_line_outbox", Long.class);
        return backlog == null ? 0 : backlog;
    }

    /** Records on the topic that the group has not committed. */
    long consumerLag() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            Set<TopicPartition> partitions = admin.describeTopics(List.of(StatLineTopic.DEFAULT_NAME)).allTopicNames().get()
                    .get(StatLineTopic.DEFAULT_NAME).partitions().stream()
                    .map(p -> new TopicPartition(StatLineTopic.DEFAULT_NAME, p.partition())).collect(Collectors.toSet());
            var ends = admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                    .all().get();
            long lag = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata done = committed.get(partition);
                lag += ends.get(partition).offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every player and team season with a counting line in PostgreSQL is answered by aggregation-service exactly
     * as stats-service's SQL answers it (counts and integer sums exact, doubles to 1e-6), from the cache when
     * its ledger is loaded (HIT) or after loading it (MISS); every read model of every season equals SQL
     * ({@link ReadModelsCheck}); and Redis holds no season SQL does not have.
     *
     * @return how many player and team seasons were compared
     */
    int assertWholeCacheEqualsSql() {
        return assertCacheEqualsSql(season -> true);
    }

    /**
     * The whole-cache check for the seasons a test wrote: every player and team season of those seasons (every
     * season type) answered as SQL answers it, and every read model of those seasons equal to SQL. What spans the
     * seasons stays whole: the live metrics, and the scan that Redis holds no season SQL does not have. Other
     * classes' seasons are left to their own checks; the one of {@link SeasonReplayCacheTests}, near the end of
     * the JVM, holds every season to SQL once more.
     *
     * @return how many player and team seasons were compared
     */
    int assertCacheEqualsSql(String... seasons) {
        Set<String> named = Set.of(seasons);
        assertThat(named).as("seasons to check").isNotEmpty();
        for (String season : named) {
            // A check of a season without lines would pass whatever the cache holds.
            assertThat(stats.jdbc().queryForObject("SELECT count(*) FROM stat_line WHERE NOT deleted AND season = ?",
                    Long.class, season)).as("lines of %s in SQL", season).isPositive();
        }
        return assertCacheEqualsSql(named::contains);
    }

    private int assertCacheEqualsSql(Predicate<String> inScope) {
        Set<String> sqlSeasons = new HashSet<>();
        // The seasons of one ledger (a player's or a team's) are compared in order by one checker, since the first
        // read of an unloaded ledger loads it (MISS) and the next reads are HITs; ledgers are spread over checkers.
        Map<String, List<LedgerSeason>> seasonsByLedger = new LinkedHashMap<>();
        for (String side : List.of("player", "team")) {
            List<Map<String, Object>> seasons = stats.jdbc().queryForList(
                    "SELECT DISTINCT %s_id AS id, season, season_type FROM stat_line WHERE NOT deleted".formatted(side));
            for (Map<String, Object> season : seasons) {
                long id = ((Number) season.get("id")).longValue();
                sqlSeasons.add("%s:%d:%s:%s".formatted(side, id, season.get("season"), season.get("season_type")));
                if (inScope.test((String) season.get("season"))) {
                    seasonsByLedger.computeIfAbsent(side + ":" + id, ledger -> new ArrayList<>()).add(new LedgerSeason(
                            side, id, (String) season.get("season"), (String) season.get("season_type")));
                }
            }
        }
        int compared = 0;
        try (ExecutorService checkers = Executors.newFixedThreadPool(ConcurrentChecks.CHECKERS)) {
            List<Future<Integer>> ledgers = new ArrayList<>();
            for (List<LedgerSeason> seasons : seasonsByLedger.values()) {
                ledgers.add(checkers.submit(() -> {
                    for (LedgerSeason season : seasons) {
                        assertCachedEqualsSql(season.side(), season.id(), season.season(), season.type());
                    }
                    return seasons.size();
                }));
            }
            for (Future<Integer> ledger : ledgers) {
                compared += ConcurrentChecks.outcome(ledger);
            }
        }
        compared += new ReadModelsCheck(aggregation, stats.jdbc()).assertEqualToSql(inScope);
        try (Cursor<String> keys = redis.scan(ScanOptions.scanOptions().match("courtside:v4:{*}:season:*").count(1000).build())) {
            while (keys.hasNext()) {
                String key = keys.next();
                Matcher m = SEASON_KEY.matcher(key);
                assertThat(m.matches()).as("season key layout of %s", key).isTrue();
                assertThat(sqlSeasons).as("Redis holds %s, which SQL does not", key)
                        .contains("%s:%s:%s:%s".formatted(m.group(1), m.group(2), m.group(3), m.group(4)));
            }
        }
        return compared;
    }

    /** A player's or a team's season of one type, as the cache check compares it. */
    private record LedgerSeason(String side, long id, String season, String type) {
    }

    /** One season: the cached answer, then the SQL one, compared field by field. */
    String assertCachedEqualsSql(String side, long id, String season, String seasonType) {
        Ledger ledger = side.equals("player") ? Ledger.player(id) : Ledger.team(id);
        boolean loaded = Boolean.TRUE.equals(redis.hasKey(ledger.loadedKey()));
        String uri = "/average/%s/%d?season=%s&season_type=%s".formatted(side, id, season, seasonType);
        var cached = aggregation.get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class);
        String source = cached.getResponseHeaders().getFirst("X-Cache");
        if (loaded || side.equals("player")) {
            assertThat(source).as("X-Cache of %s (ledger loaded: %s)", uri, loaded).isEqualTo(loaded ? "HIT" : "MISS");
        } else {
            // A team's answer reads its opponents' ledgers and loads those missing: another checker's team may have
            // loaded this one between the look above and the read.
            assertThat(source).as("X-Cache of %s (ledger not loaded when looked at)", uri).isIn("MISS", "HIT");
        }
        String fromSql = stats.client().get().uri(uri).exchange().expectStatus().isOk().returnResult(String.class).getResponseBody();
        assertSameAverage(uri, JSON.readTree(cached.getResponseBody()), JSON.readTree(fromSql));
        return source;
    }

    static void assertSameAverage(String where, JsonNode cached, JsonNode sql) {
        if (sql.isObject()) {
            assertThat(cached.isObject()).as("%s is an object", where).isTrue();
            Set<String> sqlFields = new HashSet<>(sql.propertyNames());
            assertThat(new HashSet<>(cached.propertyNames())).as("fields of %s", where).isEqualTo(sqlFields);
            sqlFields.forEach(field -> assertSameAverage(where + "." + field, cached.get(field), sql.get(field)));
        } else if (sql.isArray()) {
            assertThat(cached.isArray()).as("%s is an array", where).isTrue();
            assertThat(cached.size()).as("size of %s", where).isEqualTo(sql.size());
            for (int i = 0; i < sql.size(); i++) {
                assertSameAverage(where + "[" + i + "]", cached.get(i), sql.get(i));
            }
        } else if (sql.isIntegralNumber()) {
            assertThat(cached.isIntegralNumber()).as("%s is an integer", where).isTrue();
            assertThat(cached.longValue()).as(where).isEqualTo(sql.longValue());
        } else if (sql.isNumber()) {
            assertThat(cached.isNumber()).as("%s is a number", where).isTrue();
            assertThat(cached.doubleValue()).as(where).isCloseTo(sql.doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
        } else if (!sql.equals(cached)) {
            fail("%s: cached %s, SQL %s", where, cached, sql);
        }
    }
}
