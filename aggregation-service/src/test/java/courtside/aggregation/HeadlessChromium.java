package courtside.aggregation;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: the real browser the dashboard is tested in.
 * No browser is downloaded (this machine reaches Maven Central, npm and Debian only); Selenium is handed both
 * binaries, so its Selenium Manager never looks for them.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Debian's binaries by default; another Chromium-based browser and its matching driver where these are set. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("COURTSIDE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("COURTSIDE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** Set by {@code .ci/run}: CI fails rather than skips when the browser is missing. */
    static final String REQUIRE_BROWSER = "COURTSIDE_REQUIRE_BROWSER";

    /**
     * Selenium warns at every start that it has no DevTools binding for this Chromium's version; nothing here
     * uses one (screenshots go through chromedriver's own CDP command), so the warning is noise.
     * Held here because java.util.logging keeps its loggers only weakly.
     */
    private static final List<Logger> QUIETED = Stream.of("org.openqa.selenium.devtools.CdpVersionFinder",
            "org.openqa.selenium.chromium.ChromiumDriver").map(Logger::getLogger).peek(logger -> logger.setLevel(Level.SEVERE)).toList();

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static final String NOT_INSTALLED = "Chromium or chromedriver not installed: the dashboard's browser test needs "
            + "Debian's `sudo apt-get install chromium chromium-driver` (.ci/run installs them)";

    /**
     * Whether Chromium and chromedriver are there, for an {@code @EnabledIf} that skips the test class without them;
     * with {@value #REQUIRE_BROWSER}=1 a missing browser fails the class instead.
     */
    static boolean installedOrRequired() {
        List<Path> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(path -> !Files.isExecutable(path)).toList();
        if (missing.isEmpty()) {
            return true;
        }
        if ("1".equals(System.getenv(REQUIRE_BROWSER))) {
            throw new IllegalStateException("%s: %s missing, and %s=1 requires the browser".formatted(
                    NOT_INSTALLED, missing, REQUIRE_BROWSER));
        }
        System.out.printf("[skipped] %s: %s missing%n", NOT_INSTALLED, missing);
        return false;
    }

    /** A new browser with an empty profile of its own, its window (and so its viewport) the given size. */
    static HeadlessChromium start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("courtside-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // Without the background-networking flags Chromium keeps calling Google's hosts, which this closed
        // network refuses; --no-sandbox because CI runs as root.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--hide-scrollbars", "--lang=en-US",
                "--user-data-dir=" + profile, "--window-size=%d,%d".formatted(width, height));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Resizes the window; in headless Chromium the viewport is the whole window. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** The whole page, not only the viewport, as a PNG file. */
    Path saveFullPageScreenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Object png = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "captureBeyondViewport", true)).get("data");
            byte[] bytes = png instanceof String base64 ? Base64.getDecoder().decode(base64) : driver.getScreenshotAs(OutputType.BYTES);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
