package courtside.stats.line;

import jakarta.persistence.Embeddable;

import java.io.Serializable;

/** A line's identity: one player in one game. */
@Embeddable
public record StatLineId(String gameId, Long playerId) implements Serializable {
}
