package courtside.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a long command has come: a bar redrawn in place on a terminal, a plain line every few seconds when
 * the output goes to a file or a CI log (where carriage returns make a mess), or nothing.
 */
public final class Progress implements AutoCloseable {

    /** Where and how progress shows; {@code auto} picks {@code bar} on a terminal and {@code lines} elsewhere. */
    public enum Mode { AUTO, BAR, LINES, NONE }

    private static final Duration BAR_EVERY = Duration.ofMillis(250);
    private static final Duration LINE_EVERY = Duration.ofSeconds(5);
    private static final int BAR_WIDTH = 30;

    private final String what;
    private final String unit;
    private final long total;
    private final Mode mode;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final long startedAt = System.nanoTime();
    private final Thread reporter;

    private Progress(String what, String unit, long total, Mode mode, PrintStream out) {
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.mode = mode;
        this.out = out;
        this.reporter = mode == Mode.NONE ? null : Thread.ofVirtual().name("progress").start(this::report);
    }

    /** Progress of {@code what} ("replay") over {@code total} {@code unit}s ("lines"). */
    public static Progress of(String what, String unit, long total, Mode mode, PrintStream out) {
        Mode resolved = mode != Mode.AUTO ? mode
                : System.console() != null && System.console().isTerminal() ? Mode.BAR : Mode.LINES;
        return new Progress(what, unit, total, resolved, out);
    }

    public void advance(long units) {
        done.addAndGet(units);
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    private void report() {
        Duration every = mode == Mode.BAR ? BAR_EVERY : LINE_EVERY;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(every);
                print();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void print() {
        long now = done.get();
        double seconds = Math.max(elapsed().toNanos() / 1e9, 1e-3);
        double rate = now / seconds;
        String eta = rate > 0 && now < total ? clock((long) ((total - now) / rate)) : "-";
        int percent = total == 0 ? 100 : (int) (100 * now / total);
        if (mode == Mode.BAR) {
            int filled = (int) ((long) BAR_WIDTH * percent / 100);
            out.printf("\r%s [%s%s] %3d%% %,d/%,d  %,.0f %s/s  ETA %s   ", what, "#".repeat(filled),
                    ".".repeat(BAR_WIDTH - filled), percent, now, total, rate, unit, eta);
        } else {
            out.printf("%s: %,d/%,d %s (%d%%), %,.0f %s/s, ETA %s%n", what, now, total, unit, percent, rate, unit,
                    eta);
        }
        out.flush();
    }

    private static String clock(long seconds) {
        return "%d:%02d".formatted(seconds / 60, seconds % 60);
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.interrupt();
            try {
                reporter.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (mode == Mode.BAR) {
                print();
                out.println();
            }
        }
    }
}
