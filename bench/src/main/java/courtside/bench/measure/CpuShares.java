package courtside.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where the machine's CPU went during a load, per part of the stack: the cores each part kept busy on average
 * (from {@code /proc/PID/stat}: user plus system time). On one 2-core machine every part competes with every
 * other, so this is what shows which part bounds a figure. Linux only; elsewhere it reports nothing.
 */
final class CpuShares {

    /** Linux's USER_HZ: {@code /proc} counts CPU time in hundredths of a second on every common architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** A part of the stack and how to recognise its processes. */
    record Part(String name, Predicate<ProcessHandle> process) {
    }

    private final List<Part> parts;

    CpuShares(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * The CPU time used so far, in ticks, per part: its processes alive now, and the children they have reaped.
     */
    Map<String, Long> snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        parts.forEach(part -> ticks.put(part.name(), 0L));
        ProcessHandle.allProcesses().forEach(process -> {
            for (Part part : parts) {
                if (part.process().test(process)) {
                    ticks.merge(part.name(), cpuTicks(process.pid()), Long::sum);
                    break;
                }
            }
        });
        return ticks;
    }

    /** Cores kept busy on average between two snapshots taken {@code seconds} apart, per part. */
    static Map<String, Double> coresBetween(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> cores = new LinkedHashMap<>();
        after.forEach((part, ticks) -> cores.put(part,
                Math.max(0, ticks - before.getOrDefault(part, 0L)) / TICKS_PER_SECOND / seconds));
        return cores;
    }

    private static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name, in parentheses, may hold spaces: the fields are counted after its closing one.
            // utime and stime, plus cutime and cstime: the time of children that exited (PostgreSQL's backends of
            // closed connections count for the postmaster that forked them).
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
