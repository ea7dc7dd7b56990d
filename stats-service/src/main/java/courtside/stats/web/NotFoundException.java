package courtside.stats.web;

/** Nothing stored matches: an unknown player, team, season or line (404). */
public final class NotFoundException extends RuntimeException {

    private final String title;

    public NotFoundException(String title, String detail) {
        super(detail);
        this.title = title;
    }

    String title() {
        return title;
    }
}
