package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.common.StateException;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.sabot.runtime.operator.CheckpointTesting.Event;
import static io.sabot.runtime.operator.CheckpointTesting.context;
import static io.sabot.runtime.operator.CheckpointTesting.feed;
import static io.sabot.runtime.operator.CheckpointTesting.multiset;
import static io.sabot.runtime.operator.CheckpointTesting.restore;
import static io.sabot.runtime.operator.CheckpointTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AggregateOperator} snapshots: an instance restored from a snapshot taken at a random point (written only
 * after the original went on to the end and closed, so the snapshot must not share its memory) and fed the rest of
 * the input emits exactly what the original emitted after that point, bit for bit, for every key kind and for
 * decimal sums and means, float sums with NaN and -0.0, int32 sums; also restored twice in a row, on bounded input,
 * and restored with another parallelism (2 to 3 and 3 to 2: the union of all instances' output equals one
 * uninterrupted instance's).
 */
class AggregateOperatorCheckpointTest
{
    private static final List<Aggregate> AGGREGATES = List.of(
        Aggregate.count("n"), Aggregate.count("v", "cv"), Aggregate.sum("v", "sv"), Aggregate.sum("l", "sl"),
        Aggregate.sum("d", "sd"), Aggregate.sum("m", "sm"), Aggregate.sum("w", "sw"), Aggregate.mean("v", "av"),
        Aggregate.mean("d", "ad"), Aggregate.mean("m", "am"), Aggregate.mean("w", "aw"), Aggregate.min("d", "nd"),
        Aggregate.max("d", "xd"), Aggregate.min("m", "nm"), Aggregate.max("w", "xw"), Aggregate.min("v", "nv"),
        Aggregate.max("l", "xl"));
    private static final List<List<String>> KEY_SETS = List.of(List.of("k"), List.of("s"), List.of("k", "s"),
        List.of("d"), List.of());

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    private int compared;

    @Test
    void unboundedRestoreContinuesExactly()
    {
        final SplittableRandom random = new SplittableRandom(61);
        for (final List<String> keys : KEY_SETS)
        {
            for (int round = 0; round < 3; round++)
            {
                restoreTwiceAndCompare(AggregateOperator.Mode.SINGLE, keys, false, random, keys + "-u" + round);
            }
        }
        assertTrue(compared > 1000, "compared " + compared + " rows");
    }

    @Test
    void boundedRestoreGivesTheSameResult()
    {
        final SplittableRandom random = new SplittableRandom(62);
        for (final List<String> keys : KEY_SETS)
        {
            for (final AggregateOperator.Mode mode : List.of(AggregateOperator.Mode.SINGLE,
                AggregateOperator.Mode.PARTIAL))
            {
                restoreTwiceAndCompare(mode, keys, true, random, keys + "-" + mode);
            }
        }
        assertTrue(compared > 500, "compared " + compared + " rows");
    }

    private void restoreTwiceAndCompare(final AggregateOperator.Mode mode, final List<String> keys,
        final boolean bounded, final SplittableRandom random, final String name)
    {
        final List<Event> events = CheckpointTesting.events(CheckpointTesting.chunks(random,
            CheckpointTesting.rows(random, 300 + random.nextInt(900), 30)));
        final int cut = random.nextInt(events.size() + 1);
        final int cut2 = cut + random.nextInt(events.size() - cut + 1);
        compared += CheckpointTesting.restoreTwice(() -> new AggregateOperator(mode, keys, AGGREGATES), bounded,
            events, cut, cut2, random.nextLong(), memory.allocator(), temp.resolve(name), name).comparedRows();
    }

    @Test
    void rescaledRestoreKeepsTheGroupsEachInstanceOwns()
    {
        final SplittableRandom random = new SplittableRandom(63);
        final int[][] scalings = {{2, 3}, {3, 2}};
        for (final List<String> keys : List.of(List.of("k"), List.of("k", "s"), List.of("d")))
        {
            for (final int[] scaling : scalings)
            {
                for (final boolean bounded : new boolean[] {false, true})
                {
                    rescale(keys, scaling[0], scaling[1], bounded, random);
                }
            }
        }
    }

    private void rescale(final List<String> keys, final int before, final int after, final boolean bounded,
        final SplittableRandom random)
    {
        final List<Event> events = CheckpointTesting.events(CheckpointTesting.chunks(random,
            CheckpointTesting.rows(random, 600 + random.nextInt(600), 40)));
        final int cut = 1 + random.nextInt(events.size() - 1);
        final String name = keys + "-" + before + "to" + after + (bounded ? "-b" : "-u");
        final CheckpointTesting.Rescaled<AggregateOperator> run = CheckpointTesting.rescale(
            () -> new AggregateOperator(keys, AGGREGATES), keys, before, after, bounded, events, cut,
            random.nextLong(), memory.allocator(), temp.resolve(name));
        assertTrue(run.reference().size() > 20, name + ": " + run.reference().size() + " rows");
        assertEquals(multiset(run.reference()), multiset(run.union()), name + ": rescaled at event " + cut + " of " +
            events.size());
    }

    @Test
    void restoreRejectsAnotherOperatorsSnapshot()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(64);
        final List<Event> events = CheckpointTesting.events(List.of(CheckpointTesting.rows(random, 50, 10)));
        final Path directory;
        try (AggregateOperator op = new AggregateOperator(List.of("k"), AGGREGATES);
            Harness.Collector out = new Harness.Collector())
        {
            op.open(context(allocator, 0, 1, false));
            feed(op, events, 0, 1, allocator, out, 1);
            directory = write(op.snapshotState(1), temp.resolve("agg"));
        }
        try (AggregateOperator other = new AggregateOperator(List.of("k"), List.of(Aggregate.count("n"))))
        {
            other.open(context(allocator, 0, 1, false));
            final StateException e = assertThrows(StateException.class,
                () -> other.restoreState(restore(0, 1, List.of(directory))));
            assertTrue(e.getMessage().contains("was written by Aggregate"), e.getMessage());
        }
        try (LimitOperator limit = new LimitOperator(5))
        {
            limit.open(context(allocator, 0, 1, false));
            final StateException e = assertThrows(StateException.class,
                () -> limit.restoreState(restore(0, 1, List.of(directory))));
            assertTrue(e.getMessage().contains("not by Limit"), e.getMessage());
        }
        try (AggregateOperator op = new AggregateOperator(List.of("k"), AGGREGATES))
        {
            op.open(context(allocator, 0, 1, false));
            final StateException e = assertThrows(StateException.class,
                () -> op.restoreState(restore(0, 1, List.of(temp.resolve("nothing-here")))));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }
    }
}
