package org.hot86.bench.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end-to-end benchmark: a fixed set of static x86-64 workloads run natively, under
 * {@code qemu-x86_64}, and under {@code hot86 user} with and without the JIT, several
 * times each, in the same run. Prints median wall times, guest MIPS where hot86 reports
 * them ({@code --stats}), and the ratios hot86/native and hot86/qemu.
 *
 * <p>Usage (from the repository root, after {@code mvn -DskipTests package}):
 * <pre>
 *   bench/e2e [--runs N] [--only a,b] [--runners native,qemu,jit,nojit] [--timeout S] [--scale F]
 * </pre>
 * Workloads are sized so that a native run takes about a second at scale 1; the C
 * kernels in {@code bench/src/main/c} are compiled here with {@code gcc -static -O2},
 * and the busybox applets (Debian's busybox-static) read data generated here from a
 * fixed seed, so every run of every runner sees the same bytes.
 */
public final class EndToEnd {
    record Workload(String name, List<String> argv, Path stdin) {}

    record Runner(String name, List<String> prefix) {}

    record Sample(double seconds, int exit, Double mips, String output) {}

    public static void main(String[] args) throws Exception {
        int runs = 3;
        double timeout = 600;
        double scale = 1.0;
        List<String> only = null;
        List<String> runners = List.of("native", "qemu", "jit", "nojit");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--timeout" -> timeout = Double.parseDouble(args[++i]);
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--runners" -> runners = Arrays.asList(args[++i].split(","));
                case "-h", "--help" -> {
                    System.out.println("usage: bench/e2e [--runs N] [--only a,b] "
                            + "[--runners native,qemu,jit,nojit] [--timeout S] [--scale F]");
                    return;
                }
                default -> {
                    System.err.println("e2e: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        Path root = Path.of(System.getProperty("hot86.root", ".")).toAbsolutePath().normalize();
        Path work = root.resolve("bench/target/e2e");
        Files.createDirectories(work);

        List<Workload> workloads = workloads(root, work, scale);
        if (only != null) {
            List<String> keep = only;
            workloads.removeIf(w -> !keep.contains(w.name()));
        }
        Map<String, Runner> all = new LinkedHashMap<>();
        all.put("native", new Runner("native", List.of()));
        all.put("qemu", new Runner("qemu", List.of("qemu-x86_64")));
        String hot86 = root.resolve("hot86").toString();
        all.put("jit", new Runner("jit", List.of(hot86, "user", "--stats")));
        all.put("nojit", new Runner("nojit", List.of(hot86, "user", "--stats", "--no-jit")));

        System.out.printf(Locale.ROOT, "%-10s %-7s %10s %8s %10s %10s  %s%n", "workload", "runner",
                "median s", "MIPS", "x native", "x qemu", "notes");
        for (Workload w : workloads) {
            Map<String, Double> medians = new LinkedHashMap<>();
            String reference = null;
            for (String rn : runners) {
                Runner r = all.get(rn);
                if (r == null) {
                    System.err.println("e2e: unknown runner " + rn);
                    System.exit(2);
                }
                List<Sample> samples = new ArrayList<>();
                String note = "";
                for (int i = 0; i < runs; i++) {
                    Sample s = run(r, w, timeout);
                    samples.add(s);
                    if (s.exit() != 0) {
                        note = "exit " + s.exit();
                        break;
                    }
                    if (reference == null) {
                        reference = s.output();
                    } else if (!reference.equals(s.output())) {
                        note = "OUTPUT DIFFERS";
                    }
                }
                double[] secs = samples.stream().mapToDouble(Sample::seconds).sorted().toArray();
                double median = secs[secs.length / 2];
                medians.put(rn, median);
                Double mips = samples.get(samples.size() - 1).mips();
                String xn = ratio(median, medians.get("native"), rn.equals("native"));
                String xq = ratio(median, medians.get("qemu"), rn.equals("qemu") || rn.equals("native"));
                System.out.printf(Locale.ROOT, "%-10s %-7s %10.3f %8s %10s %10s  %s%n", w.name(), rn, median,
                        mips == null ? "-" : String.format(Locale.ROOT, "%.0f", mips), xn, xq, note);
                System.out.flush();
            }
        }
    }

    private static String ratio(double t, Double base, boolean self) {
        if (self || base == null || base <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f", t / base);
    }

    private static final Pattern MIPS = Pattern.compile("guest MIPS: ([0-9.]+)");

    private static Sample run(Runner r, Workload w, double timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(r.prefix());
        cmd.addAll(w.argv());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectInput(w.stdin() == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(w.stdin().toFile()));
        Path out = Files.createTempFile("e2e", ".out");
        Path err = Files.createTempFile("e2e", ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        boolean done = p.waitFor((long) (timeout * 1000), TimeUnit.MILLISECONDS);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String o = digest(Files.readAllBytes(out));
        String e = Files.readString(err, StandardCharsets.ISO_8859_1);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Double mips = null;
        Matcher m = MIPS.matcher(e);
        if (m.find()) {
            mips = Double.parseDouble(m.group(1));
        }
        return new Sample(secs, done ? p.exitValue() : -1, mips, o);
    }

    private static String digest(byte[] b) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(b);
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Builds the C kernels and generates the data files; returns the workload list. */
    static List<Workload> workloads(Path root, Path work, double scale) throws IOException, InterruptedException {
        List<Workload> list = new ArrayList<>();
        Path csrc = root.resolve("bench/src/main/c");
        String[][] kernels = {
            {"crc32", "" + Math.max(1, (long) (400 * scale))},
            {"sieve", "20000000", "" + Math.max(1, (long) (10 * scale))},
            {"sort", "" + Math.max(1000, (long) (10_000_000 * scale))},
            {"matmul", "" + Math.max(10, (long) (1150 * Math.cbrt(scale)))},
            {"interp", "" + Math.max(1, (long) (1_000_000 * scale))},
        };
        for (String[] k : kernels) {
            Path bin = work.resolve(k[0]);
            Path src = csrc.resolve(k[0] + ".c");
            if (!Files.exists(bin) || Files.getLastModifiedTime(bin).compareTo(Files.getLastModifiedTime(src)) < 0) {
                exec(List.of("gcc", "-static", "-O2", "-o", bin.toString(), src.toString()));
            }
            List<String> argv = new ArrayList<>();
            argv.add(bin.toString());
            argv.addAll(Arrays.asList(k).subList(1, k.length));
            list.add(new Workload(k[0], argv, null));
        }
        Path busybox = Path.of("/bin/busybox");
        if (Files.isExecutable(busybox)) {
            Path random = data(work.resolve("random.bin"), (long) (160_000_000 * scale), false);
            Path text = data(work.resolve("text.txt"), (long) (20_000_000 * scale), true);
            Path text10 = data(work.resolve("text10.txt"), (long) (10_000_000 * scale), true);
            Path lines = numbers(work.resolve("numbers.txt"), (int) (500_000 * scale));
            String bb = busybox.toString();
            list.add(new Workload("sha256sum", List.of(bb, "sha256sum", random.toString()), null));
            list.add(new Workload("gzip-9", List.of(bb, "gzip", "-9", "-c", text.toString()), null));
            list.add(new Workload("bzip2", List.of(bb, "bzip2", "-c", text10.toString()), null));
            list.add(new Workload("sort-n", List.of(bb, "sort", "-n", lines.toString()), null));
            list.add(new Workload("awk-fp", List.of(bb, "awk", "BEGIN{s=0; for(i=1;i<=" + (long) (3_000_000 * scale)
                    + ";i++) s+=i*1.5/(i+0.5); printf \"%.6f\\n\", s}"), null));
        } else {
            System.err.println("e2e: /bin/busybox missing (apt-get install busybox-static): busybox workloads skipped");
        }
        return list;
    }

    private static void exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    /** Deterministic bytes (xorshift64*): random, or base64-like text lines. */
    private static Path data(Path f, long size, boolean text) throws IOException {
        if (Files.exists(f) && Files.size(f) == size) {
            return f;
        }
        byte[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/ the and of "
                .getBytes(StandardCharsets.US_ASCII);
        long x = 0x9E3779B97F4A7C15L;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(f)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(buf.length, size - done);
                for (int i = 0; i < n; i++) {
                    x ^= x >>> 12;
                    x ^= x << 25;
                    x ^= x >>> 27;
                    long v = x * 0x2545F4914F6CDD1DL;
                    if (text) {
                        buf[i] = (done + i) % 77 == 76 ? (byte) '\n' : alphabet[(int) ((v >>> 40) % (alphabet.length - (i & 7)))];
                    } else {
                        buf[i] = (byte) (v >>> 56);
                    }
                }
                out.write(buf, 0, n);
                done += n;
            }
        }
        return f;
    }

    private static Path numbers(Path f, int count) throws IOException {
        if (Files.exists(f) && Files.readString(f).lines().count() == count) {
            return f;
        }
        StringBuilder sb = new StringBuilder();
        for (long i = 1; i <= count; i++) {
            sb.append((i * 7919) % 1000003).append('\n');
        }
        Files.writeString(f, sb);
        return f;
    }
}
