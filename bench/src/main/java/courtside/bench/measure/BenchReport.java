package courtside.bench.measure;

import courtside.model.CourtsideJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one bench run, written as {@code bench-report.md} (a table for people) and {@code .json}. */
final class BenchReport {

    private final List<Figure> figures = new ArrayList<>();
    /** Per measured load: the cores each part of the stack kept busy. */
    private final List<Map<String, Object>> cpu = new ArrayList<>();
    private final Map<String, String> run = new LinkedHashMap<>();

    BenchReport(String command) {
        run.put("date", Instant.now().toString());
        run.put("command", command);
        run.put("machine", Machine.describe());
        run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    }

    void note(String key, String value) {
        run.put(key, value);
    }

    void add(Figure figure) {
        figures.add(figure);
    }

    void cpu(int seasons, String load, Map<String, Double> cores) {
        if (cores.isEmpty()) {
            return;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seasons", seasons);
        row.put("load", load);
        row.put("cores", cores);
        cpu.add(row);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("bench-report.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>(run);
        json.put("figures", figures.stream().map(BenchReport::asMap).toList());
        json.put("cpu", cpu);
        Files.writeString(dir.resolve("bench-report.json"),
                CourtsideJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# courtside bench report\n\n");
        run.forEach((key, value) -> md.append("- **").append(key).append("**: ").append(value).append('\n'));
        md.append("\n| seasons | what | measured | ceiling, same run | ratio | target | met |\n")
                .append("|---:|---|---:|---|---:|---|:---:|\n");
        for (Figure f : figures) {
            md.append("| %d | %s | %s %s | %s | %s | %s | %s |%n".formatted(f.seasons(), f.what(), number(f.value()), f.unit(),
                    f.ceilingName().isEmpty() ? "" : f.ceilingName() + ": " + number(f.ceiling()) + " " + f.unit(),
                    Double.isNaN(f.ratio()) ? "" : "%.2f×".formatted(f.ratio()), f.target(),
                    f.met() == null ? "" : f.met() ? "yes" : "**no**"));
        }
        if (!cpu.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<String> parts = List.copyOf(((Map<String, Double>) cpu.getFirst().get("cores")).keySet());
            md.append("\n## Where the CPU went\n\nCores kept busy on average during each load (user + system time from /proc), ")
                    .append("out of ").append(Runtime.getRuntime().availableProcessors()).append(":\n\n| seasons | load | all | ")
                    .append(String.join(" | ", parts)).append(" |\n|---:|---|---:|").append("---:|".repeat(parts.size())).append('\n');
            for (Map<String, Object> row : cpu) {
                @SuppressWarnings("unchecked")
                Map<String, Double> cores = (Map<String, Double>) row.get("cores");
                md.append("| ").append(row.get("seasons")).append(" | ").append(row.get("load")).append(" | ")
                        .append("%.2f".formatted(cores.values().stream().mapToDouble(Double::doubleValue).sum()));
                parts.forEach(part -> md.append(" | ").append("%.2f".formatted(cores.getOrDefault(part, 0.0))));
                md.append(" |\n");
            }
        }
        return md.toString();
    }

    private static Map<String, Object> asMap(Figure f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("seasons", f.seasons());
        row.put("what", f.what());
        row.put("value", finite(f.value()));
        row.put("unit", f.unit());
        row.put("ceiling_name", f.ceilingName());
        row.put("ceiling", finite(f.ceiling()));
        row.put("ratio", finite(f.ratio()));
        row.put("target", f.target());
        row.put("met", f.met());
        return row;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
