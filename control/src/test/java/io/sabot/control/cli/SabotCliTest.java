package io.sabot.control.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import io.sabot.runtime.api.Job;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.Sources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI end to end in-process: help for every command, usage errors with status 2, a job class run with its
 * arguments, and TPC-H generation and a query on a tiny scale factor.
 */
class SabotCliTest
{
    record Run(int status, String out, String err)
    {
    }

    static Run run(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = SabotCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A job for {@code sabot run}: counts a range and records its arguments. */
    public static final class CountingJob implements Job
    {
        static final AtomicInteger RUNS = new AtomicInteger();
        static volatile String lastArgs;

        @Override
        public void run(final StreamEnvironment env, final String[] args)
        {
            lastArgs = String.join(",", args);
            env.from(Sources.range("n", 100_000)).filter("n % 2 = 0").writeTo(Sinks.collect());
            env.execute("counting");
            RUNS.incrementAndGet();
        }
    }

    @Test
    void everyCommandHasHelp()
    {
        final Run top = run("--help");
        assertEquals(0, top.status());
        for (final String command : new String[] {"run", "tpch", "bench", "demo"})
        {
            assertTrue(top.out().contains(command), top.out());
            final Run help = run(command, "--help");
            assertEquals(0, help.status(), command);
            assertTrue(help.out().startsWith("usage: sabot " + command), help.out());
        }
        assertEquals(0, run("tpch", "run", "--help").status());
        assertEquals(0, run("tpch", "gen", "--help").status());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatWasWrong()
    {
        final Run unknown = run("launch");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown command 'launch'"), unknown.err());
        final Run option = run("tpch", "run", "--querry", "1");
        assertEquals(2, option.status());
        assertTrue(option.err().contains("unknown option --querry"), option.err());
        final Run query = run("tpch", "run", "--query", "2");
        assertEquals(2, query.status());
        assertTrue(query.err().contains("query 2 is not implemented"), query.err());
        final Run noClass = run("run", "com.example.Missing");
        assertEquals(2, noClass.status());
        assertTrue(noClass.err().contains("no class 'com.example.Missing'"), noClass.err());
        final Run notAJob = run("run", "java.lang.String");
        assertEquals(2, notAJob.status());
        assertTrue(notAJob.err().contains("does not implement"), notAJob.err());
        final Run sf = run("tpch", "gen", "--sf", "-1");
        assertEquals(2, sf.status());
    }

    @Test
    void runsTheBuiltInFraudJob()
    {
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream previous = System.out;
        final Run result;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try
        {
            result = run("run", "fraud", "--parallelism", "2", "--quiet", "--", "--transactions", "30000",
                "--accounts", "200");
        }
        finally
        {
            System.setOut(previous);
        }
        assertEquals(0, result.status(), result.err());
        final String printed = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("30,000 transactions") && printed.contains("VELOCITY") &&
            printed.contains("latency p50"), printed);
        final Run bad = run("run", "fraud", "--quiet", "--", "--frobnicate", "1");
        assertEquals(1, bad.status(), bad.err());
        assertTrue(bad.err().contains("--frobnicate"), bad.err());
    }

    @Test
    void runsAJobClassWithItsArguments()
    {
        final int before = CountingJob.RUNS.get();
        final Run result = run("run", CountingJob.class.getName(), "--parallelism", "2", "--quiet", "--", "a", "b");
        assertEquals(0, result.status(), result.err());
        assertEquals(before + 1, CountingJob.RUNS.get());
        assertEquals("a,b", CountingJob.lastArgs);
        assertTrue(result.err().contains("finished in"), result.err());
    }

    @Test
    void generatesTpchAndRunsAQuery(@TempDir final Path dir) throws Exception
    {
        final Path data = dir.resolve("tpch");
        final Run gen = run("tpch", "gen", "--sf", "0.01", "--out", data.toString(), "--quiet");
        assertEquals(0, gen.status(), gen.err());
        assertTrue(Files.isRegularFile(data.resolve("lineitem.arrow")));
        assertTrue(gen.out().contains("lineitem"), gen.out());
        final Run q6 = run("tpch", "run", "--query", "6", "--data", data.toString(), "--parallelism", "2",
            "--quiet");
        assertEquals(0, q6.status(), q6.err());
        assertTrue(q6.out().contains("revenue") && q6.out().contains("Q6 run 1"), q6.out());
        final Run failing = run("tpch", "run", "--query", "1", "--data", dir.resolve("empty").toString(),
            "--sf", "0.001", "--quiet");
        assertEquals(0, failing.status(), failing.err());
        assertTrue(failing.out().contains("generating sf=0.001 first"), failing.out());
    }

    @Test
    void aTypedFailureExitsWithOne(@TempDir final Path dir) throws Exception
    {
        final Path data = dir.resolve("broken");
        Files.createDirectories(data);
        Files.write(data.resolve("lineitem.arrow"), new byte[] {'A', 'R', 'R', 'O', 'W', '1', 0, 0, 1, 2, 3});
        final Run broken = run("tpch", "run", "--query", "6", "--data", data.toString(), "--quiet");
        assertEquals(1, broken.status(), broken.out());
        assertTrue(broken.err().contains("lineitem.arrow"), broken.err());
    }
}
