/**
 * The contract both courtside services share: the {@link courtside.model.StatLineChanged} event that
 * stats-service publishes and aggregation-service consumes, its JSON mapping ({@link courtside.model.CourtsideJson})
 * and the season rules ({@link courtside.model.Season}, {@link courtside.model.SeasonType}).
 */
package courtside.model;
