package courtside.bench;

import picocli.CommandLine.Option;

/** {@code --progress}, the same on every command that runs long. */
public final class ProgressOption {

    @Option(names = "--progress", defaultValue = "auto", description = "auto, bar, lines or none (default: ${DEFAULT-VALUE}).")
    private Progress.Mode mode;

    public Progress.Mode mode() {
        return mode;
    }
}
