package courtside.aggregation.ledger;

import java.util.List;

/**
 * What forgetting the retired seasons did to one ledger.
 *
 * @param lines for {@link PurgeOutcome#PURGED} the tombstones deleted, for {@link PurgeOutcome#LIVE} the lines
 *              of retired seasons that still count
 * @param games the games of the tombstones deleted
 */
public record RetiredPurge(PurgeOutcome outcome, long lines, List<String> games) {
}
