package courtside.support.problem;

import courtside.model.PerMode;

/**
 * The {@code per_mode} query parameter of both services' average endpoints, read from its text: the cached-average
 * GET takes its parameters as plain text on purpose (binding cost more than the lookup, docs/performance), and a
 * converter alone would not be strict, since Spring tries an enum's constant names when a converter refuses a value
 * (see {@code WireFormatConfiguration}). Only the exact wire spellings pass: {@code PER_36} or {@code TOTALS} is
 * refused (tested in both services).
 */
public final class PerModeParameter {

    /** The parameter's name on the wire. */
    public static final String NAME = "per_mode";

    private PerModeParameter() {
    }

    /**
     * The mode a wire name asks for.
     *
     * @throws InvalidRequestParameterException (400) for anything but {@code per_game}, {@code totals} or {@code per_36}
     */
    public static PerMode of(String wireName) {
        try {
            return PerMode.fromWireName(wireName);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestParameterException.of(NAME, "must be 'per_game', 'totals' or 'per_36'");
        }
    }
}
