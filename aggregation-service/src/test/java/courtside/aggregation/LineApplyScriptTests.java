package courtside.aggregation;

import courtside.aggregation.ingest.StatLineListener;
import courtside.aggregation.ledger.Applied;
import courtside.aggregation.ledger.ApplyOutcome;
import courtside.aggregation.ledger.CachedSeason;
import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LedgerSnapshot;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.ledger.LineUpdate;
import courtside.aggregation.ledger.SeasonOfLedger;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How a batch's lines answer with their season (the apply script): of the lines of one season of a ledger in a
 * pipelined batch, only the last answers with the season's sums, at the newest revision the batch left it at;
 * a redelivered batch answers the same way. The leader tables, which take those answers, still equal SQL.
 */
@AggregationServiceTest
class LineApplyScriptTests {

    private static final SyntheticSeason SEASON = SyntheticSeason.starting(1953);

    @Autowired
    Ledgers cache;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    Pipeline pipeline;

    @Test
    void aBatchOfOneTeamsLinesAnswersWithEachSeasonOfTheTeamOnceAtItsLastLine() {
        // A team of its own, not in PostgreSQL: loaded empty, and its keys gone again before any cache check.
        Ledger team = Ledger.team(1_953_901);
        try {
            cache.load(List.of(LedgerSnapshot.empty(team)), cache.fence(List.of(team)), "test");
            List<LineUpdate> batch = List.of(
                    update(team, 1, SeasonType.REGULAR, 10), update(team, 2, SeasonType.REGULAR, 7),
                    update(team, 3, SeasonType.PLAYOFFS, 4), update(team, 4, SeasonType.REGULAR, 12),
                    update(team, 5, SeasonType.REGULAR, 5));

            List<Applied> applied = cache.apply(batch);

            assertThat(applied).extracting(Applied::outcome).containsOnly(ApplyOutcome.APPLIED);
            assertThat(applied).extracting(a -> a.standing() != null).containsExactly(false, false, true, false, true);
            CachedSeason regular = applied.get(4).standing();
            assertThat(regular.totals().lines()).isEqualTo(4);
            assertThat(regular.totals().games()).isEqualTo(1);
            assertThat(regular.totals().sums().get(BoxScoreStat.POINTS)).isEqualTo(34);
            assertThat(applied.get(2).standing().totals().sums().get(BoxScoreStat.POINTS)).isEqualTo(4);
            CachedSeason stored = cache.readAll(List.of(new SeasonOfLedger(team, SEASON.label(), SeasonType.REGULAR))).getFirst();
            assertThat(regular.revision()).as("the revision the batch left the ledger at").isEqualTo(stored.revision());
            assertThat(regular.totals()).isEqualTo(stored.totals());

            List<Applied> redelivered = cache.apply(batch);

            assertThat(redelivered).extracting(Applied::outcome).containsOnly(ApplyOutcome.DUPLICATE);
            assertThat(redelivered).extracting(a -> a.standing() != null).containsExactly(false, false, true, false, true);
            assertThat(redelivered.get(4).standing()).isEqualTo(regular);
        } finally {
            redis.delete(redis.keys(Ledger.PREFIX + "{team:" + team.id() + "}:*"));
        }
    }

    @Test
    void theLeaderTablesFollowABatchWithManyLinesOfEachTeam() {
        List<Map<String, Object>> lines = SEASON.linesOfFirstGames(3);
        // Posted while the consumer is away, so that each team's lines of a game come in as few batches as Kafka
        // hands them over, most of them in one.
        MessageListenerContainer consumer = listeners.getListenerContainer(StatLineListener.ID);
        consumer.stop();
        try {
            pipeline.post(lines, lines.size());
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.outboxBacklog() == 0);
        } finally {
            consumer.start();
        }
        pipeline.awaitQuiet();

        pipeline.assertCacheEqualsSql(SEASON.label());

        // Every line of one team delivered again as one batch: one answer with the team's season, as it stands.
        Ledger team = Ledger.team(((Number) lines.getFirst().get("team_id")).longValue());
        List<LineUpdate> again = new ArrayList<>();
        cache.lines(team).orElseThrow().forEach((field, state) -> {
            if (state.season().equals(SEASON.label()) && state.seasonType() == SeasonType.REGULAR) {
                again.add(new LineUpdate(team, field, state.encode(), 0));
            }
        });
        assertThat(again).as("lines of the team in the season").hasSizeGreaterThan(1);
        List<Applied> redelivered = cache.apply(again);
        assertThat(redelivered).extracting(Applied::outcome).containsOnly(ApplyOutcome.DUPLICATE);
        assertThat(redelivered).filteredOn(a -> a.standing() != null).hasSize(1);
        assertThat(redelivered.getLast().standing().totals()).isEqualTo(cache.readAll(
                List.of(new SeasonOfLedger(team, SEASON.label(), SeasonType.REGULAR))).getFirst().totals());
    }

    /** One line of a game of the team's, worth some points, by a player of its own. */
    private static LineUpdate update(Ledger team, long player, SeasonType seasonType, long points) {
        long[] stats = new long[BoxScoreStat.values().length];
        stats[BoxScoreStat.POINTS.ordinal()] = points;
        String game = seasonType == SeasonType.REGULAR ? "1953-R1" : "1953-P1";
        LineState state = new LineState(1, false, SEASON.label(), seasonType, game, false, stats,
                LocalDate.of(1954, 1, 10), team.id());
        return new LineUpdate(team, team.lineField(game, player), state.encode(), 0);
    }
}
