package io.sabot.runtime.checkpoint;

import io.sabot.runtime.api.RunningJob;
import io.sabot.runtime.api.StreamEnvironment;
import io.sabot.runtime.sink.Sinks;
import io.sabot.runtime.source.GeneratorSource;
import io.sabot.runtime.state.StateBackends;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The job {@link ProcessKillRecoveryTest} runs in a child JVM and kills with SIGKILL: {@link
 * ExactlyOnceRecoveryTest}'s keyed counting job (every row out once, per-key counts from RocksDB state at the end)
 * into an exactly-once CSV sink, checkpointing every 50 ms, restoring from the newest completed checkpoint in its
 * directory when there is one. No in-process restarts: a crash is the process's death.
 *
 * <pre>
 *   args: work directory, rows, rows per second
 *   prints "restored chk-N" or "fresh", then "done" at the end (exit 0)
 * </pre>
 */
public final class KillableJob
{
    private KillableJob()
    {
    }

    /**
     * @param args work directory, rows, rows per second.
     */
    public static void main(final String[] args)
    {
        final Path work = Path.of(args[0]);
        final long rows = Long.parseLong(args[1]);
        final double rate = Double.parseDouble(args[2]);
        final Path checkpoints = work.resolve("chk");
        final Path latest = new CheckpointStorage(checkpoints, 2).latest().orElse(null);
        System.out.println(latest == null ? "fresh" : "restored " + latest.getFileName());
        try (BufferAllocator allocator = new RootAllocator();
            StreamEnvironment env = StreamEnvironment.builder().parallelism(2).allocator(allocator)
                .stateBackend(StateBackends.rocksDb(work.resolve("rocksdb")))
                .checkpointing(checkpoints, Duration.ofMillis(50)).restartAttempts(0).build())
        {
            env.from(GeneratorSource.builder(ExactlyOnceRecoveryTest.EVENTS, ExactlyOnceRecoveryTest.GENERATE)
                    .rows(rows).batchRows(512).rateLimit(rate).build())
                .withEventTime("ts", Duration.ZERO).keyBy("k")
                .process(ExactlyOnceRecoveryTest.CountPerKey::new, ExactlyOnceRecoveryTest.OUT)
                .writeTo(Sinks.csvExactlyOnce(work.resolve("out"), ExactlyOnceRecoveryTest.OUT));
            final RunningJob job = latest == null ? env.executeAsync("killable") :
                env.executeAsync("killable", latest);
            job.await();
        }
        System.out.println("done");
    }
}
