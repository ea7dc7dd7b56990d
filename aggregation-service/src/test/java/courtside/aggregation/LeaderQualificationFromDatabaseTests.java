package courtside.aggregation;

import courtside.embedded.EmbeddedStack;
import courtside.model.BoxScoreLine;
import courtside.model.BoxScoreStat;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * docs/api.md "Leader qualification", when the tables come from PostgreSQL because Redis is down ({@code X-Cache:
 * BYPASS}): the same default rule as from the leader index (70 % of the most games any team has played so far, and
 * for a percentage the league's makes prorated by those games; TS% and eFG% take FG%'s), the same {@code
 * qualification} field and the same table as with Redis up, and a {@code min_games} or {@code min_attempts} in the
 * request overrides the rule alike. Every table is also checked against the qualifiers and ranking the test computes
 * itself from the lines it posted: the first 100 games of the real season moved into 1951-52, a season in progress
 * (the most games of any team is 8, so 6 games qualify, and 30 field goals made: 300 × 8 ÷ 82 rounded up).
 */
@AggregationServiceTest
class LeaderQualificationFromDatabaseTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1951);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The league's full-season makes (courtside.leaders.min-made) and the attempts a bare min_games takes (min-attempts). */
    private static final Map<String, Long> LEAGUE_MADE = Map.of("fg_pct", 300L, "fg3_pct", 82L, "ft_pct", 125L, "ts_pct", 300L, "efg_pct", 300L);
    private static final Map<String, Long> CONFIGURED_ATTEMPTS = Map.of("fg_pct", 300L, "fg3_pct", 100L, "ft_pct", 100L, "ts_pct", 300L, "efg_pct", 300L);

    @Autowired
    RestTestClient client;
    @Autowired
    Pipeline pipeline;

    /** One player's or team's season as the test sums it from the lines it posted. */
    private static final class Sums {
        final Set<String> games = new HashSet<>();
        final Map<BoxScoreStat, Long> totals = new HashMap<>();
        BoxScoreLine latest;

        void add(BoxScoreLine line) {
            games.add(line.gameId());
            for (BoxScoreStat stat : List.of(BoxScoreStat.POINTS, BoxScoreStat.FGM, BoxScoreStat.FGA, BoxScoreStat.FG3M,
                    BoxScoreStat.FG3A, BoxScoreStat.FTM, BoxScoreStat.FTA)) {
                totals.merge(stat, line.stats().value(stat).longValue(), Long::sum);
            }
            // The team of the latest game: by date, then game id (the synthetic ids are of one length and ASCII).
            if (latest == null || Comparator.comparing(BoxScoreLine::gameDate).thenComparing(BoxScoreLine::gameId)
                    .compare(line, latest) > 0) {
                latest = line;
            }
        }

        long games() {
            return games.size();
        }

        long get(BoxScoreStat stat) {
            return totals.get(stat);
        }
    }

    /** A stat a table ranks by: its value by the formulas of docs/api.md, its made and attempted stats for a percentage. */
    private record Ranked(String name, BoxScoreStat made, BoxScoreStat attempted, Function<Sums, Optional<BigDecimal>> value) {

        boolean percentage() {
            return attempted != null;
        }
    }

    private static final Map<String, Ranked> STATS = stats();

    private static Map<String, Ranked> stats() {
        Map<String, Ranked> stats = new LinkedHashMap<>();
        stats.put("points", new Ranked("points", null, null, s -> ratio(s.get(BoxScoreStat.POINTS), BigDecimal.valueOf(s.games()))));
        stats.put("fg_pct", new Ranked("fg_pct", BoxScoreStat.FGM, BoxScoreStat.FGA,
                s -> ratio(s.get(BoxScoreStat.FGM), BigDecimal.valueOf(s.get(BoxScoreStat.FGA)))));
        stats.put("fg3_pct", new Ranked("fg3_pct", BoxScoreStat.FG3M, BoxScoreStat.FG3A,
                s -> ratio(s.get(BoxScoreStat.FG3M), BigDecimal.valueOf(s.get(BoxScoreStat.FG3A)))));
        stats.put("ft_pct", new Ranked("ft_pct", BoxScoreStat.FTM, BoxScoreStat.FTA,
                s -> ratio(s.get(BoxScoreStat.FTM), BigDecimal.valueOf(s.get(BoxScoreStat.FTA)))));
        // PTS ÷ (2 × (FGA + 0.44 × FTA)), PTS being the shooting block's 2·FGM + FG3M + FTM.
        stats.put("ts_pct", new Ranked("ts_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, s -> ratio(
                2 * s.get(BoxScoreStat.FGM) + s.get(BoxScoreStat.FG3M) + s.get(BoxScoreStat.FTM),
                BigDecimal.TWO.multiply(BigDecimal.valueOf(s.get(BoxScoreStat.FGA))
                        .add(new BigDecimal("0.44").multiply(BigDecimal.valueOf(s.get(BoxScoreStat.FTA))))))));
        // (FGM + 0.5 × FG3M) ÷ FGA.
        stats.put("efg_pct", new Ranked("efg_pct", BoxScoreStat.FGM, BoxScoreStat.FGA, s -> ratio(
                BigDecimal.valueOf(s.get(BoxScoreStat.FGM)).add(new BigDecimal("0.5").multiply(BigDecimal.valueOf(s.get(BoxScoreStat.FG3M)))),
                BigDecimal.valueOf(s.get(BoxScoreStat.FGA)))));
        return Map.copyOf(stats);
    }

    /**
     * A table asked for and who should be in it. {@code minGames} and {@code minAttempts} as the request names them
     * ({@code null}: not named); neither named is the league's rule.
     */
    private record Asked(boolean teams, String stat, Long minGames, Long minAttempts) {

        String uri() {
            return "/leaders%s?season=%s&stat=%s&limit=1000%s%s".formatted(teams ? "/teams" : "", SEASON.label(), stat,
                    minGames == null ? "" : "&min_games=" + minGames, minAttempts == null ? "" : "&min_attempts=" + minAttempts);
        }

        boolean league() {
            return minGames == null && minAttempts == null;
        }
    }

    /** Every percentage, points, and both sides by the league's rule; then minimums named in the request. */
    private static final List<Asked> TABLES = List.of(
            new Asked(false, "points", null, null),
            new Asked(false, "fg_pct", null, null),
            new Asked(false, "fg3_pct", null, null),
            new Asked(false, "ft_pct", null, null),
            new Asked(false, "ts_pct", null, null),
            new Asked(false, "efg_pct", null, null),
            new Asked(true, "points", null, null),
            new Asked(true, "ts_pct", null, null),
            new Asked(false, "points", 0L, null),
            new Asked(false, "points", 3L, null),
            new Asked(false, "fg_pct", null, 40L),
            new Asked(false, "ts_pct", 7L, 60L),
            new Asked(false, "efg_pct", 0L, 0L),
            new Asked(true, "points", 0L, null));

    @Test
    void withRedisDownTheTablesFromPostgresQualifyByTheSameRulesAsTheIndexAndAnswerTheSameTables() {
        List<BoxScoreLine> lines = SEASON.boxScoreLinesOfFirstGames(100);
        pipeline.post(lines.stream().map(BoxScoreLine::toWire).toList(), 500);
        pipeline.awaitQuiet();
        Map<Long, Sums> players = new HashMap<>();
        Map<Long, Sums> teams = new HashMap<>();
        for (BoxScoreLine line : lines) {
            assertThat(line.stats().hasShooting()).isTrue();
            players.computeIfAbsent(line.playerId(), id -> new Sums()).add(line);
            teams.computeIfAbsent(line.teamId(), id -> new Sums()).add(line);
        }
        long teamGames = teams.values().stream().mapToLong(Sums::games).max().orElseThrow();
        assertThat(teamGames).as("the most games of any team: a season in progress").isEqualTo(8);
        assertThat(teams.values()).as("a team under 70 % of those games").anyMatch(team -> team.games() < 6);

        // With Redis up, from the leader index: the reference the tables from PostgreSQL must equal.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> "HIT".equals(table(TABLES.getFirst(), null).source()));
        Map<Asked, JsonNode> fromIndex = new LinkedHashMap<>();
        for (Asked asked : TABLES) {
            JsonNode table = table(asked, "HIT").body();
            assertQualifiedAsComputed(asked, table, asked.teams() ? teams : players, teamGames);
            fromIndex.put(asked, table);
        }

        EmbeddedStack.shared().redis().stop();
        try {
            for (Asked asked : TABLES) {
                JsonNode table = table(asked, "BYPASS").body();
                assertQualifiedAsComputed(asked, table, asked.teams() ? teams : players, teamGames);
                assertThat(table).as("%s from PostgreSQL against the leader index's", asked.uri()).isEqualTo(fromIndex.get(asked));
            }
        } finally {
            EmbeddedStack.shared().redis().start();
        }

        // Back on an empty Redis, the tables come from PostgreSQL until the client has reconnected (BYPASS) and
        // while a rebuild refills the index (MISS), then from the index again: the same tables all along.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        boolean fromIndexAgain;
        do {
            assertThat(System.nanoTime()).as("the leader index refilled in time").isLessThan(deadline);
            fromIndexAgain = true;
            for (Asked asked : TABLES) {
                Answer answer = table(asked, null);
                assertThat(answer.body()).as("%s answered %s", asked.uri(), answer.source()).isEqualTo(fromIndex.get(asked));
                fromIndexAgain &= "HIT".equals(answer.source());
            }
        } while (!fromIndexAgain);
        pipeline.awaitQuiet();
        pipeline.assertCacheEqualsSql(SEASON.label());
    }

    /**
     * The table's rule, minimums and rows against what the test computes from the lines: under the league's rule ⌈70 ×
     * G ÷ 100⌉ games and for a percentage ⌈made × G ÷ 82⌉ makes; under a request's, its minimums (a bare min_games
     * takes the stat's configured attempts); rows ranked by value, ties by id.
     */
    private static void assertQualifiedAsComputed(Asked asked, JsonNode table, Map<Long, Sums> sums, long teamGames) {
        Ranked stat = STATS.get(asked.stat());
        String uri = asked.uri();
        JsonNode qualification = table.get("qualification");
        long minGames;
        long minAttempts;
        long minMade;
        if (asked.league()) {
            minGames = Math.ceilDiv(70 * teamGames, 100);
            minAttempts = 0;
            minMade = stat.percentage() ? Math.ceilDiv(LEAGUE_MADE.get(stat.name()) * teamGames, 82) : 0;
            assertThat(qualification.get("rule").asString()).as(uri).isEqualTo("league");
            assertThat(qualification.get("team_games").longValue()).as(uri).isEqualTo(teamGames);
            if (stat.percentage()) {
                assertThat(qualification.get("min_made").longValue()).as(uri).isEqualTo(minMade);
            } else {
                assertThat(qualification.has("min_made")).as("%s: no makes for a stat per game", uri).isFalse();
            }
            assertThat(qualification.get("summary").asString()).as(uri)
                    .startsWith("league: at least 70%% of the most games any team has played (%d of %d)".formatted(minGames, teamGames));
        } else {
            minGames = asked.minGames() != null ? asked.minGames() : 0;
            minAttempts = asked.minAttempts() != null ? asked.minAttempts()
                    : stat.percentage() ? CONFIGURED_ATTEMPTS.get(stat.name()) : 0;
            minMade = 0;
            assertThat(qualification.get("rule").asString()).as(uri).isEqualTo("request");
            assertThat(qualification.has("min_made")).as(uri).isFalse();
            assertThat(qualification.has("team_games")).as(uri).isFalse();
        }
        assertThat(qualification.get("min_games").longValue()).as(uri).isEqualTo(minGames);
        assertThat(table.get("min_games").longValue()).as(uri).isEqualTo(minGames);
        if (stat.percentage()) {
            assertThat(table.get("min_attempts").longValue()).as(uri).isEqualTo(minAttempts);
        }

        Predicate<Sums> qualified = s -> s.games() >= minGames
                && (!stat.percentage() || s.get(stat.attempted()) >= minAttempts && s.get(stat.made()) >= minMade);
        List<Long> expected = ranked(sums, qualified, stat);
        JsonNode leaders = table.get("leaders");
        assertThat(leaders.size()).as("rows of %s", uri).isEqualTo(expected.size());
        assertThat(expected.size()).as("%s ranks someone", uri).isPositive();
        if (asked.league()) {
            assertThat(expected.size()).as("%s: the league's rule leaves someone out", uri).isLessThan(sums.size());
        }
        String idField = asked.teams() ? "team_id" : "player_id";
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = leaders.get(i);
            Sums want = sums.get(expected.get(i));
            String where = "%s row %d".formatted(uri, i + 1);
            assertThat(row.get("rank").intValue()).as(where).isEqualTo(i + 1);
            assertThat(row.get(idField).longValue()).as(where).isEqualTo(expected.get(i));
            assertThat(row.get("games_played").longValue()).as(where).isEqualTo(want.games());
            assertThat(row.get("value").doubleValue()).as(where).isCloseTo(stat.value().apply(want).orElseThrow().doubleValue(), within(1e-9));
            if (!asked.teams()) {
                assertThat(row.get("team_id").longValue()).as("%s: the team of his latest game", where).isEqualTo(want.latest.teamId());
            }
            if (stat.percentage()) {
                assertThat(row.get("attempts").longValue()).as(where).isEqualTo(want.get(stat.attempted()));
                assertThat(row.get("total").longValue()).as(where).isEqualTo(want.get(stat.made()));
            }
        }
    }

    /** Ids of those qualified with a value, best first, ties by id as the service breaks them. */
    private static List<Long> ranked(Map<Long, Sums> sums, Predicate<Sums> qualified, Ranked stat) {
        List<Long> ids = new ArrayList<>(sums.keySet().stream()
                .filter(id -> qualified.test(sums.get(id)) && stat.value().apply(sums.get(id)).isPresent()).toList());
        ids.sort(Comparator.<Long, BigDecimal>comparing(id -> stat.value().apply(sums.get(id)).orElseThrow()).reversed()
                .thenComparingLong(id -> id));
        return ids;
    }

    /** Exact to 30 places: two seasons with the same true figure tie here as in the service, which breaks ties by id. */
    private static Optional<BigDecimal> ratio(long numerator, BigDecimal denominator) {
        return ratio(BigDecimal.valueOf(numerator), denominator);
    }

    private static Optional<BigDecimal> ratio(BigDecimal numerator, BigDecimal denominator) {
        return denominator.signum() == 0 ? Optional.empty() : Optional.of(numerator.divide(denominator, 30, RoundingMode.HALF_EVEN));
    }

    private record Answer(String source, JsonNode body) {
    }

    /** The table, which must come from {@code source} unless that is {@code null}. */
    private Answer table(Asked asked, String source) {
        var result = client.get().uri(asked.uri()).exchange().expectStatus().isOk().returnResult(String.class);
        String from = result.getResponseHeaders().getFirst("X-Cache");
        if (source != null) {
            assertThat(from).as("source of %s", asked.uri()).isEqualTo(source);
        }
        return new Answer(from, JSON.readTree(result.getResponseBody()));
    }
}
