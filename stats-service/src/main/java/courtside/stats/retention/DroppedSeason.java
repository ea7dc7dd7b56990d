package courtside.stats.retention;

/**
 * What one retention run did to one season.
 *
 * @param linesRemoved lines taken out (a new version marked deleted, its event published to every read model)
 * @param linesPurged  rows deleted from {@code stat_line} for good: this run's removals and older tombstones
 */
record DroppedSeason(String season, int linesRemoved, int linesPurged) {
}
