package courtside.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The part of an NBA season a game belongs to. On the wire it is lower case: {@code regular}, {@code playoffs}. */
public enum SeasonType {
    REGULAR, PLAYOFFS;

    /** The wire name, e.g. {@code regular}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a wire name, accepting only the exact lower-case spellings so that a typo is an error and not
     * silently another season type.
     *
     * @throws IllegalArgumentException for anything but {@code regular} or {@code playoffs}
     */
    @JsonCreator
    public static SeasonType fromWireName(String wireName) {
        for (SeasonType type : values()) {
            if (type.wireName().equals(wireName)) {
                return type;
            }
        }
        throw new IllegalArgumentException("season_type must be 'regular' or 'playoffs'");
    }
}
