package courtside.aggregation.ingest;

import courtside.aggregation.ledger.Ledger;
import courtside.aggregation.ledger.LineState;
import courtside.aggregation.ledger.Ledgers;
import courtside.aggregation.ledger.Applied;
import courtside.aggregation.ledger.LineUpdate;
import courtside.aggregation.ledger.ApplyOutcome;
import courtside.aggregation.ledger.CachedSeason;
import courtside.aggregation.ledger.SeasonOfLedger;
import courtside.aggregation.directory.Directory;
import courtside.aggregation.leaders.LeaderIndex;
import courtside.aggregation.live.LiveMetrics;
import courtside.aggregation.rebuild.CacheRebuild;
import courtside.model.StatLineChanged;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies stat-line events to the two ledgers each line counts in (docs/design.md I1), first the player's, then
 * the team's, each step atomic in Redis and a whole batch pipelined.
 *
 * <p>The player ledger keys a line by game, so it sees every version of the line and knows the newest. The
 * team ledger keys it by game and player, and a line may have moved teams (removed, then posted again for
 * another): a team ledger loaded after such a move does not know the line, so an old version of it must not
 * enter there. A team ledger therefore takes a line it does not know only at the player ledger's newest
 * version or above; a line it knows, at any newer version, so the removal that took it away still arrives.
 */
@Component
final class LineApplier {

    private static final Logger log = LoggerFactory.getLogger(LineApplier.class);

    /** Ledgers loaded by this batch that vanish again (a flush in between) are loaded again, a few times. */
    private static final int LOAD_ATTEMPTS = 3;
    private static final RetryTemplate LOADS = new RetryTemplate(RetryPolicy.builder().maxRetries(LOAD_ATTEMPTS - 1)
            .includes(LedgersVanished.class).delay(Duration.ZERO).build());

    private final Ledgers cache;
    private final CacheRebuild rebuild;
    private final LeaderIndex leaders;
    private final Directory directory;
    private final LiveMetrics live;
    private final Clock clock;
    private final Map<ApplyOutcome, Counter> events = new EnumMap<>(ApplyOutcome.class);
    private final Timer freshness;

    LineApplier(Ledgers cache, CacheRebuild rebuild, LeaderIndex leaders, Directory directory, LiveMetrics live,
                MeterRegistry registry) {
        this.cache = cache;
        this.rebuild = rebuild;
        this.leaders = leaders;
        this.directory = directory;
        this.live = live;
        this.clock = Clock.systemUTC();
        for (ApplyOutcome outcome : List.of(ApplyOutcome.APPLIED, ApplyOutcome.LOADED, ApplyOutcome.DUPLICATE, ApplyOutcome.STALE, ApplyOutcome.RETIRED)) {
            events.put(outcome, Counter.builder("courtside.events").tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .description("Stat-line events consumed: applied, already in a ledger just loaded for them, "
                            + "skipped as a duplicate or a stale version, or refused as a season retention dropped")
                    .register(registry));
        }
        this.freshness = Timer.builder("courtside.freshness")
                .description("From the change in stats-service to the new sums in Redis, per applied (or loaded) event")
                .register(registry);
    }

    /** Applies the events; returns once Redis holds every one of them, so the offsets may be committed. */
    void apply(List<StatLineChanged> batch) {
        if (batch.isEmpty()) {
            return;
        }
        // Encoded once: the same state goes to the player's ledger and to the team's.
        List<LineState> lines = batch.stream().map(LineState::of).toList();
        List<String> states = lines.stream().map(LineState::encode).toList();
        List<LineUpdate> playerUpdates = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            StatLineChanged event = batch.get(i);
            Ledger player = Ledger.player(event.playerId());
            playerUpdates.add(new LineUpdate(player, player.lineField(event.gameId(), event.playerId()), states.get(i), 0));
        }
        List<Applied> byPlayer = applyLoadingMissing(playerUpdates, null);

        // An event the player's ledger refused as a dropped season's goes no further: not to the team's ledger, not
        // to any read model (the team ledger refuses it too, or will once purged).
        List<Integer> counted = new ArrayList<>(batch.size());
        List<LineUpdate> teamUpdates = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (byPlayer.get(i).outcome() == ApplyOutcome.RETIRED) {
                continue;
            }
            StatLineChanged event = batch.get(i);
            Ledger team = Ledger.team(event.teamId());
            counted.add(i);
            teamUpdates.add(new LineUpdate(team, team.lineField(event.gameId(), event.playerId()), states.get(i),
                    byPlayer.get(i).version()));
        }
        // A team ledger loaded here is newer than the floors read above: the player ledger may have seen a newer
        // version since (another consumer, a flush), so the floor is read again for what is applied to it.
        List<Applied> byTeam = applyLoadingMissing(teamUpdates, missing -> {
            List<Applied> current = applyLoadingMissing(missing.stream().map(k -> playerUpdates.get(counted.get(k))).toList(), null);
            List<LineUpdate> refreshed = new ArrayList<>(missing.size());
            for (int k = 0; k < missing.size(); k++) {
                refreshed.add(teamUpdates.get(missing.get(k)).withFloor(current.get(k).version()));
            }
            return refreshed;
        });

        long now = clock.millis();
        for (int i = 0; i < batch.size(); i++) {
            ApplyOutcome outcome = byPlayer.get(i).outcome();
            events.get(outcome).increment();
            if (outcome == ApplyOutcome.APPLIED || outcome == ApplyOutcome.LOADED) {
                freshness.record(Duration.ofMillis(Math.max(0, now - batch.get(i).occurredAt().toEpochMilli())));
            }
        }
        if (counted.size() == batch.size()) {
            updateReadModels(batch, lines, byPlayer, byTeam);
            return;
        }
        refused(batch, byPlayer);
        updateReadModels(counted.stream().map(batch::get).toList(), counted.stream().map(lines::get).toList(),
                counted.stream().map(byPlayer::get).toList(), byTeam);
    }

    /**
     * Logs the events refused as seasons retention dropped, one entry per batch: not poison (they are valid, and a
     * re-drive would be refused again), so not dead-lettered, but worth a look, since stats-service sends none of
     * them after it retired a season but a redelivery, a replay or a re-driven dead letter can.
     */
    private static void refused(List<StatLineChanged> batch, List<Applied> byPlayer) {
        List<StatLineChanged> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (byPlayer.get(i).outcome() == ApplyOutcome.RETIRED) {
                refused.add(batch.get(i));
            }
        }
        if (!refused.isEmpty()) {
            StatLineChanged first = refused.getFirst();
            log.atWarn().addKeyValue("refused", refused.size()).addKeyValue("season", first.season())
                    .addKeyValue("game_id", first.gameId()).addKeyValue("player_id", first.playerId())
                    .addKeyValue("version", first.version())
                    .log("Refused {} events of seasons dropped by retention, e.g. game {} player {} version {} of {}: a late or "
                                    + "replayed event changes nothing of a dropped season", refused.size(), first.gameId(),
                            first.playerId(), first.version(), first.season());
        }
    }

    /**
     * Brings the read models derived from the ledgers up to the batch: the leader index takes every season the
     * batch touched as the apply script returned it, the directory takes the names, the live metrics count the lines, and the event log tells each
     * one. Before the offsets are committed: a crash in between redelivers the batch.
     *
     * <p>Every season the batch touched is derived, duplicates and stale versions included, not only those a
     * ledger changed in: a batch that failed after Redis had run its ledger writes (a command that timed out while
     * Redis stalled, a crash between the ledgers and the index) comes back as nothing but duplicates, and deriving
     * only from changes would leave its lines out of the leader index for good. Deriving again is idempotent: the
     * script returns the ledger's current sums at its revision whatever it did, and the index refuses a revision
     * older than it holds. A season the script returned nothing of (a team ledger that refused the season) is read
     * back, as before.
     *
     * <p>Of the lines of one season of a ledger, only the last applied answers with the season
     * ({@link Ledgers#apply}); the earlier ones leave it to that one. Should nothing in the batch have answered for
     * such a season (the last line was refused, a retention purge having come in between), it is read back too.
     *
     * @param byTeam the team ledgers' answers, one per event of the batch, in order
     */
    private void updateReadModels(List<StatLineChanged> batch, List<LineState> lines, List<Applied> byPlayer,
                                  List<Applied> byTeam) {
        List<SeasonOfLedger> returned = new ArrayList<>();
        List<CachedSeason> standings = new ArrayList<>();
        List<SeasonOfLedger> readBack = new ArrayList<>();
        List<SeasonOfLedger> leftToLater = new ArrayList<>();
        long taken = 0;
        for (int i = 0; i < batch.size(); i++) {
            StatLineChanged event = batch.get(i);
            derive(new SeasonOfLedger(Ledger.player(event.playerId()), event.season(), event.seasonType()),
                    byPlayer.get(i), returned, standings, readBack, leftToLater);
            derive(new SeasonOfLedger(Ledger.team(event.teamId()), event.season(), event.seasonType()),
                    byTeam.get(i), returned, standings, readBack, leftToLater);
            if (changedLedger(byPlayer.get(i))) {
                taken++;
            }
        }
        Set<SeasonOfLedger> answered = new HashSet<>(returned);
        answered.addAll(readBack);
        leftToLater.stream().filter(season -> !answered.contains(season)).forEach(readBack::add);
        leaders.index(returned, standings);
        leaders.refresh(readBack);
        Map<String, Map<Long, String>> teamsOfGames = directory.record(batch);
        live.count(taken);
        for (int i = 0; i < batch.size(); i++) {
            Applied applied = byPlayer.get(i);
            if (changedLedger(applied)) {
                StatLineChanged event = batch.get(i);
                String opponent = teamsOfGames.getOrDefault(event.gameId(), Map.of()).entrySet().stream()
                        .filter(team -> team.getKey() != event.teamId() && !team.getValue().isEmpty())
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                EventLog.applied(event, lines.get(i), applied.previous(), opponent,
                        applied.outcome().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    private static void derive(SeasonOfLedger season, Applied applied, List<SeasonOfLedger> returned,
                               List<CachedSeason> standings, List<SeasonOfLedger> readBack,
                               List<SeasonOfLedger> leftToLater) {
        if (applied.standing() != null) {
            returned.add(season);
            standings.add(applied.standing());
        } else if (applied.outcome() == ApplyOutcome.RETIRED || applied.outcome() == ApplyOutcome.UNLOADED) {
            readBack.add(season);
        } else {
            leftToLater.add(season);
        }
    }

    private static boolean changedLedger(Applied applied) {
        return applied.outcome() == ApplyOutcome.APPLIED || applied.outcome() == ApplyOutcome.LOADED;
    }

    /**
     * Applies the updates, loading from PostgreSQL any ledger that is missing and applying to it again.
     *
     * @param retried given the indexes of the updates whose ledger was just loaded, the updates to apply to it
     *                ({@code null}: the same updates)
     */
    private List<Applied> applyLoadingMissing(List<LineUpdate> updates,
                                              Function<List<Integer>, List<LineUpdate>> retried) {
        List<Applied> outcomes = new ArrayList<>(cache.apply(updates));
        if (missing(outcomes).isEmpty()) {
            return outcomes;
        }
        try {
            LOADS.invoke(() -> loadAndApplyAgain(updates, retried, outcomes));
        } catch (LedgersVanished e) {
            // Transient (the cache is being emptied again and again, e.g. flushes during a rebuild): retried, never
            // dead-lettered, since the event itself is fine.
            throw new TransientDataAccessResourceException(e.getMessage());
        }
        return outcomes;
    }

    /** One round: loads the ledgers still missing and applies to them again; fails if any vanished again meanwhile. */
    private void loadAndApplyAgain(List<LineUpdate> updates, Function<List<Integer>, List<LineUpdate>> retried,
                                   List<Applied> outcomes) {
        List<Integer> missing = missing(outcomes);
        rebuild.loadForIngest(ledgersOf(missing, updates));
        List<LineUpdate> again = retried == null ? missing.stream().map(updates::get).toList() : retried.apply(missing);
        List<Applied> results = cache.apply(again);
        for (int i = 0; i < missing.size(); i++) {
            Applied result = results.get(i);
            outcomes.set(missing.get(i), result.outcome() == ApplyOutcome.DUPLICATE
                    ? new Applied(ApplyOutcome.LOADED, result.version(), null, result.standing()) : result);
        }
        List<Integer> vanished = missing(outcomes);
        if (!vanished.isEmpty()) {
            throw new LedgersVanished(ledgersOf(vanished, updates).size());
        }
    }

    private static List<Integer> missing(List<Applied> outcomes) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).outcome() == ApplyOutcome.UNLOADED) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static Set<Ledger> ledgersOf(List<Integer> indexes, List<LineUpdate> updates) {
        Set<Ledger> ledgers = new LinkedHashSet<>();
        indexes.forEach(i -> ledgers.add(updates.get(i).ledger()));
        return ledgers;
    }

    /** Ledgers loaded for a batch were gone again when it applied to them: a flush in between. */
    private static final class LedgersVanished extends RuntimeException {

        LedgersVanished(int ledgers) {
            super(ledgers + " ledgers vanished again right after loading", null, false, false);
        }
    }
}
