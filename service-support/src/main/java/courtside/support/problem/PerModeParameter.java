package courtside.support.problem;

import courtside.model.PerMode;

/**
 * The {@code per_mode} query parameter of both services' average endpoints, read from its text. Not bound to the
 * enum by Spring's conversion: when a converter refuses a value, Spring falls back to the enum's constant names, so
 * {@code per_mode=PER_36} would pass as {@code per_36} instead of being refused.
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
