package courtside.stats.line;

import courtside.model.SeasonType;
import courtside.model.StatLineChanged;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.math.BigDecimal;
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
    private int points;
    private int rebounds;
    private int assists;
    private int steals;
    private int blocks;
    private int turnovers;
    private int fouls;
    @Column(precision = 6, scale = 3)
    private BigDecimal minutesPlayed;
    private int overtimePeriods;
    private Integer fgm;
    private Integer fga;
    private Integer fg3m;
    private Integer fg3a;
    private Integer ftm;
    private Integer fta;
    private Integer oreb;
    private Integer dreb;
    private Integer plusMinus;
    private Instant updatedAt;

    protected StatLine() {
    }

    /** A stored line as {@link StatLineTable} reads it, the arguments in the table's column order. */
    StatLine(StatLineId id, long version, boolean deleted, LocalDate gameDate, String season, SeasonType seasonType,
             String playerName, long teamId, String teamAbbreviation, int points, int rebounds, int assists,
             int steals, int blocks, int turnovers, int fouls, BigDecimal minutesPlayed, int overtimePeriods,
             Integer fgm, Integer fga, Integer fg3m, Integer fg3a, Integer ftm, Integer fta, Integer oreb,
             Integer dreb, Integer plusMinus, Instant updatedAt) {
        this.id = id;
        this.version = version;
        this.deleted = deleted;
        this.gameDate = gameDate;
        this.season = season;
        this.seasonType = seasonType;
        this.playerName = playerName;
        this.teamId = teamId;
        this.teamAbbreviation = teamAbbreviation;
        this.points = points;
        this.rebounds = rebounds;
        this.assists = assists;
        this.steals = steals;
        this.blocks = blocks;
        this.turnovers = turnovers;
        this.fouls = fouls;
        this.minutesPlayed = minutesPlayed;
        this.overtimePeriods = overtimePeriods;
        this.fgm = fgm;
        this.fga = fga;
        this.fg3m = fg3m;
        this.fg3a = fg3a;
        this.ftm = ftm;
        this.fta = fta;
        this.oreb = oreb;
        this.dreb = dreb;
        this.plusMinus = plusMinus;
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
                && points == request.points() && rebounds == request.rebounds() && assists == request.assists()
                && steals == request.steals() && blocks == request.blocks() && turnovers == request.turnovers()
                && fouls == request.fouls()
                && minutesPlayed.compareTo(request.minutesPlayed()) == 0
                && overtimePeriods == request.effectiveOvertimePeriods()
                && Objects.equals(fgm, request.fgm()) && Objects.equals(fga, request.fga())
                && Objects.equals(fg3m, request.fg3m()) && Objects.equals(fg3a, request.fg3a())
                && Objects.equals(ftm, request.ftm()) && Objects.equals(fta, request.fta())
                && Objects.equals(oreb, request.oreb()) && Objects.equals(dreb, request.dreb())
                && Objects.equals(plusMinus, request.plusMinus());
    }

    private void copyValues(StatLineRequest request, Instant now) {
        gameDate = request.gameDate();
        season = request.effectiveSeason();
        seasonType = request.effectiveSeasonType();
        playerName = nameOrKept(request.playerName(), playerName);
        teamId = request.teamId();
        teamAbbreviation = nameOrKept(request.teamAbbreviation(), teamAbbreviation);
        points = request.points();
        rebounds = request.rebounds();
        assists = request.assists();
        steals = request.steals();
        blocks = request.blocks();
        turnovers = request.turnovers();
        fouls = request.fouls();
        minutesPlayed = request.minutesPlayed();
        overtimePeriods = request.effectiveOvertimePeriods();
        fgm = request.fgm();
        fga = request.fga();
        fg3m = request.fg3m();
        fg3a = request.fg3a();
        ftm = request.ftm();
        fta = request.fta();
        oreb = request.oreb();
        dreb = request.dreb();
        plusMinus = request.plusMinus();
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
                id.playerId(), playerName, teamId, teamAbbreviation, points, rebounds, assists, steals, blocks,
                turnovers, fouls, minutesPlayed, overtimePeriods, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, plusMinus);
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
    public int points() { return points; }
    public int rebounds() { return rebounds; }
    public int assists() { return assists; }
    public int steals() { return steals; }
    public int blocks() { return blocks; }
    public int turnovers() { return turnovers; }
    public int fouls() { return fouls; }
    public BigDecimal minutesPlayed() { return minutesPlayed; }
    public int overtimePeriods() { return overtimePeriods; }
    public Integer fgm() { return fgm; }
    public Integer fga() { return fga; }
    public Integer fg3m() { return fg3m; }
    public Integer fg3a() { return fg3a; }
    public Integer ftm() { return ftm; }
    public Integer fta() { return fta; }
    public Integer oreb() { return oreb; }
    public Integer dreb() { return dreb; }
    public Integer plusMinus() { return plusMinus; }
    public Instant updatedAt() { return updatedAt; }
}
