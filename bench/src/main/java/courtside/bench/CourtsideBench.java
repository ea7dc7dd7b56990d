package courtside.bench;

import courtside.bench.measure.BenchCommand;
import courtside.bench.replay.ReplayCommand;
import courtside.bench.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The courtside client for the command line: it plays the scorekeeping clients ({@code replay}) and the
 * dashboards ({@code verify}) against a running stack.
 */
@Command(name = "courtside-bench", mixinStandardHelpOptions = true, version = "courtside-bench 0.1.0",
        description = "Replays box scores into courtside and checks what it answers.",
        subcommands = {ReplayCommand.class, VerifyCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class CourtsideBench {

    private CourtsideBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command and returns its exit status: 0 done, 1 a failure it found, 2 a usage error. */
    public static int run(String... args) {
        return new CommandLine(new CourtsideBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
