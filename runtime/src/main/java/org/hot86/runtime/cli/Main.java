package org.hot86.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code hot86} command. Subcommands are registered in the {@code subcommands}
 * list below; each is a picocli {@code Callable<Integer>} returning the process exit code.
 *
 * <p>Contract: stdout belongs to the guest (or to the subcommand's own output such as
 * disassembly); every diagnostic goes to stderr. No Java stack trace reaches the user
 * for an expected error: {@link CliError} and picocli's parameter errors print one line
 * and exit with a code from {@link ExitCodes}.
 */
@Command(
        name = "hot86",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "x86 emulator for the JVM: guest code compiled to JVM bytecode.",
        subcommands = {CommandLine.HelpCommand.class, DisasmCommand.class, UserCommand.class},
        sortOptions = false)
public final class Main implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More logging on stderr (repeat for more: -v info, -vv debug, -vvv trace).")
    boolean[] verbose = new boolean[0];

    @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
            description = "Log level on stderr: trace, debug, info, warn (default), error, off.")
    String logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        // No subcommand: show the usage, as `git` does.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version that Maven filtered into the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"hot86 " + version(), "JVM " + System.getProperty("java.vm.name")
                    + " " + System.getProperty("java.version")};
        }
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/hot86-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    /** Builds the command line with the project's error handling; used by tests too. */
    public static CommandLine commandLine() {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        // `hot86 user PROGRAM ARGS...`: everything after PROGRAM belongs to the guest.
        cl.getSubcommands().get("user").setStopAtPositional(true);
        cl.setExecutionStrategy(parseResult -> {
            try {
                Logging.configure(main.logLevel, main.verbose.length);
            } catch (CliError e) {
                parseResult.commandSpec().commandLine().getErr().println("hot86: " + e.getMessage());
                return e.exitCode();
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("hot86: " + ex.getMessage());
            err.println("Try 'hot86 --help' for more information.");
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof CliError ce) {
                err.println("hot86: " + ce.getMessage());
                return ce.exitCode();
            }
            // A bug in hot86: the one place a trace is useful, but only when asked for.
            err.println("hot86: internal error: " + ex);
            if (main.verbose.length > 0 || "debug".equalsIgnoreCase(main.logLevel)
                    || "trace".equalsIgnoreCase(main.logLevel)) {
                ex.printStackTrace(err);
            } else {
                err.println("(run with -v for details)");
            }
            return ExitCodes.INTERNAL;
        });
        return cl;
    }

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (Logging.isConfigured()) {
            LoggerFactory.getLogger(Main.class).debug("exit code {}", code);
        }
        System.out.flush();
        System.exit(code);
    }
}
