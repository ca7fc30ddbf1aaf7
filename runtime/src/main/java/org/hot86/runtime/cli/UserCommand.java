package org.hot86.runtime.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hot86.runtime.linux.ElfException;
import org.hot86.runtime.user.UserMachine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hot86 user}: runs a static x86-64 Linux program, as {@code qemu-x86_64} does.
 * The exit status is the guest's; the emulator's own failures use {@link ExitCodes}.
 */
@Command(name = "user", sortOptions = false,
        description = {"Run a static x86-64 Linux program (ET_EXEC or static-PIE) in user mode.",
            "Files are the host's, as in qemu-x86_64. Exit status is the program's own."})
public final class UserCommand implements Callable<Integer> {
    @Mixin
    EngineOptionsMixin engine;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Stop the guest after this much host time (exit 124).")
    double timeout;

    @Option(names = "--realtime", description = "Clocks from the host instead of the virtual clock.")
    boolean realtime;

    @Option(names = {"-E", "--env"}, paramLabel = "VAR=VALUE", description = "Set a variable in the guest environment.")
    List<String> setEnv = new ArrayList<>();

    @Option(names = {"-U", "--unset-env"}, paramLabel = "VAR", description = "Remove a variable from the guest environment.")
    List<String> unsetEnv = new ArrayList<>();

    @Option(names = "--clear-env", description = "Start the guest with an empty environment (then -E adds).")
    boolean clearEnv;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The program (a path, or a name looked up in PATH).")
    String program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Its arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        long maxInsns = engine.maxInsns();
        if (maxInsns <= 0) {
            throw new CliError(ExitCodes.USAGE, "--max-insns must be positive");
        }
        if (timeout < 0) {
            throw new CliError(ExitCodes.USAGE, "--timeout must not be negative");
        }
        Path path = resolve(program);
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(args);
        UserMachine.Config cfg = new UserMachine.Config();
        cfg.maxInsns = maxInsns;
        cfg.timeoutSeconds = timeout;
        cfg.realtime = realtime;
        cfg.stats = engine.stats();
        cfg.engine = engine.options();
        if (realtime) {
            cfg.kernel.hostRandom();
        }
        UserMachine m;
        try {
            m = new UserMachine(path, argv, environment(), cfg);
        } catch (ElfException e) {
            int code = switch (e.kind()) {
                case NOT_ELF, MALFORMED -> ExitCodes.BAD_INPUT;
                case UNSUPPORTED -> ExitCodes.UNSUPPORTED;
                case DYNAMIC -> ExitCodes.DYNAMIC;
            };
            throw new CliError(code, program + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CliError(ExitCodes.NO_INPUT, program + ": cannot read: " + e.getMessage());
        }
        UserMachine.Result r = m.run();
        if (r.report() != null) {
            System.err.println(r.report());
        }
        return r.stoppedByLimit() ? ExitCodes.TIMEOUT : r.status();
    }

    private List<String> environment() {
        Map<String, String> env = clearEnv ? new LinkedHashMap<>() : new LinkedHashMap<>(System.getenv());
        for (String u : unsetEnv) {
            env.remove(u);
        }
        for (String kv : setEnv) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CliError(ExitCodes.USAGE, "-E expects VAR=VALUE, not '" + kv + "'");
            }
            env.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        List<String> out = new ArrayList<>();
        env.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** A path as given, or for a bare name the first match in PATH (as execvp does). */
    static Path resolve(String program) {
        Path p = Path.of(program);
        if (!program.contains("/")) {
            String pathVar = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
            for (String dir : pathVar.split(":")) {
                Path c = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                    return c;
                }
            }
        }
        if (!Files.exists(p)) {
            throw new CliError(ExitCodes.NO_INPUT, program + ": no such file");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new CliError(ExitCodes.NO_INPUT, program + ": not a readable file");
        }
        return p;
    }
}
