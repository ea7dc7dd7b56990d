package courtside.stats.line;

import courtside.model.StatLineChanged;
import courtside.model.StatLineChanged.Change;
import courtside.stats.line.StoredLine.Outcome;
import courtside.stats.outbox.OutboxWriter;
import courtside.model.FieldProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Stores posted lines with their identity rules (docs/design.md section 2): an identical line changes nothing, a
 * different one is a correction with the next version, and every change writes its event into the outbox in
 * the same transaction. A batch is stored whole or not at all. Lines are read and stored with JDBC
 * ({@link StatLineTable} says why), not through the JPA entity's persistence context.
 */
@Service
public class LineRecorder {

    private final StatLineTable lines;
    private final GameLocks games;
    private final RetiredSeasons retired;
    private final OutboxWriter outbox;
    private final Clock clock;

    LineRecorder(StatLineTable lines, GameLocks games, RetiredSeasons retired, OutboxWriter outbox, Clock clock) {
        this.lines = lines;
        this.games = games;
        this.retired = retired;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * @param batch valid lines, no two with the same {@code (game_id, player_id)}
     * @return the stored lines in request order, each with its outcome
     * @throws LineConflictException  when a line contradicts its game or its stored team; nothing is stored
     * @throws RetiredSeasonException when a line belongs to a season retention has dropped; nothing is stored
     */
    @Transactional
    public List<StoredLine> record(List<StatLineRequest> batch) {
        LinkedHashSet<String> gameIds = new LinkedHashSet<>();
        batch.forEach(line -> gameIds.add(line.gameId()));
        games.lock(gameIds);
        // Only now, under the game locks: see RetiredSeasons for why that order keeps retention complete.
        retired.firstKept().ifPresent(firstKept -> refuseRetired(batch, firstKept));

        Map<String, GameLines> byGame = new HashMap<>();
        for (StatLine stored : lines.findAllInGames(gameIds)) {
            byGame.computeIfAbsent(stored.id().gameId(), id -> new GameLines()).put(stored);
        }

        Instant now = clock.instant();
        List<StoredLine> answer = new ArrayList<>(batch.size());
        List<StatLine> inserted = new ArrayList<>();
        List<StatLine> replaced = new ArrayList<>();
        List<StatLineChanged> events = new ArrayList<>();
        List<FieldProblem> conflicts = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            StatLineRequest request = batch.get(index);
            GameLines game = byGame.computeIfAbsent(request.gameId(), id -> new GameLines());
            StatLine stored = game.line(request.playerId());
            if (stored != null && stored.hasSameValuesAs(request)) {
                answer.add(StoredLine.of(stored, Outcome.UNCHANGED));
                continue;
            }
            Optional<FieldProblem> conflict = game.conflictWith(request, index);
            if (conflict.isPresent()) {
                conflicts.add(conflict.get());
                continue;
            }
            Change change;
            if (stored == null) {
                stored = StatLine.recorded(request, now);
                inserted.add(stored);
                game.put(stored);
                change = Change.RECORDED;
            } else {
                change = stored.deleted() ? Change.RECORDED : Change.CORRECTED;
                stored.replaceWith(request, now);
                replaced.add(stored);
            }
            events.add(stored.toEvent(change, UUID.randomUUID()));
            answer.add(StoredLine.of(stored, change == Change.RECORDED ? Outcome.CREATED : Outcome.CORRECTED));
        }
        if (!conflicts.isEmpty()) {
            throw new LineConflictException(conflicts, batch.size());
        }
        lines.insert(inserted);
        lines.update(replaced);
        outbox.append(events);
        return answer;
    }

    /**
     * Removes a line: a new version marked deleted, announced like any other change.
     *
     * @return the removed line, or empty when there is no such line (or it is already removed)
     */
    @Transactional
    public Optional<StoredLine> remove(StatLineId id) {
        games.lockExisting(id.gameId());
        Optional<StatLine> found = lines.find(id).filter(line -> !line.deleted());
        found.ifPresent(line -> removeAll(List.of(line)));
        return found.map(StoredLine::of);
    }

    /**
     * Removes the lines of the season in these games, as a DELETE removes one: how retention takes a season
     * out of PostgreSQL and, through the events, out of every read model. Retention retires the season first
     * ({@link RetiredSeasons#retireBefore}), so that no line comes back into it meanwhile.
     *
     * @return the lines removed
     */
    @Transactional
    public int removeSeason(String season, Collection<String> gameIds) {
        games.lockExisting(gameIds);
        List<StatLine> expired = lines.findAllInGames(gameIds).stream()
                .filter(line -> !line.deleted() && line.season().equals(season))
                .toList();
        removeAll(expired);
        return expired.size();
    }

    /** Each line's next version, marked deleted, and its event in the outbox, in the caller's transaction. */
    private void removeAll(List<StatLine> removed) {
        Instant now = clock.instant();
        List<StatLineChanged> events = new ArrayList<>(removed.size());
        for (StatLine line : removed) {
            line.remove(now);
            events.add(line.toEvent(Change.REMOVED, UUID.randomUUID()));
        }
        lines.update(removed);
        outbox.append(events);
    }

    private static void refuseRetired(List<StatLineRequest> batch, String firstKept) {
        TreeSet<String> seasons = new TreeSet<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            String season = batch.get(index).effectiveSeason();
            if (season.compareTo(firstKept) < 0) {
                seasons.add(season);
                problems.add(new FieldProblem(index, "season",
                        "season %s was dropped by retention; the oldest season that takes lines is %s"
                                .formatted(season, firstKept)));
            }
        }
        if (!problems.isEmpty()) {
            throw new RetiredSeasonException(List.copyOf(seasons), firstKept, problems, batch.size());
        }
    }
}
