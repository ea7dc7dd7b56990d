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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard at {@code /}, in a real headless Chromium, against the real season: after the 2021-22 box scores
 * went through stats-service and Kafka into the cache, the leader table shows the season's top scorer with the
 * average SQL gives, all of the season's players fit in one table, a searched player's game-by-game chart has one
 * point per game SQL has, a team shows both of its averages, and the page fits a phone's width. Screenshots go to
 * {@code target/dashboard.png} and {@code target/dashboard-phone.png}.
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

                theTopScorerLeadsAsSqlSays(page);
                everyPlayerOfTheSeasonFitsInOneTable(page);
                aSearchedPlayerOpensHisGameByGameChart(page);
                theLiveMetricsUpdateByThemselves(page);
                chromium.saveFullPageScreenshot(SCREENSHOT);

                aTeamShowsBothOfItsAverages(page);
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

    private void aSearchedPlayerOpensHisGameByGameChart(WebDriver page) {
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
    }

    private void theLiveMetricsUpdateByThemselves(WebDriver page) {
        await(page).until(driver -> !driver.findElement(By.id("lines-total")).getText().equals("–"));
        assertThat(Long.parseLong(page.findElement(By.id("lines-total")).getText().replace(",", "")))
                .isPositive();
        long polled = materializedRequests(page);
        await(page).until(driver -> materializedRequests(driver) >= polled + 2);
        assertThat(page.findElement(By.id("live-dot")).getAttribute("class")).contains("ok");
    }

    private void aTeamShowsBothOfItsAverages(WebDriver page) {
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

        WebElement pointsRow = page.findElement(By.cssSelector("#averages-table tr[data-stat='points']"));
        assertThat(pointsRow.findElement(By.cssSelector(".per-game")).getText()).isEqualTo(oneDecimal(points, games));
        assertThat(pointsRow.findElement(By.cssSelector(".per-player-game")).getText()).isEqualTo(oneDecimal(points, lines));
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

    private static Object js(WebDriver page, String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }

    private static WebDriverWait await(WebDriver page) {
        return new WebDriverWait(page, PATIENCE);
    }
}
