package courtside.aggregation.ingest;

import courtside.aggregation.ledger.LineState;
import courtside.model.BoxScoreStat;
import courtside.model.SeasonTotals;
import courtside.model.StatLineChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.math.RoundingMode;

/**
 * The readable event log: every line a ledger takes is logged once, as one structured (JSON) entry with the
 * event's own keys and a sentence a person reads, e.g. "Nikola Jokic (DEN) had 26 points, 14 rebounds and 10
 * assists in 33:44 vs PHX on October 20th, 2021"; a correction says what changed. Its own logger,
 * {@code courtside.events}, so that an operator can turn it down without losing the rest.
 */
final class EventLog {

    static final Logger LOG = LoggerFactory.getLogger("courtside.events");

    private EventLog() {
    }

    /**
     * @param now       the line as the event leaves it ({@link LineState#of}), computed once by the caller
     * @param previous  the line as the ledger had it before, {@code null} for a line it did not know
     * @param opponent  the other team's abbreviation in the game, {@code null} while unknown
     * @param outcome   {@code applied}, or {@code loaded} when the ledger was loaded with the line already in it
     */
    static void applied(StatLineChanged event, LineState now, LineState previous, String opponent, String outcome) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        LoggingEventBuilder entry = LOG.atInfo()
                .addKeyValue("event_id", event.eventId())
                .addKeyValue("event_type", event.eventType())
                .addKeyValue("outcome", outcome)
                .addKeyValue("version", event.version())
                .addKeyValue("game_id", event.gameId())
                .addKeyValue("game_date", event.gameDate())
                .addKeyValue("season", event.season())
                .addKeyValue("season_type", event.seasonType().wireName())
                .addKeyValue("player_id", event.playerId())
                .addKeyValue("player_name", event.playerName())
                .addKeyValue("team_id", event.teamId())
                .addKeyValue("team_abbreviation", event.teamAbbreviation())
                .addKeyValue("opponent_abbreviation", opponent);
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            if (!stat.isShooting() || event.stats().hasShooting()) {
                entry = entry.addKeyValue(stat.wireName(), shown(stat, now.stat(stat)));
            }
        }
        Map<String, String> changed = previous == null || previous.deleted() || event.deleted() ? Map.of() : changes(previous, now);
        if (!changed.isEmpty()) {
            entry = entry.addKeyValue("changed", changed);
        }
        entry.log(sentence(event, previous, opponent, changed));
    }

    /** The sentence of an event, as the log shows it. */
    static String sentence(StatLineChanged event, LineState previous, String opponent, Map<String, String> changed) {
        String who = (event.playerName() != null ? event.playerName() : "Player " + event.playerId())
                + (event.teamAbbreviation() != null ? " (" + event.teamAbbreviation() + ")" : "");
        String where = (opponent != null ? " vs " + opponent : "") + " on " + date(event.gameDate());
        if (event.deleted()) {
            return "Removed the line of " + who + where;
        }
        String line = who + " had " + list(List.of(count(event.stats().points(), "point"), count(event.stats().rebounds(), "rebound"),
                count(event.stats().assists(), "assist"))) + " in " + clock(event.stats().minutesPlayed()) + where;
        if (previous == null || previous.deleted()) {
            return line;
        }
        if (changed.isEmpty()) {
            return "Corrected: " + line + " (nothing that counts changed)";
        }
        List<String> changes = new ArrayList<>();
        changed.forEach((stat, change) -> changes.add(stat.replace('_', ' ') + " " + change));
        return "Corrected: " + line + "; " + String.join(", ", changes);
    }

    private static Map<String, String> changes(LineState before, LineState after) {
        Map<String, String> changed = new LinkedHashMap<>();
        for (BoxScoreStat stat : BoxScoreStat.values()) {
            if (before.stat(stat) != after.stat(stat)) {
                changed.put(stat.wireName(), shown(stat, before.stat(stat)) + " → " + shown(stat, after.stat(stat)));
            }
        }
        return changed;
    }

    private static String shown(BoxScoreStat stat, long value) {
        return stat == BoxScoreStat.MINUTES_PLAYED
                ? BigDecimal.valueOf(value, SeasonTotals.MINUTES_SCALE).stripTrailingZeros().toPlainString()
                : Long.toString(value);
    }

    private static String count(int value, String noun) {
        return value + " " + noun + (value == 1 ? "" : "s");
    }

    private static String list(List<String> items) {
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    /** Minutes as a game clock: 33.733 is 33:44. */
    static String clock(BigDecimal minutes) {
        long seconds = minutes.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }

    /** October 20th, 2021. */
    static String date(LocalDate date) {
        int day = date.getDayOfMonth();
        String suffix = day >= 11 && day <= 13 ? "th" : switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + day + suffix + ", " + date.getYear();
    }
}
