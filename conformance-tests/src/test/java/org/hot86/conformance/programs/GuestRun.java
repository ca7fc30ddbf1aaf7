package org.hot86.conformance.programs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hot86.runtime.user.UserMachine;

/** One program run, natively or under {@code hot86 user}, with its observable results. */
record GuestRun(int status, byte[] stdout, byte[] stderr) {
    /** The environment both runs get: fixed, so outputs can be compared byte for byte. */
    static final List<String> ENV = List.of("PATH=/usr/bin:/bin", "LC_ALL=C", "HOME=/nonexistent", "TZ=UTC");

    static GuestRun nativeRun(Path exe, List<String> args, byte[] stdin, Path cwd) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(args.subList(1, args.size()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().clear();
        for (String kv : ENV) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path in = Files.createTempFile(cwd, "stdin", ".bin");
        Files.write(in, stdin);
        pb.redirectInput(in.toFile());
        Process p = pb.start();
        // argv[0] differs between the runs otherwise; exec through the same name via /proc is not
        // possible, so tests use programs that do not print argv[0].
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException e) {
                // ignored: the comparison will show it
            }
        });
        t.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("native run timed out: " + cmd);
        }
        t.join();
        Files.deleteIfExists(in);
        return new GuestRun(p.exitValue(), out, err.toByteArray());
    }

    static GuestRun hot86Run(Path exe, List<String> args, byte[] stdin, Path cwd, boolean jit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        UserMachine.Config cfg = new UserMachine.Config();
        cfg.maxInsns = 20_000_000_000L;
        cfg.timeoutSeconds = 300;
        cfg.jit = jit;
        cfg.kernel.stdio(new ByteArrayInputStream(stdin), out, err).cwd(cwd);
        UserMachine m = new UserMachine(exe, args, ENV, cfg);
        UserMachine.Result r = m.run();
        if (r.stoppedByLimit()) {
            throw new IOException("hot86 run stopped by its limit: " + r.report());
        }
        if (r.report() != null) {
            err.writeBytes((r.report() + "\n").getBytes());
        }
        return new GuestRun(r.status(), out.toByteArray(), err.toByteArray());
    }

    boolean sameAs(GuestRun o) {
        return status == o.status && Arrays.equals(stdout, o.stdout);
    }

    String describe() {
        String out = new String(stdout, java.nio.charset.StandardCharsets.ISO_8859_1);
        String err = new String(stderr, java.nio.charset.StandardCharsets.ISO_8859_1);
        return "status " + status + "\n--- stdout (" + stdout.length + " bytes)\n" + clip(out) + "\n--- stderr\n" + clip(err);
    }

    private static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "\n[... " + (s.length() - 2000) + " more]" : s;
    }
}
