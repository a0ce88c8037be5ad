package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.sabot.runtime.operator.CheckpointTesting.Event;
import static io.sabot.runtime.operator.CheckpointTesting.RowsEvent;
import static io.sabot.runtime.operator.CheckpointTesting.WatermarkEvent;
import static io.sabot.runtime.operator.CheckpointTesting.multiset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WindowAggregateOperator} snapshots over out-of-order event time with watermarks, late rows and allowed
 * lateness: restored at random points (between batches and watermarks, twice in a row), the operator fires the same
 * windows with the same results (decimal sums and means, float sums with NaN and -0.0), emits the same watermarks
 * and counts the same late rows as an uninterrupted one; restored with another parallelism (2 to 3, 3 to 2) the
 * instances together emit what one uninterrupted instance emits (exactly without lateness; with lateness, where
 * re-emitted windows depend on which keys share an instance, the same final row per window and key), and their
 * late-row counts add up to its count.
 */
class WindowAggregateOperatorCheckpointTest
{
    private static final List<Aggregate> AGGREGATES = List.of(Aggregate.count("n"), Aggregate.sum("v", "sv"),
        Aggregate.sum("m", "sm"), Aggregate.mean("w", "aw"), Aggregate.mean("m", "am"), Aggregate.sum("d", "sd"),
        Aggregate.mean("d", "ad"), Aggregate.min("d", "nd"), Aggregate.max("m", "xm"));

    /** size, slide, allowed lateness. */
    private static final long[][] WINDOWS = {{100, 100, 0}, {100, 25, 0}, {100, 25, 60}, {60, 60, 30}};
    private static final long BOUND = 40;

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    /**
     * Batches of rows whose event times trail a rising clock by up to {@link #BOUND} ms, a few rows hundreds of ms
     * behind (late, or within the lateness), and after some batches the watermark (largest time so far minus the
     * bound minus 1).
     */
    private static List<Event> events(final SplittableRandom random, final int batches, final int keys)
    {
        final List<Event> events = new ArrayList<>();
        long clock = 1_000;
        long largest = clock - BOUND;
        long watermark = Long.MIN_VALUE;
        for (int b = 0; b < batches; b++)
        {
            final int size = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(80);
            final List<Object[]> rows = new ArrayList<>(size);
            for (int r = 0; r < size; r++)
            {
                clock += random.nextInt(4);
                final long time = random.nextInt(25) == 0 ? clock - 100 - random.nextInt(200) :
                    clock - random.nextInt((int)BOUND + 1);
                largest = Math.max(largest, time);
                rows.add(CheckpointTesting.row(random, keys, time));
            }
            events.add(new RowsEvent(rows));
            if (random.nextInt(3) == 0 && largest - BOUND - 1 > watermark)
            {
                watermark = largest - BOUND - 1;
                events.add(new WatermarkEvent(watermark));
            }
        }
        return events;
    }

    private static WindowAggregateOperator operator(final List<String> keys, final long[] window)
    {
        return new WindowAggregateOperator(keys, "t", window[0], window[1], window[2], AGGREGATES, null);
    }

    @Test
    void restoredWindowsFireTheSameResults()
    {
        final SplittableRandom random = new SplittableRandom(71);
        int compared = 0;
        long late = 0;
        for (final List<String> keys : List.of(List.of("k"), List.of("k", "s"), List.<String>of()))
        {
            for (final long[] window : WINDOWS)
            {
                for (int round = 0; round < 2; round++)
                {
                    final List<Event> events = events(random, 25 + random.nextInt(35), 12);
                    final int cut = random.nextInt(events.size() + 1);
                    final int cut2 = cut + random.nextInt(events.size() - cut + 1);
                    final String name = keys + "-" + window[0] + "-" + window[1] + "-" + window[2] + "-" + round;
                    final CheckpointTesting.Restored<WindowAggregateOperator> run = CheckpointTesting.restoreTwice(
                        () -> operator(keys, window), false, events, cut, cut2, random.nextLong(),
                        memory.allocator(), temp.resolve(name), name);
                    assertEquals(run.original().lateRows(), run.first().lateRows(), name + ": late rows");
                    assertEquals(run.original().lateRows(), run.second().lateRows(), name + ": late rows, again");
                    compared += run.comparedRows();
                    late += run.original().lateRows();
                }
            }
        }
        assertTrue(compared > 500, "compared " + compared + " rows");
        assertTrue(late > 30, "only " + late + " late rows");
    }

    @Test
    void rescaledWindowsGiveTheUninterruptedResults()
    {
        final SplittableRandom random = new SplittableRandom(72);
        final int[][] scalings = {{2, 3}, {3, 2}};
        for (final List<String> keys : List.of(List.of("k"), List.of("k", "s")))
        {
            for (final long[] window : WINDOWS)
            {
                for (final int[] scaling : scalings)
                {
                    final List<Event> events = events(random, 40 + random.nextInt(30), 25);
                    final int cut = 1 + random.nextInt(events.size() - 1);
                    final String name = keys + "-" + window[0] + "-" + window[1] + "-" + window[2] + "-" +
                        scaling[0] + "to" + scaling[1];
                    final CheckpointTesting.Rescaled<WindowAggregateOperator> run = CheckpointTesting.rescale(
                        () -> operator(keys, window), keys, scaling[0], scaling[1], false, events, cut,
                        random.nextLong(), memory.allocator(), temp.resolve(name));
                    assertTrue(run.reference().size() > 50, name + ": " + run.reference().size() + " rows");
                    if (window[2] == 0)
                    {
                        assertEquals(multiset(run.reference()), multiset(run.union()), name + ": rescaled at " + cut);
                    }
                    else
                    {
                        final int identity = keys.size() + 1;
                        assertEquals(last(run.reference(), identity), last(run.union(), identity),
                            name + ": final row per window and key, rescaled at " + cut);
                    }
                    long late = 0;
                    for (final WindowAggregateOperator op : run.after())
                    {
                        late += op.lateRows();
                    }
                    assertEquals(run.referenceOperator().lateRows(), late, name + ": late rows");
                }
            }
        }
    }

    @Test
    void aWindowFiredOnOnlyOneInstanceIsNotLostWhenMerged()
    {
        // Lateness 100: instance 0 fires window [0, 100) at watermark 120 and keeps it; instance 1 first gets a row
        // of that window after the watermark, so its window has not fired yet. Merged into one instance, the window
        // must fire at the next watermark with instance 1's group (and instance 0's again, unchanged).
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(73);
        final List<Object[]> candidates = new ArrayList<>();
        for (int k = 0; k < 20; k++)
        {
            final Object[] row = CheckpointTesting.row(random, 1, 50 + k);
            row[0] = k;
            candidates.add(row);
        }
        final List<List<Object[]>> owned = CheckpointTesting.partition(allocator, candidates,
            CheckpointTesting.SCHEMA, List.of("k"), 2);
        final Object[] first = owned.get(0).get(0);
        final Object[] second = owned.get(1).get(0);
        final long[] window = {100, 100, 100};
        final List<Path> directories = new ArrayList<>();
        try (Harness.Collector before = new Harness.Collector();
            Harness.Collector after = new Harness.Collector())
        {
            for (int i = 0; i < 2; i++)
            {
                try (WindowAggregateOperator op = operator(List.of("k"), window))
                {
                    op.open(CheckpointTesting.context(allocator, i, 2, false));
                    if (i == 0)
                    {
                        op.processBatch(0, CheckpointTesting.batch(allocator, random, List.<Object[]>of(first)), before);
                    }
                    op.processWatermark(new Watermark(120), before);
                    if (i == 1)
                    {
                        op.processBatch(0, CheckpointTesting.batch(allocator, random, List.<Object[]>of(second)), before);
                    }
                    directories.add(CheckpointTesting.write(op.snapshotState(1), temp.resolve("mixed-" + i)));
                }
            }
            assertEquals(List.of(0), before.rows().stream().map(row -> row.get(0)).toList(),
                "instance 0 fired its window");
            try (WindowAggregateOperator op = operator(List.of("k"), window))
            {
                op.open(CheckpointTesting.context(allocator, 0, 1, false));
                op.restoreState(CheckpointTesting.restore(0, 1, directories));
                op.processWatermark(new Watermark(150), after);
                op.endOfInput(0, after);
            }
            final List<List<Object>> rows = after.rows();
            assertEquals(java.util.Set.of(first[0], second[0]),
                new java.util.HashSet<>(rows.stream().map(row -> row.get(0)).toList()), "fired after the merge");
            assertEquals(2, rows.size(), "each group once");
            assertEquals(before.rows().get(0), rows.stream().filter(row -> row.get(0).equals(first[0])).findFirst()
                .orElseThrow(), "the group that had fired is emitted unchanged");
        }
    }

    /**
     * @return per (keys, window_start) (the first {@code identity} columns) the last row emitted for it; one instance
     *     emits a key's rows in order, so the union's last row per key is that instance's last.
     */
    private static Map<List<Object>, List<Object>> last(final List<List<Object>> rows, final int identity)
    {
        final Map<List<Object>, List<Object>> last = new HashMap<>();
        for (final List<Object> row : rows)
        {
            last.put(row.subList(0, identity), row);
        }
        return last;
    }
}
