package courtside.aggregation.ledger;

/**
 * One line version for one ledger.
 *
 * @param state        the line's state, {@link LineState#encode() encoded}
 * @param floorVersion the lowest version that may enter a ledger that does not know the line yet
 */
public record LineUpdate(Ledger ledger, String field, String state, long floorVersion) {

    public LineUpdate withFloor(long floor) {
        return new LineUpdate(ledger, field, state, floor);
    }
}
