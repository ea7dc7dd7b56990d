package courtside.stats.line;

import courtside.model.SeasonType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.List;

/** The API's reads of stored lines. Lines are written by {@link LineRecorder} through {@link StatLineTable}. */
interface StatLineRepository extends Repository<StatLine, StatLineId> {

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
