package courtside.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What the figures of an average answer are: per game (the default), the season's sums, or per 36 minutes played.
 * On the wire: {@code per_game}, {@code totals}, {@code per_36}. The percentages and efficiency figures are the same
 * in every mode.
 */
public enum PerMode {
    PER_GAME("per_game"), TOTALS("totals"), PER_36("per_36");

    private final String wireName;

    PerMode(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name, e.g. {@code per_36}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /**
     * Reads a wire name, accepting only the exact spellings so that a typo is an error and not silently another
     * mode. A switch rather than a loop over {@code values()}: this runs on every cached-average GET, and
     * {@code values()} copies its array each time.
     *
     * @throws IllegalArgumentException for anything but {@code per_game}, {@code totals} or {@code per_36}
     */
    @JsonCreator
    public static PerMode fromWireName(String wireName) {
        return switch (wireName) {
            case "per_game" -> PER_GAME;
            case "totals" -> TOTALS;
            case "per_36" -> PER_36;
            case null, default -> throw new IllegalArgumentException("per_mode must be 'per_game', 'totals' or 'per_36'");
        };
    }
}
