package com.munityapps.bench;

import com.munityapps.secrets.MunitySecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SecretsBench} with JMH (one thread for every contender, then ours with 8 threads),
 * `openssl speed -seconds 3 rsa2048` in the same run, and prints the figures with JMH's 99.9%
 * error, the heap bytes allocated per operation (JMH's gc profiler) and the ratios the project targets.
 */
public final class BenchMain {
    private BenchMain() {}

    /** A figure with its error (ops/s), and bytes allocated per operation. */
    record Figure(double score, double error, double bytesPerOp) {
        Figure over(Figure other) {
            double ratio = score / other.score;
            double relative = Math.hypot(error / score, other.error / other.score);
            return new Figure(ratio, ratio * relative, Double.NaN);
        }
    }

    static String loadavg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static Options options(String pattern, int threads) {
        return new OptionsBuilder()
                .include(SecretsBench.class.getName() + "\\.(" + pattern + ")$")
                .threads(threads)
                .forks(Integer.getInteger("bench.forks", 2))
                .warmupIterations(Integer.getInteger("bench.warmups", 3))
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(Integer.getInteger("bench.iterations", 5))
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-Dbench.key=" + System.getProperty("bench.key"))
                .addProfiler(GCProfiler.class)
                .build();
    }

    static Map<String, Figure> run(Options options, String suffix) throws RunnerException {
        Map<String, Figure> figures = new LinkedHashMap<>();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceAll(".*\\.", "") + suffix;
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            figures.put(name, new Figure(primary.getScore(), primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
        }
        return figures;
    }

    /** `openssl speed -seconds 3 rsa2048`: {sign/s, verify/s} and its version line. */
    static Object[] opensslSpeed() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("openssl", "speed", "-seconds", "3", "rsa2048").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        String version = new String(new ProcessBuilder("openssl", "version").start().getInputStream().readAllBytes()).trim();
        for (String line : output.split("\n")) {
            if (line.trim().startsWith("rsa 2048")) {
                String[] f = line.trim().split("\\s+");
                return new Object[] {Double.parseDouble(f[f.length - 2]), Double.parseDouble(f[f.length - 1]), version};
            }
        }
        return new Object[] {Double.NaN, Double.NaN, version};
    }

    static String row(String name, Figure f) {
        return String.format("| %-24s | %,12.0f ± %,9.0f | %,10.0f |", name, f.score, f.error, f.bytesPerOp);
    }

    static String ratio(String name, Figure f, double target) {
        return String.format("| %-52s | %6.2fx ± %4.2f | >= %4.2fx | %-3s |", name, f.score, f.error, target,
                f.score >= target ? "yes" : "no");
    }

    public static void main(String[] args) throws Exception {
        // Every contender accepts the others' output: same claims, same key (checked once here).
        SecretsBench check = new SecretsBench();
        check.setUp();
        check.verifier.verify(check.signNimbus());
        check.verifier.verify(check.signJjwt());
        check.verifyNimbus();
        check.verifyJjwt();
        check.tearDown();

        String loadBefore = loadavg();
        Map<String, Figure> figures = new LinkedHashMap<>();
        figures.putAll(run(options("signMunity|signNimbus|signJjwt|verifyMunity|verifyNimbus|verifyJjwt", 1), ""));
        figures.putAll(run(options("signMunity|verifyMunity", 8), " (8 threads)"));
        String loadAfterJmh = loadavg();
        Object[] openssl = opensslSpeed();
        Figure osslSign = new Figure((Double) openssl[0], 0, Double.NaN);
        Figure osslVerify = new Figure((Double) openssl[1], 0, Double.NaN);

        List<String> out = new ArrayList<>();
        out.add("");
        out.add(String.format("munity-secrets %s (native %s), JNA %s, nimbus-jose-jwt %s, jjwt %s, JMH %s",
                MunitySecrets.getVersion(), MunitySecrets.nativeVersion(), com.sun.jna.Native.VERSION,
                System.getProperty("bench.nimbus", "10.10"), System.getProperty("bench.jjwt", "0.13.0"),
                org.openjdk.jmh.util.Version.getPlainVersion()));
        out.add(String.format("Java %s (%s), %d CPUs, %s", System.getProperty("java.vm.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(), openssl[2]));
        out.add(String.format("JMH: %s fork(s), %s x 1 s warm-up, %s x 1 s measured; error = 99.9%% confidence half-width",
                Integer.getInteger("bench.forks", 2), Integer.getInteger("bench.warmups", 3), Integer.getInteger("bench.iterations", 5)));
        out.add("load average before: " + loadBefore + "; after JMH: " + loadAfterJmh + "; after openssl: " + loadavg());
        out.add("");
        out.add("| benchmark                |          ops/s ± error | heap B/op  |");
        out.add("| ------------------------ | ---------------------: | ---------: |");
        figures.forEach((name, f) -> out.add(row(name, f)));
        out.add(String.format("| %-24s | %,12.0f %11s |            |", "openssl sign", osslSign.score, ""));
        out.add(String.format("| %-24s | %,12.0f %11s |            |", "openssl verify", osslVerify.score, ""));
        out.add("");
        Figure verify = figures.get("verifyMunity");
        Figure fasterPeer = figures.get("verifyNimbus").score >= figures.get("verifyJjwt").score
                ? figures.get("verifyNimbus") : figures.get("verifyJjwt");
        out.add("| ratio                                                |      measured | target   | met |");
        out.add("| ---------------------------------------------------- | ------------: | -------- | --- |");
        out.add(ratio("verify / the faster of nimbus and jjwt", verify.over(fasterPeer), 1.0));
        out.add(ratio("sign / openssl speed sign", figures.get("signMunity").over(osslSign), 0.95));
        out.add(ratio("sign, 8 threads / 1 thread", figures.get("signMunity (8 threads)").over(figures.get("signMunity")), 1.8));
        out.add(ratio("verify, 8 threads / 1 thread", figures.get("verifyMunity (8 threads)").over(verify), 1.8));
        out.add(ratio("verify / openssl speed verify (info)", verify.over(osslVerify), 0.0));
        out.add(ratio("sign / the faster of nimbus and jjwt (info)", figures.get("signMunity").over(
                figures.get("signNimbus").score >= figures.get("signJjwt").score ? figures.get("signNimbus") : figures.get("signJjwt")), 0.0));
        out.forEach(System.out::println);
    }
}
