package io.sabot.runtime.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly-once across process deaths: {@link KillableJob} runs in a child JVM (RocksDB state, checkpoints every
 * 50 ms, an exactly-once CSV sink) and is killed with SIGKILL at random moments after it completed a checkpoint of
 * its own, then started again on the same directory (it restores the newest completed checkpoint), several times;
 * the last run goes to the end. The committed files must hold exactly the failure-free output: every row once and
 * each key's final count once, as in {@link ExactlyOnceRecoveryTest} where crashes are exceptions inside one JVM.
 * Nothing here runs in the test's own process, so what is recovered is only what reached the disk.
 */
class ProcessKillRecoveryTest
{
    private static final long ROWS = 400_000;
    private static final double RATE = 100_000;
    private static final int KILLS = 4;

    @Test
    void killingTheProcessAtRandomMomentsLosesAndDuplicatesNothing(@TempDir final Path work) throws Exception
    {
        final Random random = new Random(7);
        final Path checkpoints = work.resolve("chk");
        int kills = 0;
        final List<String> restoredFrom = new ArrayList<>();
        while (kills < KILLS)
        {
            final long before = newest(checkpoints);
            final Child child = Child.start(work);
            // kill only after this run completed a checkpoint of its own, so every run makes progress
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (newest(checkpoints) <= before && child.process.isAlive() && System.nanoTime() < deadline)
            {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            assertTrue(child.process.isAlive(), () -> "the job ended before it was killed: " + child.output);
            TimeUnit.MILLISECONDS.sleep(random.nextInt(400));
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.process.exitValue(), () -> "not killed by SIGKILL: " + child.output);
            restoredFrom.add(child.firstLine());
            kills++;
        }
        final Child last = Child.start(work);
        assertTrue(last.process.waitFor(120, TimeUnit.SECONDS), "the last run did not finish");
        assertEquals(0, last.process.exitValue(), () -> "the last run failed: " + last.output);
        restoredFrom.add(last.firstLine());
        assertEquals("fresh", restoredFrom.getFirst());
        for (final String line : restoredFrom.subList(1, restoredFrom.size()))
        {
            assertTrue(line.startsWith("restored chk-"), () -> "a run did not restore: " + restoredFrom);
        }
        assertEquals(ExactlyOnceRecoveryTest.expected(ROWS), ExactlyOnceRecoveryTest.read(committed(work)));
    }

    private static List<Path> committed(final Path work) throws IOException
    {
        try (Stream<Path> files = Files.list(work.resolve("out")))
        {
            return files.filter(p -> p.getFileName().toString().matches("part-.*\\.csv")).sorted().toList();
        }
    }

    /** @return the id of the newest completed checkpoint, or -1. */
    private static long newest(final Path checkpoints)
    {
        if (!Files.isDirectory(checkpoints))
        {
            return -1;
        }
        return new CheckpointStorage(checkpoints, 2).latest()
            .map(p -> Long.parseLong(p.getFileName().toString().substring("chk-".length()))).orElse(-1L);
    }

    /** A child JVM running {@link KillableJob}, its output collected by a daemon thread. */
    private record Child(Process process, List<String> output)
    {
        static Child start(final Path work) throws IOException
        {
            final List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElseThrow());
            for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                // the test JVM's flags (Vector API, native access, Arrow), not its agents or heap
                if (!argument.startsWith("-javaagent") && !argument.startsWith("-agentlib") &&
                    !argument.startsWith("-Xmx"))
                {
                    command.add(argument);
                }
            }
            command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KillableJob.class.getName(), work.toString(), Long.toString(ROWS), Double.toString(RATE)));
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final List<String> output = new CopyOnWriteArrayList<>();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)))
                {
                    for (String line = in.readLine(); line != null; line = in.readLine())
                    {
                        output.add(line);
                    }
                }
                catch (final IOException e)
                {
                    throw new UncheckedIOException(e);
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
            return new Child(process, output);
        }

        String firstLine() throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (output.stream().noneMatch(l -> l.equals("fresh") || l.startsWith("restored ")) &&
                System.nanoTime() < deadline)
            {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            return output.stream().filter(l -> l.equals("fresh") || l.startsWith("restored ")).findFirst()
                .orElse("no start line: " + output);
        }
    }
}
