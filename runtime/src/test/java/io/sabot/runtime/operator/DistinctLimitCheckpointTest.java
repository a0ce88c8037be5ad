package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.sabot.runtime.operator.CheckpointTesting.Event;
import static io.sabot.runtime.operator.CheckpointTesting.RowsEvent;
import static io.sabot.runtime.operator.CheckpointTesting.multiset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link DistinctOperator} and {@link LimitOperator} snapshots: restored at random points (twice in a row) they drop
 * and pass exactly the rows an uninterrupted instance would; a rescaled distinct keeps the values the exchange now
 * routes to each instance (the union equals one instance's output); a rescaled limit resumes every instance from the
 * largest count. Also: which operators declare themselves stateless and which checkpointed.
 */
class DistinctLimitCheckpointTest
{
    /** Low-cardinality rows for distinct over every column: {@code k int32, s utf8, d float64}. */
    private static final Schema PLAIN = Harness.schema("k", Harness.INT, "s", Harness.UTF8, "d", Harness.DOUBLE);
    private static final String[] WORDS = {"", "a", "bb", null};
    private static final Double[] DOUBLES = {0.0, -0.0, Double.NaN, 1.5, null};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    private static List<Event> plainEvents(final SplittableRandom random, final int rows)
    {
        final List<Object[]> all = new ArrayList<>();
        for (int r = 0; r < rows; r++)
        {
            all.add(new Object[] {random.nextInt(12) == 0 ? null : random.nextInt(8),
                WORDS[random.nextInt(WORDS.length)], DOUBLES[random.nextInt(DOUBLES.length)]});
        }
        final List<Event> events = new ArrayList<>();
        for (final List<Object[]> chunk : CheckpointTesting.chunks(random, all))
        {
            events.add(new RowsEvent(chunk, PLAIN));
        }
        return events;
    }

    @Test
    void restoredDistinctDropsTheSameRows()
    {
        final SplittableRandom random = new SplittableRandom(81);
        int compared = 0;
        for (int round = 0; round < 4; round++)
        {
            final List<Event> wide = CheckpointTesting.events(CheckpointTesting.chunks(random,
                CheckpointTesting.rows(random, 400 + random.nextInt(600), 6)));
            final List<Event> plain = plainEvents(random, 300 + random.nextInt(500));
            final List<List<String>> columnSets = List.of(List.of("k", "s"), List.of("d"), List.of());
            for (final List<String> columns : columnSets)
            {
                final List<Event> events = columns.isEmpty() ? plain : wide;
                final int cut = random.nextInt(events.size() + 1);
                final int cut2 = cut + random.nextInt(events.size() - cut + 1);
                final String name = "distinct-" + columns + "-" + round;
                compared += CheckpointTesting.restoreTwice(() -> new DistinctOperator(columns), false, events, cut,
                    cut2, random.nextLong(), memory.allocator(), temp.resolve(name), name).comparedRows();
            }
        }
        assertTrue(compared > 100, "compared " + compared + " rows");
    }

    @Test
    void rescaledDistinctKeepsTheValuesEachInstanceOwns()
    {
        final SplittableRandom random = new SplittableRandom(82);
        final int[][] scalings = {{2, 3}, {3, 2}};
        for (final int[] scaling : scalings)
        {
            final List<Event> plain = plainEvents(random, 800);
            final int cut = 1 + random.nextInt(plain.size() - 1);
            // distinct over every column: the exchange hashes every column, in schema order
            final CheckpointTesting.Rescaled<DistinctOperator> all = CheckpointTesting.rescale(DistinctOperator::new,
                List.of("k", "s", "d"), scaling[0], scaling[1], false, plain, cut, random.nextLong(),
                memory.allocator(), temp.resolve("all-" + scaling[0]));
            assertTrue(all.reference().size() > 30, all.reference().size() + " distinct rows");
            assertEquals(multiset(all.reference()), multiset(all.union()), "distinct * rescaled " + scaling[0] +
                " to " + scaling[1] + " at " + cut);
            final List<Event> wide = CheckpointTesting.events(CheckpointTesting.chunks(random,
                CheckpointTesting.rows(random, 800, 10)));
            final int cut2 = 1 + random.nextInt(wide.size() - 1);
            final CheckpointTesting.Rescaled<DistinctOperator> some = CheckpointTesting.rescale(
                () -> new DistinctOperator(List.of("s", "k")), List.of("s", "k"), scaling[0], scaling[1], false,
                wide, cut2, random.nextLong(), memory.allocator(), temp.resolve("some-" + scaling[0]));
            assertEquals(multiset(some.reference()), multiset(some.union()), "distinct on s, k rescaled " +
                scaling[0] + " to " + scaling[1] + " at " + cut2);
        }
    }

    @Test
    void rescaledDistinctSplitsTheValuesWithoutCopies()
    {
        // Extra values would not change a distinct's output (their rows never reach the instance), only its memory:
        // count what each restored instance holds by snapshotting it again.
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(85);
        final List<Event> events = plainEvents(random, 400);
        final List<String> all = List.of("k", "s", "d");
        final List<Path> directories = new ArrayList<>();
        final List<DistinctOperator> old = List.of(new DistinctOperator(), new DistinctOperator());
        try (Harness.Collector out = new Harness.Collector())
        {
            for (int i = 0; i < 2; i++)
            {
                old.get(i).open(CheckpointTesting.context(allocator, i, 2, false));
            }
            CheckpointTesting.feedPartitioned(old, events, 0, events.size(), all, allocator, List.of(out, out), 5);
            for (int i = 0; i < 2; i++)
            {
                directories.add(CheckpointTesting.write(old.get(i).snapshotState(1), temp.resolve("old-" + i)));
            }
            final int distinct = out.rows().size();
            int held = 0;
            for (int j = 0; j < 3; j++)
            {
                try (DistinctOperator op = new DistinctOperator())
                {
                    op.open(CheckpointTesting.context(allocator, j, 3, false));
                    op.restoreState(CheckpointTesting.restore(j, 3, directories));
                    final Path again = CheckpointTesting.write(op.snapshotState(2), temp.resolve("new-" + j));
                    final int instance = j;
                    final int[] rows = new int[1];
                    SnapshotFiles.readGroups(again, allocator, (index, values) ->
                    {
                        final List<List<Object>> kept = Harness.rows(values);
                        rows[0] += kept.size();
                        final List<Object[]> plain = new ArrayList<>();
                        for (final List<Object> value : kept)
                        {
                            plain.add(value.subList(0, 3).toArray());
                        }
                        assertEquals(kept.size(), CheckpointTesting.partition(allocator, plain, PLAIN, all, 3)
                            .get(instance).size(), "instance " + instance + " holds only values it owns");
                    });
                    held += rows[0];
                }
            }
            assertTrue(distinct > 30, distinct + " distinct rows");
            assertEquals(distinct, held, "every distinct value is held by exactly one instance");
        }
        finally
        {
            old.forEach(DistinctOperator::close);
        }
    }

    @Test
    void restoredLimitPassesTheSameRows()
    {
        final SplittableRandom random = new SplittableRandom(83);
        int compared = 0;
        for (int round = 0; round < 12; round++)
        {
            final List<Event> events = CheckpointTesting.events(CheckpointTesting.chunks(random,
                CheckpointTesting.rows(random, 200 + random.nextInt(400), 6)));
            final long offset = random.nextInt(3) == 0 ? 0 : random.nextInt(150);
            final long limit = random.nextInt(300);
            final int cut = random.nextInt(events.size() + 1);
            final int cut2 = cut + random.nextInt(events.size() - cut + 1);
            final String name = "limit-" + round;
            final CheckpointTesting.Restored<LimitOperator> run = CheckpointTesting.restoreTwice(
                () -> new LimitOperator(offset, limit), false, events, cut, cut2, random.nextLong(),
                memory.allocator(), temp.resolve(name), name);
            assertEquals(run.original().satisfied(), run.first().satisfied(), name);
            assertEquals(run.original().satisfied(), run.second().satisfied(), name);
            compared += run.comparedRows();
        }
        assertTrue(compared > 100, "compared " + compared + " rows");
    }

    @Test
    void rescaledLimitResumesFromTheLargestCount()
    {
        final BufferAllocator allocator = memory.allocator();
        final SplittableRandom random = new SplittableRandom(84);
        final List<Path> directories = new ArrayList<>();
        final int[] counts = {30, 70};
        try (Harness.Collector out = new Harness.Collector())
        {
            for (int i = 0; i < counts.length; i++)
            {
                try (LimitOperator op = new LimitOperator(100))
                {
                    op.open(CheckpointTesting.context(allocator, i, 2, false));
                    op.processBatch(0, CheckpointTesting.batch(allocator, random,
                        CheckpointTesting.rows(random, counts[i], 5)), out);
                    directories.add(CheckpointTesting.write(op.snapshotState(1), temp.resolve("limit-" + i)));
                }
            }
            for (int j = 0; j < 3; j++)
            {
                out.release();
                try (LimitOperator op = new LimitOperator(100))
                {
                    op.open(CheckpointTesting.context(allocator, j, 3, false));
                    op.restoreState(CheckpointTesting.restore(j, 3, directories));
                    assertTrue(op.needsMoreInput());
                    op.processBatch(0, CheckpointTesting.batch(allocator, random,
                        CheckpointTesting.rows(random, 50, 5)), out);
                    assertEquals(30, out.rows().size(), "instance " + j + " passes 100 - 70 more rows");
                    assertFalse(op.needsMoreInput());
                }
            }
        }
    }

    @Test
    void operatorsDeclareWhetherCheckpointsNeedThem()
    {
        for (final Class<?> stateless : List.of(FilterOperator.class, ProjectOperator.class, SelectOperator.class,
            FilterProjectOperator.class, FlatMapOperator.class, UnionOperator.class))
        {
            assertTrue(StatelessOperator.class.isAssignableFrom(stateless), stateless.getSimpleName());
            assertFalse(CheckpointedOperator.class.isAssignableFrom(stateless), stateless.getSimpleName());
        }
        for (final Class<?> stateful : List.of(AggregateOperator.class, WindowAggregateOperator.class,
            DistinctOperator.class, LimitOperator.class))
        {
            assertTrue(CheckpointedOperator.class.isAssignableFrom(stateful), stateful.getSimpleName());
        }
    }
}
