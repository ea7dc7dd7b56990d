package courtside.stats.line;

import courtside.model.SeasonType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;

interface StatLineRepository extends JpaRepository<StatLine, StatLineId> {

    /** Every line of the given games, tombstones included: what a write checks a game's rules against. */
    @Query("select l from StatLine l where l.id.gameId in :gameIds")
    List<StatLine> findAllInGames(Collection<String> gameIds);

    @Query("""
            select l from StatLine l
            where l.id.playerId = :playerId and l.deleted = false
              and (:season is null or l.season = :season)
              and (:seasonType is null or l.seasonType = :seasonType)
            order by l.gameDate desc, l.id.gameId desc""")
    Page<StatLine> findPlayerLines(long playerId, String season, SeasonType seasonType, Pageable page);

    @Query("""
            select l from StatLine l
            where l.teamId = :teamId and l.deleted = false
              and (:season is null or l.season = :season)
              and (:seasonType is null or l.seasonType = :seasonType)
            order by l.gameDate desc, l.id.gameId desc, l.id.playerId""")
    Page<StatLine> findTeamLines(long teamId, String season, SeasonType seasonType, Pageable page);

    @Query("""
            select distinct l.id.playerId from StatLine l
            where l.deleted = false
              and (:season is null or l.season = :season)
              and (:seasonType is null or l.seasonType = :seasonType)
            order by l.id.playerId""")
    List<Long> findPlayerIds(String season, SeasonType seasonType);

    @Query("""
            select distinct l.teamId from StatLine l
            where l.deleted = false
              and (:season is null or l.season = :season)
              and (:seasonType is null or l.seasonType = :seasonType)
            order by l.teamId""")
    List<Long> findTeamIds(String season, SeasonType seasonType);
}
