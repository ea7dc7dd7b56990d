package courtside.aggregation.problem;

/** Nothing to show for a read model's request (no such season, no lines of that player): a 404. */
public final class ReadModelNotFoundException extends RuntimeException {

    private final String title;

    public ReadModelNotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
