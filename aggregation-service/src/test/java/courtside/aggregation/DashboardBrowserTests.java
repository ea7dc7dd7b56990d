package courtside.aggregation;

import courtside.model.BoxScoreFile;
import courtside.model.BoxScoreLine;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static courtside.aggregation.DashboardPage.fixed;
import static courtside.aggregation.DashboardPage.percent;
import static courtside.aggregation.DashboardPage.tenths;
import static courtside.aggregation.DashboardPage.total;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /}, in a real headless Chromium, against the real season: after the 2021-22 box scores
 * went through stats-service and Kafka into the cache, the leader table shows the season's top scorer with the
 * average SQL gives, all of the season's players fit in one table, a searched player's game-by-game chart has one
 * point per game SQL has, his figures follow the per-mode switch (per game, totals, per 36) with TS%, eFG% and AST/TO
 * as SQL computes them, his last 10 games and his games against one opponent are splits (and an opponent he never
 * played is a message, not a broken page), a team shows both of its averages, its record and its opponents' figures
 * beside its own, and its last 10 games, a traded player shows one row per team and the total (TOT), and the page
 * fits a phone's width. Screenshots go to {@code target/dashboard.png} and {@code target/dashboard-phone.png}.
 */
@AggregationServiceTest
// Last of the JVM (junit-platform.properties): posting the real season first would leave SeasonReplayCacheTests
// only unchanged lines, and so no freshness to measure.
@Order(Integer.MAX_VALUE)
@EnabledIf(value = "browserInstalled", disabledReason = HeadlessChromium.NOT_INSTALLED)
class DashboardBrowserTests {

    private static final String SEASON = "2021-22";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Path PHONE_SCREENSHOT = Path.of("target", "dashboard-phone.png");
    private static final Path FAILURE_SCREENSHOT = Path.of("target", "dashboard-failure.png");
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A player's sums over stat_line, minutes in thousandths as the services sum them. */
    private static final String SEASON_SUMS = """
            SELECT count(*) AS games, sum(points) AS points, sum(assists) AS assists, sum(turnovers) AS turnovers,
                   sum(minutes_played * 1000)::bigint AS minutes, sum(fgm) AS fgm, sum(fga) AS fga, sum(fg3m) AS fg3m,
                   sum(ftm) AS ftm, sum(fta) AS fta
            FROM stat_line""";

    @LocalServerPort
    int port;
    @Autowired
    Pipeline pipeline;

    private final JdbcTemplate sql = RunningStatsService.shared().jdbc();

    /** Evaluated before the Spring context starts: without a browser the whole embedded stack is not worth it. */
    static boolean browserInstalled() {
        return HeadlessChromium.installedOrRequired();
    }

    @Test
    void showsTheSeasonAsSqlHasItOnADesktopAndOnAPhone() {
        pipeline.post(BoxScoreFile.sampleSeason().stream().map(BoxScoreLine::toWire).toList(), 1000);
        pipeline.awaitQuiet();

        try (HeadlessChromium chromium = HeadlessChromium.start(1280, 2000)) {
            WebDriver page = chromium.driver();
            // Runs before the page's own scripts (and outside its Content-Security-Policy): every violation of the
            // policy, a script, style, image or request the browser refused, is kept for the check below.
            chromium.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                    window.cspViolations = [];
                    document.addEventListener('securitypolicyviolation',
                        e => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""));
            // The season is named: other test classes of this JVM may have stored later (synthetic) seasons.
            page.get("http://localhost:%d/?season=%s&season_type=regular".formatted(port, SEASON));
            try {
                await(page).until(driver -> "true".equals(driver.findElement(By.tagName("body")).getAttribute("data-ready"))
                        || driver.findElement(By.id("leaders-error")).isDisplayed());
                assertThat(page.findElement(By.id("leaders-error")).getText()).as("the error the page shows").isEmpty();

                DashboardPage view = new DashboardPage(page);
                theTopScorerLeadsAsSqlSays(page);
                everyPlayerOfTheSeasonFitsInOneTable(page);
                long jokic = aSearchedPlayerOpensHisGameByGameChart(page);
                hisFiguresFollowThePerModeSwitch(view, jokic);
                hisLastTenGamesAndHisGamesAgainstAnOpponentAreSplits(view, jokic);
                theLiveMetricsUpdateByThemselves(page);
                chromium.saveFullPageScreenshot(SCREENSHOT);

                long denver = aTeamShowsBothOfItsAverages(page, view);
                theTeamShowsItsRecordAndItsOpponentsBesideIt(view, denver);
                theTeamsLastTenGamesAreASplitInEveryMode(view, denver);
                aTradedPlayerShowsOneRowPerTeamAndTheTotal(page, view);
                theWholePageFitsAPhone(chromium, page);
                chromium.saveFullPageScreenshot(PHONE_SCREENSHOT);
                assertThat((List<?>) ((JavascriptExecutor) page).executeScript("return window.cspViolations"))
                        .as("what the Content-Security-Policy refused").isEmpty();
            } catch (AssertionError | RuntimeException e) {
                chromium.saveFullPageScreenshot(FAILURE_SCREENSHOT);
                System.out.println("[dashboard] the page when the test failed: " + FAILURE_SCREENSHOT.toAbsolutePath());
                throw e;
            }
        }
        System.out.println("[dashboard] screenshots: " + SCREENSHOT.toAbsolutePath() + ", " + PHONE_SCREENSHOT.toAbsolutePath());
    }

    private void theTopScorerLeadsAsSqlSays(WebDriver page) {
        Map<String, Object> top = sql.queryForMap("""
                SELECT player_id, count(*) AS games, avg(points) AS points,
                       (array_agg(player_name ORDER BY game_date DESC))[1] AS player_name
                FROM stat_line WHERE season = ? AND season_type = 'regular' AND NOT deleted
                GROUP BY player_id ORDER BY avg(points) DESC LIMIT 1""", SEASON);
        // The season's scoring title, as published: the bundled box scores are the real ones.
        assertThat(top.get("player_name")).isEqualTo("Joel Embiid");
        String shown = ((BigDecimal) top.get("points")).setScale(1, RoundingMode.HALF_UP).toPlainString();
        assertThat(shown).isEqualTo("30.6");

        WebElement first = await(page).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#leaders-table[data-stat='points'] tbody tr:first-child")));
        assertThat(first.findElement(By.cssSelector(".rank")).getText()).isEqualTo("1");
        assertThat(first.findElement(By.cssSelector(".name")).getText()).isEqualTo(top.get("player_name"));
        assertThat(first.findElement(By.cssSelector(".value")).getText()).isEqualTo(shown);
        assertThat(first.findElement(By.cssSelector(".games")).getText()).isEqualTo(top.get("games").toString());
        assertThat(first.getAttribute("data-player-id")).isEqualTo(top.get("player_id").toString());
    }

    private void everyPlayerOfTheSeasonFitsInOneTable(WebDriver page) {
        Integer players = sql.queryForObject("""
                SELECT count(DISTINCT player_id) FROM stat_line
                WHERE season = ? AND season_type = 'regular' AND NOT deleted""", Integer.class, SEASON);
        assertThat(players).isGreaterThan(600);

        long startedAt = System.nanoTime();
        new Select(page.findElement(By.id("leaders-limit"))).selectByVisibleText("all");
        await(page).until(driver -> rows(driver).size() == players);
        long millis = Duration.ofNanos(System.nanoTime() - startedAt).toMillis();
        System.out.printf("[dashboard] leader table of all %d players: fetched and drawn in %d ms%n", players, millis);

        new Select(page.findElement(By.id("leaders-limit"))).selectByVisibleText("25");
        await(page).until(driver -> rows(driver).size() == 25);
    }

    private long aSearchedPlayerOpensHisGameByGameChart(WebDriver page) {
        Map<String, Object> jokic = sql.queryForMap("""
                SELECT player_id, count(*) AS games, sum(points) AS points FROM stat_line
                WHERE player_name = 'Nikola Jokic' AND season = ? AND season_type = 'regular' AND NOT deleted
                GROUP BY player_id""", SEASON);
        long playerId = ((Number) jokic.get("player_id")).longValue();
        int games = ((Number) jokic.get("games")).intValue();

        page.findElement(By.id("search")).sendKeys("jokic");
        await(page).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-results button[data-open='player'][data-id='%d']".formatted(playerId)))).click();

        await(page).until(ExpectedConditions.attributeToBe(By.id("game-chart"), "data-points", String.valueOf(games)));
        assertThat(page.findElement(By.id("detail")).getAttribute("data-id")).isEqualTo(String.valueOf(playerId));
        assertThat(page.findElement(By.id("detail-title")).getText()).isEqualTo("Nikola Jokic");
        assertThat(page.getCurrentUrl()).contains("player=" + playerId);

        // What Chart.js itself drew: one point per game SQL has, and the points in them add up to SQL's sum.
        Map<?, ?> drawn = (Map<?, ?>) js(page, """
                const games = Chart.getChart(document.getElementById('game-chart'));
                const distribution = Chart.getChart(document.getElementById('distribution-chart'));
                const canvas = games.canvas;
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
                return {
                  points: games.data.datasets[0].data.length,
                  sum: games.data.datasets[0].data.reduce((a, b) => a + b, 0),
                  average: games.data.datasets[1].data[0],
                  averageLabel: games.data.datasets[1].label,
                  painted,
                  distributionGames: distribution.data.datasets[0].data.reduce((a, b) => a + b, 0),
                };""");
        assertThat(((Number) drawn.get("points")).intValue()).isEqualTo(games);
        assertThat(((Number) drawn.get("sum")).longValue()).isEqualTo(((Number) jokic.get("points")).longValue());
        assertThat(((Number) drawn.get("average")).doubleValue())
                .isCloseTo(((Number) jokic.get("points")).doubleValue() / games, Offset.offset(1e-9));
        assertThat(drawn.get("averageLabel").toString()).startsWith("Season average");
        assertThat(((Number) drawn.get("painted")).intValue()).as("painted pixels of the game chart").isGreaterThan(1000);
        assertThat(((Number) drawn.get("distributionGames")).intValue()).isEqualTo(games);
        return playerId;
    }

    /**
     * Per game, per 36 and totals, as the answer's {@code per_mode} says, each equal to SQL's sums over his lines:
     * the counting stats, TS% and eFG% beside FG%, 3P% and FT% (over the shooting block's sums, as docs/api.md
     * defines them), and AST/TO. He played for one team, so there are no per-team rows.
     */
    private void hisFiguresFollowThePerModeSwitch(DashboardPage view, long playerId) {
        Map<String, Object> sums = sql.queryForMap(SEASON_SUMS + " WHERE player_id = ? AND season = ? AND season_type = 'regular' AND NOT deleted",
                playerId, SEASON);
        long games = n(sums, "games");
        long points = n(sums, "points");
        long fgm = n(sums, "fgm");
        long fga = n(sums, "fga");
        long fg3m = n(sums, "fg3m");

        assertThat(view.columnHeading("player")).isEqualTo("Per game");
        assertThat(view.figure("points", "player")).isEqualTo(tenths(points / (double) games));
        assertThat(view.figure("points", "total")).isEqualTo(total(points));
        assertThat(view.figure("fg_pct", "player")).isEqualTo(percent(fgm / (double) fga));
        // TS%: PTS ÷ (2 × (FGA + 0.44 × FTA)), the points 2·FGM + FG3M + FTM, as 100·PTS ÷ (200·FGA + 88·FTA).
        long shotPoints = 2 * fgm + fg3m + n(sums, "ftm");
        assertThat(view.figure("ts_pct", "player"))
                .isEqualTo(percent(100 * shotPoints / (double) (200 * fga + 88 * n(sums, "fta"))));
        assertThat(view.figure("efg_pct", "player")).isEqualTo(percent((2 * fgm + fg3m) / (double) (2 * fga)));
        assertThat(view.figure("ast_to", "player")).isEqualTo(fixed(n(sums, "assists") / (double) n(sums, "turnovers"), 2));
        assertThat(((List<?>) view.js("return [...document.querySelectorAll('#averages-table tbody tr[data-stat]')].map(r => r.dataset.stat)"))
                .stream().map(Object::toString).toList())
                .as("TS% and eFG% beside FG%, 3P% and FT%").containsSequence("fg_pct", "fg3_pct", "ft_pct", "ts_pct", "efg_pct");
        assertThat(view.shown("by-team")).as("per-team rows of a player of one team").isFalse();
        String trueShooting = view.figure("ts_pct", "player");

        view.chooseMode("per_36");
        assertThat(view.columnHeading("player")).isEqualTo("Per 36");
        assertThat(view.figure("points", "player")).isEqualTo(tenths(points * 36_000 / (double) n(sums, "minutes")));
        assertThat(view.figure("minutes_played", "player")).isEqualTo("36.0");
        assertThat(view.figure("points", "total")).isEqualTo(total(points));
        assertThat(view.figure("ts_pct", "player")).as("TS% in every mode").isEqualTo(trueShooting);
        assertThat(view.js("return location.search").toString()).contains("per_mode=per_36");

        view.chooseMode("totals");
        assertThat(view.columns()).as("totals need no second totals column").containsExactly("player");
        assertThat(view.columnHeading("player")).isEqualTo("Totals");
        assertThat(view.figure("points", "player")).isEqualTo(total(points));
        assertThat(view.figure("fgm", "player")).isEqualTo(total(fgm));

        view.chooseMode("per_game");
        assertThat(view.figure("points", "player")).isEqualTo(tenths(points / (double) games));
    }

    /**
     * His last 10 games (by date, then game id) and his games against the opponent he met most, each the average
     * over those games only, as the answer echoes the split; his own team, which he never played against, is a
     * message with a way back to the whole season, while the rest of the page stays.
     */
    private void hisLastTenGamesAndHisGamesAgainstAnOpponentAreSplits(DashboardPage view, long playerId) {
        Map<String, Object> lastTen = sql.queryForMap("""
                SELECT count(*) AS games, sum(points) AS points FROM (
                    SELECT points FROM stat_line WHERE player_id = ? AND season = ? AND season_type = 'regular' AND NOT deleted
                    ORDER BY game_date DESC, game_id DESC LIMIT 10) last""", playerId, SEASON);
        assertThat(n(lastTen, "games")).isEqualTo(10);
        view.chooseSplit("10", "", "last=10");
        assertThat(view.text("detail-split")).isEqualTo("Last 10 games: 10 games");
        assertThat(view.figure("points", "player")).isEqualTo(tenths(n(lastTen, "points") / 10.0));
        assertThat(view.figure("points", "total")).isEqualTo(total(n(lastTen, "points")));
        assertThat(view.js("return location.search").toString()).contains("last=10");

        // The opponent is the other team with a line in the game, as the API defines vs.
        Map<String, Object> opponent = sql.queryForMap("""
                SELECT o.team_id, count(*) AS games, sum(l.points) AS points,
                       (SELECT t.team_abbreviation FROM stat_line t WHERE t.team_id = o.team_id AND t.season = l.season
                        AND NOT t.deleted ORDER BY t.game_date DESC, t.game_id DESC LIMIT 1) AS abbreviation
                FROM stat_line l
                JOIN LATERAL (SELECT min(x.team_id) AS team_id FROM stat_line x
                              WHERE x.game_id = l.game_id AND x.team_id <> l.team_id AND NOT x.deleted) o ON o.team_id IS NOT NULL
                WHERE l.player_id = ? AND l.season = ? AND l.season_type = 'regular' AND NOT l.deleted
                GROUP BY o.team_id, l.season ORDER BY count(*) DESC, o.team_id LIMIT 1""", playerId, SEASON);
        String vs = opponent.get("team_id").toString();
        long games = n(opponent, "games");
        view.chooseSplit("", vs, "vs=" + vs);
        assertThat(view.text("detail-split")).isEqualTo("Against %s: %d games".formatted(opponent.get("abbreviation"), games));
        assertThat(view.figure("points", "player")).isEqualTo(tenths(n(opponent, "points") / (double) games));

        String ownTeam = sql.queryForObject("""
                SELECT min(team_id) FROM stat_line WHERE player_id = ? AND season = ? AND NOT deleted""",
                Long.class, playerId, SEASON).toString();
        view.chooseSplit("", ownTeam, "vs=" + ownTeam);
        view.await().until(driver -> view.shown("split-empty"));
        assertThat(view.text("split-empty")).startsWith("No games in this split.").contains("Nikola Jokic");
        assertThat(view.shown("averages-box")).as("the stat table of a split without games").isFalse();
        assertThat(view.shown("detail")).isTrue();
        assertThat(view.shown("detail-error")).as("an error instead of the message").isFalse();

        view.js("document.getElementById('split-clear').click()");
        view.awaitSplit("");
        assertThat(view.shown("split-empty")).isFalse();
        assertThat(view.text("detail-split")).startsWith("Whole season: ");
        assertThat(view.js("return document.getElementById('split-vs').value")).isEqualTo("");
    }

    private void theLiveMetricsUpdateByThemselves(WebDriver page) {
        await(page).until(driver -> !driver.findElement(By.id("lines-total")).getText().equals("–"));
        assertThat(Long.parseLong(page.findElement(By.id("lines-total")).getText().replace(",", "")))
                .isPositive();
        long polled = materializedRequests(page);
        await(page).until(driver -> materializedRequests(driver) >= polled + 2);
        assertThat(page.findElement(By.id("live-dot")).getAttribute("class")).contains("ok");
    }

    private long aTeamShowsBothOfItsAverages(WebDriver page, DashboardPage view) {
        Map<String, Object> denver = sql.queryForMap("""
                SELECT team_id, count(DISTINCT game_id) AS games, count(*) AS lines, sum(points) AS points
                FROM stat_line WHERE team_abbreviation = 'DEN' AND season = ? AND season_type = 'regular' AND NOT deleted
                GROUP BY team_id""", SEASON);
        long points = ((Number) denver.get("points")).longValue();
        int games = ((Number) denver.get("games")).intValue();
        int lines = ((Number) denver.get("lines")).intValue();

        page.findElement(By.id("search")).clear();
        page.findElement(By.id("search")).sendKeys("DEN");
        await(page).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-results button[data-open='team'][data-id='%s']".formatted(denver.get("team_id"))))).click();
        await(page).until(ExpectedConditions.attributeToBe(By.id("detail"), "data-kind", "team"));
        await(page).until(ExpectedConditions.attributeToBe(By.id("game-chart"), "data-points", String.valueOf(games)));

        assertThat(view.figure("points", "team")).isEqualTo(oneDecimal(points, games));
        assertThat(view.figure("points", "per-player")).isEqualTo(oneDecimal(points, lines));
        String teamId = denver.get("team_id").toString();
        assertThat(page.findElement(By.cssSelector("#split-vs option[value='%s']".formatted(teamId))).getAttribute("disabled"))
                .as("a team as its own opponent").isNotNull();
        return Long.parseLong(teamId);
    }

    /**
     * The team's record as SQL decides its games (both teams' lines add up to the whole of regulation, and the points
     * differ: GameResult), which for Denver's 2021-22 is the published 48–34; and its opponents' figures, per game
     * over the games with an opponent's line and in total, in columns beside its own.
     */
    private void theTeamShowsItsRecordAndItsOpponentsBesideIt(DashboardPage view, long teamId) {
        Map<String, Object> opponents = sql.queryForMap("""
                WITH game AS (
                    SELECT game_id,
                           sum(points) FILTER (WHERE team_id = ?) AS points,
                           sum(minutes_played) FILTER (WHERE team_id = ?) AS minutes,
                           sum(points) FILTER (WHERE team_id <> ?) AS opponent_points,
                           sum(minutes_played) FILTER (WHERE team_id <> ?) AS opponent_minutes
                    FROM stat_line
                    WHERE NOT deleted AND game_id IN (
                        SELECT game_id FROM stat_line WHERE team_id = ? AND season = ? AND season_type = 'regular' AND NOT deleted)
                    GROUP BY game_id),
                decided AS (
                    SELECT *, minutes >= 239.9 AND opponent_minutes >= 239.9 AND points <> opponent_points AS decided FROM game)
                SELECT count(opponent_points) AS games, sum(opponent_points) AS points,
                       count(*) FILTER (WHERE decided AND points > opponent_points) AS wins,
                       count(*) FILTER (WHERE decided AND points < opponent_points) AS losses
                FROM decided""", teamId, teamId, teamId, teamId, teamId, SEASON);
        long wins = n(opponents, "wins");
        long losses = n(opponents, "losses");
        assertThat(wins + "–" + losses).as("Denver's published 2021-22 record").isEqualTo("48–34");
        long games = n(opponents, "games");
        long points = n(opponents, "points");

        assertThat(view.shown("detail-record")).isTrue();
        assertThat(view.text("detail-record")).isEqualTo("Record %d–%d".formatted(wins, losses));
        assertThat(view.columns()).containsExactly("team", "per-player", "opponent", "total", "opponent-total");
        assertThat(view.columnHeading("opponent")).isEqualTo("Opp. per game");
        assertThat(view.figure("points", "opponent")).isEqualTo(tenths(points / (double) games));
        assertThat(view.figure("points", "opponent-total")).isEqualTo(total(points));
        assertThat(view.figure("ts_pct", "opponent")).as("the opponents' shooting").endsWith("%");

        view.chooseMode("totals");
        assertThat(view.columns()).containsExactly("team", "opponent");
        assertThat(view.columnHeading("opponent")).isEqualTo("Opp. totals");
        assertThat(view.figure("points", "opponent")).isEqualTo(total(points));
        view.chooseMode("per_game");
    }

    /**
     * A traded player: one row per team he played for, in the order he played for them, named by the team on the line,
     * and TOT, the season answer itself; for James Harden, the rows the reference sites publish for his 2021-22 (BKN 44
     * games at 22.5 points, PHI 21 at 21.0, TOT 65 at 22.0), here as SQL computes them over stat_line. The per-mode
     * switch applies to the rows too.
     */
    private void aTradedPlayerShowsOneRowPerTeamAndTheTotal(WebDriver page, DashboardPage view) {
        List<Map<String, Object>> stints = sql.queryForList("""
                SELECT player_id, team_id, min(team_abbreviation) AS abbreviation, count(*) AS games, sum(points) AS points,
                       sum(minutes_played * 1000)::bigint AS minutes
                FROM stat_line WHERE player_name = 'James Harden' AND season = ? AND season_type = 'regular' AND NOT deleted
                GROUP BY player_id, team_id ORDER BY min(game_date)""", SEASON);
        assertThat(stints).extracting(stint -> stint.get("abbreviation")).containsExactly("BKN", "PHI");
        long playerId = n(stints.getFirst(), "player_id");
        long games = stints.stream().mapToLong(stint -> n(stint, "games")).sum();
        long points = stints.stream().mapToLong(stint -> n(stint, "points")).sum();

        page.findElement(By.id("search")).clear();
        page.findElement(By.id("search")).sendKeys("harden");
        await(page).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#search-results button[data-open='player'][data-id='%d']".formatted(playerId)))).click();
        await(page).until(ExpectedConditions.attributeToBe(By.id("detail"), "data-id", String.valueOf(playerId)));
        await(page).until(driver -> view.shown("by-team"));

        List<String> rows = stints.stream().map(stint -> stint.get("team_id").toString()).collect(Collectors.toList());
        rows.add("TOT");
        assertThat(view.teamRows()).isEqualTo(rows);
        for (Map<String, Object> stint : stints) {
            String team = stint.get("team_id").toString();
            assertThat(view.teamLabel(team)).isEqualTo(stint.get("abbreviation"));
            assertThat(view.teamFigure(team, "games_played")).isEqualTo(stint.get("games").toString());
            assertThat(view.teamFigure(team, "points")).isEqualTo(tenths(n(stint, "points") / (double) n(stint, "games")));
        }
        assertThat(view.teamLabel("TOT")).isEqualTo("TOT");
        assertThat(view.teamFigure("TOT", "games_played")).isEqualTo(String.valueOf(games));
        assertThat(view.teamFigure("TOT", "points")).isEqualTo(tenths(points / (double) games));
        assertThat(view.teamFigure("TOT", "points")).as("TOT is the season's figure").isEqualTo(view.figure("points", "player"));
        assertThat(List.of(view.teamFigure(rows.get(0), "points"), view.teamFigure(rows.get(1), "points"), view.teamFigure("TOT", "points")))
                .as("the published table").containsExactly("22.5", "21.0", "22.0");

        view.chooseMode("per_36");
        await(page).until(ExpectedConditions.attributeToBe(By.id("teams-table"), "data-per-mode", "per_36"));
        Map<String, Object> first = stints.getFirst();
        assertThat(view.teamFigure(rows.getFirst(), "points"))
                .isEqualTo(tenths(n(first, "points") * 36_000 / (double) n(first, "minutes")));
        view.chooseMode("per_game");
    }

    /**
     * The team's last 10 games: every one of its lines in those games, per team game and per player line; per 36
     * both views are one figure, so the per-player column goes.
     */
    private void theTeamsLastTenGamesAreASplitInEveryMode(DashboardPage view, long teamId) {
        Map<String, Object> lastTen = sql.queryForMap("""
                WITH last AS (
                    SELECT DISTINCT game_id, game_date FROM stat_line
                    WHERE team_id = ? AND season = ? AND season_type = 'regular' AND NOT deleted
                    ORDER BY game_date DESC, game_id DESC LIMIT 10)
                SELECT count(DISTINCT s.game_id) AS games, count(*) AS lines, sum(s.points) AS points,
                       sum(s.minutes_played * 1000)::bigint AS minutes
                FROM stat_line s JOIN last USING (game_id) WHERE s.team_id = ? AND NOT s.deleted""", teamId, SEASON, teamId);
        long points = n(lastTen, "points");
        long lines = n(lastTen, "lines");
        assertThat(n(lastTen, "games")).isEqualTo(10);

        view.chooseSplit("10", "", "last=10");
        assertThat(view.text("detail-split")).isEqualTo("Last 10 games: 10 team games, %d player lines".formatted(lines));
        assertThat(view.figure("points", "team")).isEqualTo(tenths(points / 10.0));
        assertThat(view.figure("points", "per-player")).isEqualTo(tenths(points / (double) lines));

        view.chooseMode("per_36");
        assertThat(view.columns()).startsWith("team").doesNotContain("per-player");
        assertThat(view.figure("points", "team")).isEqualTo(tenths(points * 36_000 / (double) n(lastTen, "minutes")));

        view.chooseMode("per_game");
        view.chooseSplit("", "", "");
    }

    private void theWholePageFitsAPhone(HeadlessChromium chromium, WebDriver page) {
        chromium.resize(390, 844);
        await(page).until(driver -> ((Number) js(driver, "return window.innerWidth")).intValue() == 390);
        // Chart.js fits each chart to its box from a ResizeObserver, a frame or more after the window shrinks. On a
        // busy machine the page was measured before that, with the desktop-sized canvas still in it (671 px wide).
        await(page).until(driver -> Boolean.TRUE.equals(js(driver, """
                return [...document.querySelectorAll('.chart-box canvas')].every(canvas =>
                    canvas.getBoundingClientRect().width <= canvas.parentElement.getBoundingClientRect().width + 1);""")));
        Map<?, ?> layout = (Map<?, ?>) js(page, """
                const value = document.querySelector('#leaders-table tbody tr:first-child .value').getBoundingClientRect();
                const chart = document.getElementById('game-chart').getBoundingClientRect();
                return {page: document.documentElement.scrollWidth, value: value.right, chart: chart.right};""");
        assertThat(((Number) layout.get("page")).intValue()).as("page width at 390 px: nothing sideways").isLessThanOrEqualTo(390);
        assertThat(((Number) layout.get("value")).doubleValue()).as("the leaders' value column, unscrolled").isLessThanOrEqualTo(390);
        assertThat(((Number) layout.get("chart")).doubleValue()).as("the chart's right edge").isLessThanOrEqualTo(390);
    }

    private static List<WebElement> rows(WebDriver page) {
        return page.findElements(By.cssSelector("#leaders-table tbody tr"));
    }

    private static long materializedRequests(WebDriver page) {
        return ((Number) js(page, """
                return performance.getEntriesByType('resource').filter(e => e.name.includes('/materialized')).length""")).longValue();
    }

    private static String oneDecimal(long sum, int count) {
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP).toPlainString();
    }

    private static long n(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }

    private static Object js(WebDriver page, String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }

    private static WebDriverWait await(WebDriver page) {
        return new WebDriverWait(page, PATIENCE);
    }
}
