package courtside.stats.line;

import courtside.model.BoxScore;
import courtside.model.SeasonType;
import courtside.model.StatLineChanged;
import jakarta.persistence.Embedded;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored box-score line. Its {@code version} goes up by one with every change (a correction, a removal, a
 * line posted again after its removal), so every event about the line can be ordered by it. A removed line
 * stays as a tombstone ({@code deleted}) to keep its version.
 *
 * <p>JPA only reads it, for the API's queries: the write path loads, changes and stores it with JDBC
 * ({@link StatLineTable}), whose insert also sets {@code created_at}, a column no reader needs.
 */
@Entity
@Immutable
@Table(name = "stat_line")
public class StatLine {

    @EmbeddedId
    private StatLineId id;
    private long version;
    private boolean deleted;
    private LocalDate gameDate;
    private String season;
    private SeasonType seasonType;
    private String playerName;
    private long teamId;
    private String teamAbbreviation;
    @Embedded
    private BoxScore stats;
    private Instant updatedAt;

    protected StatLine() {
    }

    /** A stored line as {@link StatLineTable} reads it, the arguments in the table's column order. */
    StatLine(StatLineId id, long version, boolean deleted, LocalDate gameDate, String season, SeasonType seasonType,
             String playerName, long teamId, String teamAbbreviation, BoxScore stats, Instant updatedAt) {
        this.id = id;
        this.version = version;
        this.deleted = deleted;
        this.gameDate = gameDate;
        this.season = season;
        this.seasonType = seasonType;
        this.playerName = playerName;
        this.teamId = teamId;
        this.teamAbbreviation = teamAbbreviation;
        this.stats = stats;
        this.updatedAt = updatedAt;
    }

    /** The first version of a line; its {@code updated_at} is also when it was created. */
    static StatLine recorded(StatLineRequest request, Instant now) {
        StatLine line = new StatLine();
        line.id = request.id();
        line.version = 1;
        line.copyValues(request, now);
        return line;
    }

    /** Replaces the values with a newer version: a correction, or a removed line posted again. */
    void replaceWith(StatLineRequest request, Instant now) {
        version++;
        deleted = false;
        copyValues(request, now);
    }

    /** Takes the line back: a new version that counts nowhere. */
    void remove(Instant now) {
        version++;
        deleted = true;
        updatedAt = now;
    }

    /** Whether posting {@code request} would change nothing (an idempotent retry). */
    boolean hasSameValuesAs(StatLineRequest request) {
        return !deleted
                && gameDate.equals(request.gameDate())
                && season.equals(request.effectiveSeason())
                && seasonType == request.effectiveSeasonType()
                && Objects.equals(playerName, nameOrKept(request.playerName(), playerName))
                && teamId == request.teamId()
                && Objects.equals(teamAbbreviation, nameOrKept(request.teamAbbreviation(), teamAbbreviation))
                && stats.sameAs(request.boxScore());
    }

    private void copyValues(StatLineRequest request, Instant now) {
        gameDate = request.gameDate();
        season = request.effectiveSeason();
        seasonType = request.effectiveSeasonType();
        playerName = nameOrKept(request.playerName(), playerName);
        teamId = request.teamId();
        teamAbbreviation = nameOrKept(request.teamAbbreviation(), teamAbbreviation);
        stats = request.boxScore();
        updatedAt = now;
    }

    /**
     * The names are optional and the latest one seen is kept: a running line posted again without them
     * keeps the stored ones instead of erasing them. The stats, by contrast, are always replaced whole.
     */
    private static String nameOrKept(String posted, String stored) {
        return posted != null ? posted : stored;
    }

    /** The event that announces this version of the line. */
    StatLineChanged toEvent(StatLineChanged.Change change, UUID eventId) {
        return new StatLineChanged(eventId, change, version, updatedAt, id.gameId(), gameDate, season, seasonType,
                id.playerId(), playerName, teamId, teamAbbreviation, stats);
    }

    public StatLineId id() { return id; }
    public long version() { return version; }
    public boolean deleted() { return deleted; }
    public LocalDate gameDate() { return gameDate; }
    public String season() { return season; }
    public SeasonType seasonType() { return seasonType; }
    public String playerName() { return playerName; }
    public long teamId() { return teamId; }
    public String teamAbbreviation() { return teamAbbreviation; }
    public BoxScore stats() { return stats; }
    public Instant updatedAt() { return updatedAt; }
}
