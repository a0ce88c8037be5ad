package io.sabot.runtime.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import io.sabot.common.DataException;
import io.sabot.kernels.Batch;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SIMD-reduction global aggregation against the hash aggregation (AggregateOperator with no keys) as the
 * reference: same rows, bounded and unbounded, SINGLE and PARTIAL+FINAL, integers, doubles (with NaN, +-0) and
 * decimals, with nulls, empty input and selections.
 */
class GlobalAggregateOperatorTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    static final List<Aggregate> NUMERIC = List.of(Aggregate.count("n"), Aggregate.count("i", "ni"),
        Aggregate.sum("i", "si"), Aggregate.sum("l", "sl"), Aggregate.min("i", "mini"), Aggregate.max("l", "maxl"),
        Aggregate.mean("i", "avgi"), Aggregate.mean("l", "avgl"), Aggregate.sum("d", "sd"), Aggregate.mean("d", "avgd"),
        Aggregate.min("d", "mind"), Aggregate.max("d", "maxd"));
    static final Schema NUMERIC_SCHEMA = Harness.schema("i", Harness.INT, "l", Harness.LONG, "d", Harness.DOUBLE);
    static final ArrowType MONEY = new ArrowType.Decimal(15, 2, 128);
    static final List<Aggregate> DECIMAL = List.of(Aggregate.count("n"), Aggregate.count("m", "nm"),
        Aggregate.sum("m", "sm"), Aggregate.min("m", "minm"), Aggregate.max("m", "maxm"), Aggregate.mean("m", "avgm"));
    static final Schema DECIMAL_SCHEMA = new Schema(List.of(Field.nullable("m", MONEY)));

    /** Random-size batches; decimal columns are built here (the shared harness builds int/long/double/utf8). */
    static List<Batch> batches(final BufferAllocator allocator, final SplittableRandom random, final List<Object[]> rows,
                               final Schema schema)
    {
        if (!(schema.getFields().get(0).getType() instanceof ArrowType.Decimal))
        {
            return Harness.batches(allocator, random, rows, schema);
        }
        final List<Batch> out = new ArrayList<>();
        int at = 0;
        while (at < rows.size() || out.isEmpty())
        {
            final int size = Math.min(rows.size() - at, random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(300));
            final DecimalVector v = new DecimalVector(schema.getFields().get(0), allocator);
            v.allocateNew(Math.max(size, 1));
            for (int r = 0; r < size; r++)
            {
                final Object value = rows.get(at + r)[0];
                if (value == null)
                {
                    v.setNull(r);
                }
                else
                {
                    v.set(r, (BigDecimal)value);
                }
            }
            v.setValueCount(size);
            out.add(Batch.of(v));
            at += size;
        }
        return out;
    }

    private List<List<Object>> run(final Supplier<Operator> factory, final List<Batch> batches, final boolean bounded)
    {
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("op", 0, Long.MAX_VALUE);
             Harness.Collector out = new Harness.Collector();
             Operator op = factory.get())
        {
            op.open(Harness.context(allocator, bounded));
            for (final Batch batch : batches)
            {
                op.processBatch(0, batch, out);
            }
            op.endOfInput(0, out);
            final List<List<Object>> rows = out.rows();
            return bounded ? rows : rows.isEmpty() ? rows : List.of(rows.get(rows.size() - 1));
        }
    }

    private static List<Object[]> numericRows(final SplittableRandom random, final int n)
    {
        final List<Object[]> rows = new ArrayList<>();
        for (final Object[] row : Harness.randomRows(random, n, 50, 0.2))
        {
            rows.add(new Object[] {row[0], row[1], row[2]});
        }
        return rows;
    }

    private static List<Object[]> decimalRows(final SplittableRandom random, final int n)
    {
        final List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < n; r++)
        {
            rows.add(new Object[] {random.nextInt(5) == 0 ? null :
                BigDecimal.valueOf(random.nextLong(-99_999_999_999L, 99_999_999_999L), 2)});
        }
        return rows;
    }

    private Schema outputSchema(final List<Aggregate> aggregates, final Schema input)
    {
        final List<Field> fields = new ArrayList<>();
        for (final Aggregate a : aggregates)
        {
            final ArrowType type = switch (a.function())
            {
                case COUNT_ALL, COUNT -> Harness.LONG;
                case MEAN -> Harness.DOUBLE;
                case MIN, MAX -> input.findField(a.column()).getType();
                case SUM -> input.findField(a.column()).getType() instanceof ArrowType.Decimal d ?
                    new ArrowType.Decimal(38, d.getScale(), 128) : input.findField(a.column()).getType()
                    instanceof ArrowType.FloatingPoint ? Harness.DOUBLE : Harness.LONG;
                case USER -> a.userResultType(input);
            };
            fields.add(Field.nullable(a.name(), type));
        }
        return new Schema(fields);
    }

    private Schema partialSchema(final List<Aggregate> aggregates, final Schema input)
    {
        final List<Field> fields = new ArrayList<>();
        final Schema single = outputSchema(aggregates, input);
        for (int k = 0; k < aggregates.size(); k++)
        {
            final Aggregate a = aggregates.get(k);
            if (a.function() == Aggregate.Function.MEAN)
            {
                final Field sum = outputSchema(List.of(Aggregate.sum(a.column(), "x")), input).getFields().get(0);
                fields.add(Field.nullable(a.name() + AggregateOperator.MEAN_SUM_SUFFIX, sum.getType()));
                fields.add(Field.nullable(a.name() + AggregateOperator.MEAN_COUNT_SUFFIX, Harness.LONG));
            }
            else
            {
                fields.add(single.getFields().get(k));
            }
        }
        return new Schema(fields);
    }

    private void compare(final List<Aggregate> aggregates, final Schema schema, final List<Object[]> rows,
                         final long seed)
    {
        for (final boolean bounded : new boolean[] {true, false})
        {
            final Schema out = outputSchema(aggregates, schema);
            final List<List<Object>> expected;
            final List<List<Object>> single;
            try (BufferAllocator allocator = memory.allocator().newChildAllocator("in", 0, Long.MAX_VALUE))
            {
                expected = run(() -> new AggregateOperator(List.of(), aggregates),
                    batches(allocator, new SplittableRandom(seed), rows, schema), bounded);
                single = run(() -> new GlobalAggregateOperator(AggregateOperator.Mode.SINGLE, aggregates, schema, out),
                    batches(allocator, new SplittableRandom(seed), rows, schema), bounded);
            }
            assertClose(expected, single, "single bounded=" + bounded + " rows=" + rows.size());
        }
        // two phases: three partial instances over thirds of the rows, merged by a final one
        final Schema partial = partialSchema(aggregates, schema);
        final Schema out = outputSchema(aggregates, schema);
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("in", 0, Long.MAX_VALUE);
             Harness.Collector partials = new Harness.Collector())
        {
            final int third = rows.size() / 3;
            for (int p = 0; p < 3; p++)
            {
                final List<Object[]> part = rows.subList(p * third, p == 2 ? rows.size() : (p + 1) * third);
                try (Operator op = new GlobalAggregateOperator(AggregateOperator.Mode.PARTIAL, aggregates, schema,
                    partial))
                {
                    op.open(Harness.context(allocator, true));
                    for (final Batch batch : batches(allocator, new SplittableRandom(seed + p), part, schema))
                    {
                        op.processBatch(0, batch, partials);
                    }
                    op.endOfInput(0, partials);
                }
            }
            final List<Batch> handOver = new ArrayList<>(partials.batches);
            partials.batches.clear();
            final List<List<Object>> merged = run(() -> new GlobalAggregateOperator(AggregateOperator.Mode.FINAL,
                aggregates, partial, out), handOver, true);
            final List<List<Object>> expected = run(() -> new AggregateOperator(List.of(), aggregates),
                batches(allocator, new SplittableRandom(seed), rows, schema), true);
            assertClose(expected, merged, "partial+final rows=" + rows.size());
        }
    }

    private static void assertClose(final List<List<Object>> expected, final List<List<Object>> actual,
                                    final String what)
    {
        assertEquals(expected.size(), actual.size(), what);
        for (int r = 0; r < expected.size(); r++)
        {
            for (int c = 0; c < expected.get(r).size(); c++)
            {
                final Object e = expected.get(r).get(c);
                final Object a = actual.get(r).get(c);
                if (e instanceof Double de && a instanceof Double da && !de.isNaN() && !da.isNaN())
                {
                    // float sums differ by summation order only
                    assertEquals(de, da, 1e-9 * Math.max(1, Math.abs(de)), what + " column " + c);
                }
                else
                {
                    assertTrue(Harness.same(e, a), what + " column " + c + ": expected " + e + " but was " + a);
                }
            }
        }
    }

    @Test
    void numericAggregatesMatchTheHashAggregation()
    {
        final SplittableRandom random = new SplittableRandom(7);
        for (final int size : new int[] {0, 1, 7, 63, 64, 65, 1000, 5000})
        {
            compare(NUMERIC, NUMERIC_SCHEMA, numericRows(random, size), size);
        }
    }

    @Test
    void decimalAggregatesMatchTheHashAggregationExactly()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (final int size : new int[] {0, 1, 9, 100, 4000})
        {
            compare(DECIMAL, DECIMAL_SCHEMA, decimalRows(random, size), size);
        }
    }

    @Test
    void decimalSumBeyond38DigitsIsATypedError()
    {
        final ArrowType wide = new ArrowType.Decimal(38, 0, 128);
        final Schema schema = new Schema(List.of(Field.nullable("m", wide)));
        final List<Aggregate> sum = List.of(Aggregate.sum("m", "s"));
        final Schema out = new Schema(List.of(Field.nullable("s", wide)));
        try (BufferAllocator allocator = memory.allocator().newChildAllocator("in", 0, Long.MAX_VALUE);
             Harness.Collector collector = new Harness.Collector();
             Operator op = new GlobalAggregateOperator(AggregateOperator.Mode.SINGLE, sum, schema, out))
        {
            op.open(Harness.context(allocator, true));
            final BigDecimal big = new BigDecimal("9".repeat(38));
            for (int b = 0; b < 2; b++)
            {
                final DecimalVector v = new DecimalVector(Field.nullable("m", wide), allocator);
                v.allocateNew(1);
                v.set(0, big);
                v.setValueCount(1);
                if (b == 0)
                {
                    op.processBatch(0, Batch.of(v), collector);
                }
                else
                {
                    final DataException e = assertThrows(DataException.class,
                        () -> op.processBatch(0, Batch.of(v), collector));
                    assertEquals("m", e.column());
                }
            }
        }
    }
}
