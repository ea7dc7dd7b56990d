package courtside.aggregation;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's player or team view as {@link DashboardBrowserTests} drives it: the mode switch and the split
 * pickers, each waiting until the page shows the answer to it, and the cells of its tables. Also the page's number
 * formats, written out in Java so that a test can say what a figure must look like.
 */
final class DashboardPage {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final WebDriver page;

    DashboardPage(WebDriver page) {
        this.page = page;
    }

    WebDriverWait await() {
        return new WebDriverWait(page, PATIENCE);
    }

    /** Per game, Totals or Per 36 (per_game, totals, per_36), then the wait for the answer in that mode. */
    void chooseMode(String perMode) {
        // The radio itself is invisible (the segmented control styles its label), so the label's text is clicked.
        page.findElement(By.xpath("//input[@name='per_mode'][@value='%s']/following-sibling::span".formatted(perMode))).click();
        await().until(ExpectedConditions.attributeToBe(By.id("averages-table"), "data-per-mode", perMode));
        await().until(driver -> driver.findElement(By.id("averages-table")).getAttribute("aria-busy") == null);
    }

    /**
     * The last games ("" for the whole season) and the opponent ("" for every one), then the wait until the page
     * shows what the answer echoes, {@code split} as a query string ("last=10", "vs=1610612743", "" for none).
     */
    void chooseSplit(String last, String vs, String split) {
        new Select(page.findElement(By.id("split-last"))).selectByValue(last);
        new Select(page.findElement(By.id("split-vs"))).selectByValue(vs);
        awaitSplit(split);
    }

    void awaitSplit(String split) {
        // Not attributeToBe: it takes an empty attribute for a missing one and reads a CSS property instead.
        await().until(driver -> split.equals(driver.findElement(By.id("detail")).getDomAttribute("data-split")));
        await().until(driver -> driver.findElement(By.id("averages-table")).getAttribute("aria-busy") == null);
    }

    /** A cell of the stat table: the row of a stat (points, ts_pct, ast_to…), the column (player, team, opponent…). */
    String figure(String stat, String column) {
        return page.findElement(By.cssSelector("#averages-table tr[data-stat='%s'] td[data-col='%s']".formatted(stat, column)))
                .getText();
    }

    String columnHeading(String column) {
        return page.findElement(By.cssSelector("#averages-table thead th[data-col='%s']".formatted(column))).getText();
    }

    List<String> columns() {
        return page.findElements(By.cssSelector("#averages-table thead th[data-col]")).stream()
                .map(heading -> heading.getAttribute("data-col")).toList();
    }

    String text(String id) {
        return page.findElement(By.id(id)).getText();
    }

    boolean shown(String id) {
        return page.findElement(By.id(id)).isDisplayed();
    }

    /** The rows of a traded player's per-team table, by their data-team (a team id, or TOT), in the page's order. */
    List<String> teamRows() {
        return page.findElements(By.cssSelector("#teams-table tbody tr")).stream()
                .map(row -> row.getAttribute("data-team")).toList();
    }

    /** A cell of the per-team table: the row of a team id (or TOT), the column of a stat (games_played, points…). */
    String teamFigure(String team, String stat) {
        WebElement row = page.findElement(By.cssSelector("#teams-table tbody tr[data-team='%s']".formatted(team)));
        return row.findElement(By.cssSelector("td[data-stat='%s']".formatted(stat))).getText();
    }

    String teamLabel(String team) {
        return page.findElement(By.cssSelector("#teams-table tbody tr[data-team='%s'] th".formatted(team))).getText();
    }

    Object js(String script) {
        return ((JavascriptExecutor) page).executeScript(script);
    }

    // ---- the page's formats ---------------------------------------------------------------------------------------

    /**
     * What {@code value.toFixed(decimals)} shows: the double's exact value rounded half up. Rounding the exact
     * quotient instead would differ where the double lies just below a tie (1.15 is 1.1499999…).
     */
    static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** A per-game or per-36 figure, as the page shows a double: one decimal. */
    static String tenths(double value) {
        return fixed(value, 1);
    }

    /** A percentage the service answers as a ratio, as the page shows it: 0.6158… is 61.6%. */
    static String percent(double ratio) {
        return fixed(ratio * 100, 1) + "%";
    }

    /** A whole total, grouped as en-US groups it: 2,004. */
    static String total(long value) {
        return String.format(Locale.US, "%,d", value);
    }
}
