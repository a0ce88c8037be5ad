package io.sabot.runtime.operator;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import io.sabot.kernels.testing.AllocatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static io.sabot.runtime.operator.CheckpointTesting.Event;
import static io.sabot.runtime.operator.CheckpointTesting.multiset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Snapshots of {@link SessionWindowOperator} (built-in and user aggregates, sessions merging across batches and
 * through rows behind the watermark, lateness, late rows): restored at random points, twice in a row, the operator
 * emits exactly the rows (in the same order) and watermarks of an uninterrupted one and counts the same late rows;
 * restored with another parallelism (2 to 3, 3 to 2) the instances together emit exactly what one uninterrupted
 * instance emits (sessions are per key, so even with lateness) and their late-row counts add up. User aggregates in
 * tumbling windows and keyed aggregations restore exactly too.
 */
class SessionWindowCheckpointTest
{
    /** gap, allowed lateness. */
    private static final long[][] SETTINGS = {{12, 0}, {12, 80}, {40, 150}};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    @TempDir
    Path temp;

    private static SessionWindowOperator operator(final List<String> keys, final long[] setting)
    {
        return new SessionWindowOperator(keys, "t", setting[0], setting[1], SessionWindowOperatorTest.AGGREGATES,
            null);
    }

    @Test
    void restoredSessionsEmitTheSameRows()
    {
        final SplittableRandom random = new SplittableRandom(81);
        int compared = 0;
        long late = 0;
        for (final List<String> keys : List.of(List.of("k"), List.of("k", "s"), List.<String>of()))
        {
            for (final long[] setting : SETTINGS)
            {
                for (int round = 0; round < 2; round++)
                {
                    final List<Event> events = SessionWindowOperatorTest.events(random, 30 + random.nextInt(40),
                        keys.isEmpty() ? 3 : 10, 30);
                    final int cut = random.nextInt(events.size() + 1);
                    final int cut2 = cut + random.nextInt(events.size() - cut + 1);
                    final String name = keys + "-" + setting[0] + "-" + setting[1] + "-" + round;
                    final CheckpointTesting.Restored<SessionWindowOperator> run = CheckpointTesting.restoreTwice(
                        () -> operator(keys, setting), false, events, cut, cut2, random.nextLong(),
                        memory.allocator(), temp.resolve(name), name);
                    assertEquals(run.original().lateRows(), run.first().lateRows(), name + ": late rows");
                    assertEquals(run.original().lateRows(), run.second().lateRows(), name + ": late rows, again");
                    compared += run.comparedRows();
                    late += run.original().lateRows();
                }
            }
        }
        assertTrue(compared > 300, "compared " + compared + " rows");
        assertTrue(late > 30, "only " + late + " late rows");
    }

    @Test
    void rescaledSessionsGiveTheUninterruptedResults()
    {
        final SplittableRandom random = new SplittableRandom(82);
        for (final List<String> keys : List.of(List.of("k"), List.of("k", "s")))
        {
            for (final long[] setting : SETTINGS)
            {
                for (final int[] scaling : new int[][] {{2, 3}, {3, 2}})
                {
                    final List<Event> events = SessionWindowOperatorTest.events(random, 50 + random.nextInt(30), 25,
                        30);
                    final int cut = 1 + random.nextInt(events.size() - 1);
                    final String name = keys + "-" + setting[0] + "-" + setting[1] + "-" + scaling[0] + "to" +
                        scaling[1];
                    final CheckpointTesting.Rescaled<SessionWindowOperator> run = CheckpointTesting.rescale(
                        () -> operator(keys, setting), keys, scaling[0], scaling[1], false, events, cut,
                        random.nextLong(), memory.allocator(), temp.resolve(name));
                    assertTrue(run.reference().size() > 30, name + ": " + run.reference().size() + " rows");
                    assertEquals(multiset(run.reference()), multiset(run.union()), name + ": rescaled at " + cut);
                    long late = 0;
                    for (final SessionWindowOperator op : run.after())
                    {
                        late += op.lateRows();
                    }
                    assertEquals(run.referenceOperator().lateRows(), late, name + ": late rows");
                }
            }
        }
    }

    @Test
    void userAggregatesInWindowsAndKeyedAggregationsRestoreExactly()
    {
        final SplittableRandom random = new SplittableRandom(83);
        for (int round = 0; round < 4; round++)
        {
            final List<Event> events = SessionWindowOperatorTest.events(random, 40, 10, 30);
            final int cut = random.nextInt(events.size() + 1);
            final int cut2 = cut + random.nextInt(events.size() - cut + 1);
            CheckpointTesting.restoreTwice(() -> new WindowAggregateOperator(List.of("k"), "t", 50, 25, 40,
                    SessionWindowOperatorTest.AGGREGATES, null), false, events, cut, cut2, random.nextLong(),
                memory.allocator(), temp.resolve("window-" + round), "window " + round);
            CheckpointTesting.restoreTwice(() -> new AggregateOperator(List.of("k", "s"),
                    SessionWindowOperatorTest.AGGREGATES), round % 2 == 0, events, cut, cut2, random.nextLong(),
                memory.allocator(), temp.resolve("keyed-" + round), "keyed " + round);
        }
    }
}
