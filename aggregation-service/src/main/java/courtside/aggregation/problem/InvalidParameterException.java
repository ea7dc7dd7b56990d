package courtside.aggregation.problem;

/** A request parameter that Bean Validation cannot judge alone (it depends on another one): a 400 naming it. */
public final class InvalidParameterException extends RuntimeException {

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
