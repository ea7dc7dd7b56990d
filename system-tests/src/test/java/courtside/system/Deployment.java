package courtside.system;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deployment as the repository's files describe it: the environment variables each service reads (the
 * {@code ${NAME}} placeholders of its {@code application*.yml}), the keys of {@code .env.example}, and what
 * {@code docker-compose.yml} passes to each container and takes from {@code .env}.
 */
final class Deployment {

    /** The services the repository deploys: each a Maven module and a compose service of the same name. */
    static final List<String> SERVICES = List.of("stats-service", "aggregation-service");

    /** A Spring placeholder for an environment variable: {@code ${DB_HOST}} or {@code ${DB_HOST:localhost}}. */
    private static final Pattern SPRING_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    /** A variable compose interpolates, {@code ${NAME…}} or {@code $NAME}; {@code $$} escapes a dollar sign. */
    private static final Pattern COMPOSE_VARIABLE =
            Pattern.compile("(?<!\\$)\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern ENV_FILE_ENTRY = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=");

    private final Path root;
    private final Map<String, Object> compose;

    private Deployment(Path root) {
        this.root = root;
        this.compose = loadYaml(root.resolve("docker-compose.yml")).getFirst();
    }

    /** The repository this test runs in: the first folder up from the working directory with a docker-compose.yml. */
    static Deployment ofThisRepository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
                return new Deployment(dir);
            }
        }
        throw new IllegalStateException("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
    }

    Path root() {
        return root;
    }

    /** The environment variables a service reads: the upper-case placeholders of its application*.yml files. */
    Set<String> variablesReadBy(String service) {
        Set<String> names = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(
                root.resolve(service).resolve("src/main/resources"), "application*.{yml,yaml}")) {
            for (Path file : files) {
                loadYaml(file).forEach(document -> eachScalar(document, value -> collect(SPRING_PLACEHOLDER, value, names)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The variables .env.example lists. */
    Set<String> envExampleKeys() {
        Set<String> keys = new TreeSet<>();
        for (String line : lines(root.resolve(".env.example"))) {
            Matcher entry = ENV_FILE_ENTRY.matcher(line.strip());
            if (entry.find()) {
                keys.add(entry.group(1));
            }
        }
        return keys;
    }

    /** The names of the environment entries docker-compose.yml gives a service's container. */
    Set<String> composeEnvironmentOf(String service) {
        Object environment = composeService(service).get("environment");
        Set<String> names = new TreeSet<>();
        if (environment instanceof Map<?, ?> map) {
            map.keySet().forEach(name -> names.add(String.valueOf(name)));
        } else if (environment instanceof List<?> list) {
            list.forEach(entry -> names.add(String.valueOf(entry).split("=", 2)[0]));
        }
        return names;
    }

    /** The variables docker-compose.yml takes from .env (or the shell): every one it interpolates. */
    Set<String> composeVariables() {
        Set<String> names = new TreeSet<>();
        eachScalar(compose, value -> collect(COMPOSE_VARIABLE, value, names));
        return names;
    }

    /** The image a compose service runs. */
    String composeImageOf(String service) {
        return String.valueOf(composeService(service).get("image"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> composeService(String service) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Object found = services.get(service);
        if (!(found instanceof Map<?, ?>)) {
            throw new AssertionError("docker-compose.yml has no service " + service);
        }
        return (Map<String, Object>) found;
    }

    /** Every scalar value of a YAML tree (not the keys), as text; comments are not part of the tree. */
    private static void eachScalar(Object node, Consumer<String> action) {
        if (node instanceof Map<?, ?> map) {
            map.values().forEach(value -> eachScalar(value, action));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> eachScalar(value, action));
        } else if (node != null) {
            action.accept(String.valueOf(node));
        }
    }

    private static void collect(Pattern pattern, String text, Set<String> names) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> loadYaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            new Yaml().loadAll(reader).forEach(document -> documents.add((Map<String, Object>) document));
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
