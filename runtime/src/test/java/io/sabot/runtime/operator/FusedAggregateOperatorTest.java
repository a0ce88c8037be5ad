package io.sabot.runtime.operator;

import io.sabot.jit.Projection;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParser;
import io.sabot.kernels.Batch;
import io.sabot.runtime.exec.Batches;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused filter + projection + aggregation against the unfused operators (filter+project, then a SINGLE
 * aggregation; PARTIAL through a FINAL one), batch after batch: one-byte and empty utf8 keys, int keys, null keys,
 * batches whose keys do not fit group codes (longer strings, wide ranges: the unfused path inside the operator),
 * selections, empty batches, every aggregate kind over decimals, integers, dates and float64.
 */
class FusedAggregateOperatorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private static final Schema SCHEMA = new Schema(List.of(
        Field.nullable("f", ArrowType.Utf8.INSTANCE),
        Field.nullable("k", new ArrowType.Int(32, true)),
        Field.nullable("p", new ArrowType.Decimal(15, 2, 128)),
        Field.nullable("d", new ArrowType.Decimal(15, 2, 128)),
        Field.nullable("n", new ArrowType.Int(64, true)),
        Field.nullable("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Field.nullable("s", new ArrowType.Date(DateUnit.DAY))));

    private static final List<Projection> PROJECTIONS = List.of(
        new Projection("f", ExprParser.parse("f")), new Projection("k", ExprParser.parse("k")),
        new Projection("p", ExprParser.parse("p")), new Projection("n", ExprParser.parse("n")),
        new Projection("x", ExprParser.parse("x")), new Projection("s", ExprParser.parse("s")),
        new Projection("rev", ExprParser.parse("p * (1 - d)")));

    private static final List<Aggregate> AGGREGATES = List.of(
        Aggregate.count("c"), Aggregate.count("n", "cn"), Aggregate.sum("p", "sp"), Aggregate.sum("rev", "srev"),
        Aggregate.sum("n", "sn"), Aggregate.sum("x", "sx"), Aggregate.min("s", "mins"), Aggregate.max("s", "maxs"),
        Aggregate.min("p", "minp"), Aggregate.max("n", "maxn"), Aggregate.mean("p", "mp"), Aggregate.mean("x", "mx"));

    /** Batches of random rows; {@code misfit} batches hold a two-byte key or a wide int range. */
    private List<Batch> batches(final BufferAllocator allocator, final SplittableRandom random, final int count,
        final boolean misfits)
    {
        return batches(allocator, random, count, misfits, false);
    }

    /**
     * {@code stable}: no null keys, and every batch holds each f in A..E and each k in -3..3 (so all share one code
     * layout) except every seventh, whose k are 0 or 1 only (a new layout, and back).
     */
    private List<Batch> batches(final BufferAllocator allocator, final SplittableRandom random, final int count,
        final boolean misfits, final boolean stable)
    {
        final List<Batch> out = new ArrayList<>();
        for (int b = 0; b < count; b++)
        {
            final int rows = stable ? 35 + random.nextInt(300) : random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(300);
            final int misfit = misfits && random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
            final boolean narrow = stable && b % 7 == 6;
            final VarCharVector f = new VarCharVector("f", allocator);
            final IntVector k = new IntVector("k", allocator);
            final DecimalVector p = new DecimalVector("p", allocator, 15, 2);
            final DecimalVector d = new DecimalVector("d", allocator, 15, 2);
            final BigIntVector n = new BigIntVector("n", allocator);
            final Float8Vector x = new Float8Vector("x", allocator);
            final DateDayVector s = new DateDayVector("s", allocator);
            final List<FieldVector> columns = List.of(f, k, p, d, n, x, s);
            for (final FieldVector v : columns)
            {
                v.setInitialCapacity(Math.max(rows, 1));
                v.allocateNew();
            }
            // a third of the batches have no null keys: one-byte utf8 keys are then read straight from the data
            final boolean nullKeys = !stable && random.nextInt(3) != 0;
            for (int r = 0; r < rows; r++)
            {
                if (!nullKeys || random.nextInt(10) != 0)
                {
                    final int pick = stable && r < 35 ? r / 7 : random.nextInt(5);
                    f.setSafe(r, (misfit == 1 && r == rows - 1 ? "AB" : pick == 0 && nullKeys ? "" : String.valueOf(
                        (char)('A' + pick))).getBytes(StandardCharsets.UTF_8));
                }
                if (narrow)
                {
                    k.set(r, random.nextInt(2));
                }
                else if (stable)
                {
                    k.set(r, r < 35 ? r % 7 - 3 : random.nextInt(-3, 4));
                }
                else if (random.nextInt(10) != 0)
                {
                    k.set(r, misfit == 2 && r == 0 ? 1_000_000 : random.nextInt(-3, 4));
                }
                if (random.nextInt(8) != 0)
                {
                    p.set(r, random.nextLong(-1_000_000, 10_000_000));
                }
                d.set(r, random.nextInt(11));
                if (random.nextInt(6) != 0)
                {
                    n.set(r, random.nextInt(3) == 0 ? random.nextLong() : random.nextLong(-100, 100));
                }
                if (random.nextInt(7) != 0)
                {
                    // eighths: every float sum is exact, whatever the order of additions
                    x.set(r, random.nextInt(-800, 800) / 8.0);
                }
                if (random.nextInt(9) != 0)
                {
                    s.set(r, 8000 + random.nextInt(3000));
                }
            }
            for (final FieldVector v : columns)
            {
                v.setValueCount(rows);
            }
            if (!stable && rows > 2 && random.nextBoolean())
            {
                final List<Integer> live = new ArrayList<>();
                for (int r = 0; r < rows; r++)
                {
                    if (random.nextInt(3) != 0)
                    {
                        live.add(r);
                    }
                }
                out.add(Batch.of(new ArrayList<>(columns), SelectionVector.of(allocator,
                    live.stream().mapToInt(Integer::intValue).toArray())));
            }
            else
            {
                out.add(Batch.of(new ArrayList<>(columns)));
            }
        }
        return out;
    }

    private List<List<Object>> run(final List<Operator> chain, final long seed, final boolean misfits)
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE))
        {
            final List<Harness.Collector> outs = new ArrayList<>();
            for (final Operator op : chain)
            {
                op.open(Harness.context(allocator, true));
                outs.add(new Harness.Collector());
            }
            try
            {
                for (final Batch batch : batches(allocator, new SplittableRandom(seed), 60, misfits))
                {
                    push(chain, outs, 0, batch);
                }
                for (int i = 0; i < chain.size(); i++)
                {
                    chain.get(i).endOfInput(0, outs.get(i));
                    drain(chain, outs, i);
                }
                final List<List<Object>> rows = outs.get(chain.size() - 1).rowsSince(0);
                rows.sort(Comparator.comparing(Object::toString));
                return rows;
            }
            finally
            {
                for (int i = 0; i < chain.size(); i++)
                {
                    chain.get(i).close();
                    outs.get(i).close();
                }
            }
        }
    }

    private static void push(final List<Operator> chain, final List<Harness.Collector> outs, final int i,
        final Batch batch)
    {
        chain.get(i).processBatch(0, batch, outs.get(i));
        drain(chain, outs, i);
    }

    /** Hands what operator i emitted to operator i + 1 (the last one keeps it). */
    private static void drain(final List<Operator> chain, final List<Harness.Collector> outs, final int i)
    {
        if (i + 1 == chain.size())
        {
            return;
        }
        final List<Batch> emitted = new ArrayList<>(outs.get(i).batches);
        outs.get(i).batches.clear();
        for (final Batch b : emitted)
        {
            push(chain, outs, i + 1, b);
        }
    }

    private static Schema partial(final Schema projected)
    {
        final List<Field> fields = new ArrayList<>();
        fields.add(projected.findField("f"));
        fields.add(projected.findField("k"));
        final ArrowType count = new ArrowType.Int(64, true);
        final ArrowType dec = new ArrowType.Decimal(38, 2, 128);
        final ArrowType dbl = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        fields.add(Field.nullable("c", count));
        fields.add(Field.nullable("cn", count));
        fields.add(Field.nullable("sp", dec));
        fields.add(Field.nullable("srev", new ArrowType.Decimal(38, 4, 128)));
        fields.add(Field.nullable("sn", count));
        fields.add(Field.nullable("sx", dbl));
        fields.add(Field.nullable("mins", new ArrowType.Date(DateUnit.DAY)));
        fields.add(Field.nullable("maxs", new ArrowType.Date(DateUnit.DAY)));
        fields.add(Field.nullable("minp", new ArrowType.Decimal(15, 2, 128)));
        fields.add(Field.nullable("maxn", count));
        fields.add(Field.nullable("mp" + AggregateOperator.MEAN_SUM_SUFFIX, dec));
        fields.add(Field.nullable("mp" + AggregateOperator.MEAN_COUNT_SUFFIX, count));
        fields.add(Field.nullable("mx" + AggregateOperator.MEAN_SUM_SUFFIX, dbl));
        fields.add(Field.nullable("mx" + AggregateOperator.MEAN_COUNT_SUFFIX, count));
        return new Schema(fields);
    }

    private static Schema projected()
    {
        return new Schema(List.of(SCHEMA.findField("f"), SCHEMA.findField("k"), SCHEMA.findField("p"),
            SCHEMA.findField("n"), SCHEMA.findField("x"), SCHEMA.findField("s"),
            Field.nullable("rev", new ArrowType.Decimal(31, 4, 128))));
    }

    @Test
    void fusedEqualsFilterProjectThenAggregate()
    {
        final List<String> keys = List.of("f", "k");
        final Schema partial = partial(projected());
        assertTrue(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA, keys, AGGREGATES));
        for (final String text : new String[] {"p > 0 and s < date '1995-01-01'", "k <> 2 or n > 0"})
        {
            final Expr predicate = ExprParser.parse(text);
            for (final boolean misfits : new boolean[] {false, true})
            {
                final List<List<Object>> expected = run(List.of(
                    new FilterProjectOperator(predicate, PROJECTIONS, SCHEMA),
                    new AggregateOperator(keys, AGGREGATES)), 11, misfits);
                final List<List<Object>> single = run(List.of(new FusedAggregateOperator(
                    AggregateOperator.Mode.SINGLE, predicate, PROJECTIONS, SCHEMA, keys, AGGREGATES, partial)), 11,
                    misfits);
                Harness.assertSameRows(expected, single, text + " single, misfits " + misfits);
                final List<List<Object>> twoPhase = run(List.of(new FusedAggregateOperator(
                    AggregateOperator.Mode.PARTIAL, predicate, PROJECTIONS, SCHEMA, keys, AGGREGATES, partial),
                    new AggregateOperator(AggregateOperator.Mode.FINAL, keys, AGGREGATES)), 11, misfits);
                Harness.assertSameRows(expected, twoPhase, text + " partial+final, misfits " + misfits);
                assertTrue(expected.size() > 10, "groups: " + expected.size());
            }
        }
    }

    @Test
    void aFilterAloneAndCountOnlyAlsoFuse()
    {
        final Expr predicate = ExprParser.parse("x > 0.0");
        final List<String> keys = List.of("k");
        final List<Aggregate> count = List.of(Aggregate.count("c"));
        final Schema partial = new Schema(List.of(SCHEMA.findField("k"), Field.nullable("c",
            new ArrowType.Int(64, true))));
        final List<List<Object>> expected = run(List.of(new FilterOperator(predicate, SCHEMA),
            new AggregateOperator(keys, count)), 5, true);
        final List<List<Object>> actual = run(List.of(new FusedAggregateOperator(AggregateOperator.Mode.SINGLE,
            predicate, null, SCHEMA, keys, count, partial)), 5, true);
        Harness.assertSameRows(expected, actual, "filter, count(*)");
    }

    @Test
    void shapesWithoutAccumulatorsAreNotFused()
    {
        final List<String> keys = List.of("f");
        // float min/max, a utf8 aggregate input, a computed key, a float key
        org.junit.jupiter.api.Assertions.assertFalse(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA, keys,
            List.of(Aggregate.min("x", "m"))));
        org.junit.jupiter.api.Assertions.assertFalse(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA, keys,
            List.of(Aggregate.count("f", "m"))));
        org.junit.jupiter.api.Assertions.assertFalse(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA,
            List.of("rev"), List.of(Aggregate.count("c"))));
        org.junit.jupiter.api.Assertions.assertFalse(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA,
            List.of("x"), List.of(Aggregate.count("c"))));
    }

    @Test
    void aGlobalAggregationIsOneGroupCode()
    {
        final Expr predicate = ExprParser.parse("s >= date '1994-01-01' and d >= 0.05 and d <= 0.07 and p < 24.00");
        final List<Aggregate> aggregates = List.of(Aggregate.sum("rev", "revenue"), Aggregate.count("c"),
            Aggregate.mean("x", "mx"));
        final Schema partial = new Schema(List.of(Field.nullable("revenue", new ArrowType.Decimal(38, 4, 128)),
            Field.nullable("c", new ArrowType.Int(64, true)),
            Field.nullable("mx" + AggregateOperator.MEAN_SUM_SUFFIX,
                new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
            Field.nullable("mx" + AggregateOperator.MEAN_COUNT_SUFFIX, new ArrowType.Int(64, true))));
        assertTrue(FusedAggregateOperator.supports(PROJECTIONS, SCHEMA, List.of(), aggregates));
        final List<List<Object>> expected = run(List.of(new FilterProjectOperator(predicate, PROJECTIONS, SCHEMA),
            new AggregateOperator(List.of(), aggregates)), 7, false);
        final List<List<Object>> single = run(List.of(new FusedAggregateOperator(AggregateOperator.Mode.SINGLE,
            predicate, PROJECTIONS, SCHEMA, List.of(), aggregates, partial)), 7, false);
        Harness.assertSameRows(expected, single, "global");
        final List<List<Object>> twoPhase = run(List.of(new FusedAggregateOperator(AggregateOperator.Mode.PARTIAL,
            predicate, PROJECTIONS, SCHEMA, List.of(), aggregates, partial),
            new AggregateOperator(AggregateOperator.Mode.FINAL, List.of(), aggregates)), 7, false);
        Harness.assertSameRows(expected, twoPhase, "global partial+final");
        // nothing passes the filter: still one row (count 0, nulls)
        final Expr none = ExprParser.parse("p > 1000000000.00");
        Harness.assertSameRows(run(List.of(new FilterProjectOperator(none, PROJECTIONS, SCHEMA),
            new AggregateOperator(List.of(), aggregates)), 7, false), run(List.of(new FusedAggregateOperator(
            AggregateOperator.Mode.SINGLE, none, PROJECTIONS, SCHEMA, List.of(), aggregates, partial)), 7, false),
            "global, nothing passes");
    }

    @Test
    void accumulatorsCarryOverWhileTheCodeLayoutStays()
    {
        final List<String> keys = List.of("f", "k");
        final Schema partial = partial(projected());
        final Expr predicate = ExprParser.parse("k <> 2 or n > 0");
        final List<List<Object>> expected;
        final List<List<Object>> actual;
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("carry", 0, Long.MAX_VALUE))
        {
            final FilterProjectOperator filter = new FilterProjectOperator(predicate, PROJECTIONS, SCHEMA);
            final AggregateOperator reference = new AggregateOperator(keys, AGGREGATES);
            final FusedAggregateOperator fused = new FusedAggregateOperator(AggregateOperator.Mode.PARTIAL,
                predicate, PROJECTIONS, SCHEMA, keys, AGGREGATES, partial);
            final AggregateOperator merge = new AggregateOperator(AggregateOperator.Mode.FINAL, keys, AGGREGATES);
            final List<Operator> ops = List.of(filter, reference, fused, merge);
            final List<Harness.Collector> outs = new ArrayList<>();
            for (final Operator op : ops)
            {
                op.open(Harness.context(allocator, true));
                outs.add(new Harness.Collector());
            }
            try
            {
                // 50 batches: runs of 6 with one layout, then one with another (b % 7 == 6), the last alone: 15 runs
                final List<Batch> input = batches(allocator, new SplittableRandom(23), 50, false, true);
                int partials = 0;
                for (final Batch batch : input)
                {
                    push(List.of(filter, reference), List.of(outs.get(0), outs.get(1)), 0,
                        Batches.share(batch, allocator));
                    fused.processBatch(0, batch, outs.get(2));
                    partials += outs.get(2).batches.size();
                    drainInto(outs.get(2), merge, outs.get(3));
                }
                filter.endOfInput(0, outs.get(0));
                drain(List.of(filter, reference), List.of(outs.get(0), outs.get(1)), 0);
                reference.endOfInput(0, outs.get(1));
                fused.endOfInput(0, outs.get(2));
                partials += outs.get(2).batches.size();
                drainInto(outs.get(2), merge, outs.get(3));
                merge.endOfInput(0, outs.get(3));
                // one partial batch per layout run, not one per batch
                assertEquals(15, partials);
                expected = outs.get(1).rowsSince(0);
                actual = outs.get(3).rowsSince(0);
            }
            finally
            {
                for (int i = 0; i < ops.size(); i++)
                {
                    ops.get(i).close();
                    outs.get(i).close();
                }
            }
        }
        expected.sort(Comparator.comparing(Object::toString));
        actual.sort(Comparator.comparing(Object::toString));
        Harness.assertSameRows(expected, actual, "carried partials merged");
        assertEquals(35, expected.size());
    }

    private static void drainInto(final Harness.Collector from, final Operator to, final Harness.Collector out)
    {
        final List<Batch> emitted = new ArrayList<>(from.batches);
        from.batches.clear();
        for (final Batch b : emitted)
        {
            to.processBatch(0, b, out);
        }
    }
}
