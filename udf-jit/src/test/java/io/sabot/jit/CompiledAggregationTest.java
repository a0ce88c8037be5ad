package io.sabot.jit;

import io.sabot.common.DataException;
import io.sabot.jit.exec.AccumulatorLayout;
import io.sabot.jit.expr.ExprParser;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.testing.AllocatorExtension;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated ACCUMULATE loop against a reference built from the interpreter (filter to a selection, projection
 * of every row) and plain Java accumulation with BigInteger sums, on random batches: every size around the 64-row
 * block and the vector lanes, nulls, sliced vectors, selections, 18-digit decimals whose sums need the 128-bit carry.
 */
class CompiledAggregationTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private final ExpressionCompiler jit = new ExpressionCompiler();
    private final ExpressionCompiler scalarJit = new ExpressionCompiler(
        ExpressionCompiler.Config.DEFAULTS.withVector(false));
    private final ExpressionCompiler interpreted = new ExpressionCompiler(
        ExpressionCompiler.Config.DEFAULTS.withForceInterpreter(true));

    private static final int CODES = 7;
    private static final int[] SIZES = {0, 1, 3, 4, 5, 63, 64, 65, 1031, 4099};

    /** Input text, then sum/min/max flags. */
    private static final String[] INPUTS = {"q", "p * (1 - d)", "p * (1 - d) * (1 + t)", "i", "x", "n", "s"};
    private static final boolean[] SUMS = {true, true, true, true, true, true, false};
    private static final boolean[] MINS = {true, false, false, true, false, true, true};
    private static final boolean[] MAXES = {true, false, false, true, false, true, true};

    private static final String[] PREDICATES = {null,
        "s >= date '1994-01-01' and s < date '1995-01-01' and d >= 0.05 and d <= 0.07 and q < 24",
        "q < 24 or i > 0", "p > 0.00"};

    private static Schema schema()
    {
        return new Schema(List.of(
            Field.nullable("q", io.sabot.jit.expr.ValueType.decimal(15, 2).arrowType()),
            Field.nullable("p", io.sabot.jit.expr.ValueType.decimal(15, 2).arrowType()),
            Field.nullable("d", io.sabot.jit.expr.ValueType.decimal(15, 2).arrowType()),
            Field.nullable("t", io.sabot.jit.expr.ValueType.decimal(15, 2).arrowType()),
            Field.nullable("s", io.sabot.jit.expr.DataType.DATE.arrowType()),
            Field.nullable("i", io.sabot.jit.expr.DataType.INT32.arrowType()),
            Field.nullable("x", io.sabot.jit.expr.DataType.FLOAT64.arrowType()),
            Field.nullable("n", io.sabot.jit.expr.ValueType.decimal(18, 0).arrowType())));
    }

    private Batch batch(final Random rnd, final int rows, final double nulls)
    {
        final BufferAllocator a = memory.allocator();
        final DecimalVector q = new DecimalVector("q", a, 15, 2);
        final DecimalVector p = new DecimalVector("p", a, 15, 2);
        final DecimalVector d = new DecimalVector("d", a, 15, 2);
        final DecimalVector t = new DecimalVector("t", a, 15, 2);
        final DateDayVector s = new DateDayVector("s", a);
        final IntVector i = new IntVector("i", a);
        final Float8Vector x = new Float8Vector("x", a);
        final DecimalVector n = new DecimalVector("n", a, 18, 0);
        final List<FieldVector> vs = List.of(q, p, d, t, s, i, x, n);
        for (final FieldVector v : vs)
        {
            v.setInitialCapacity(rows);
            v.allocateNew();
        }
        final int day = (int)LocalDate.of(1992, 1, 1).toEpochDay();
        for (int r = 0; r < rows; r++)
        {
            final int k = r;
            set(rnd, nulls, q, k, () -> q.set(k, 100 * (1 + rnd.nextInt(50))));
            set(rnd, nulls, p, k, () -> p.set(k, (rnd.nextBoolean() ? 1 : -1) * (long)rnd.nextInt(10_500_000)));
            set(rnd, nulls, d, k, () -> d.set(k, rnd.nextInt(11)));
            set(rnd, nulls, t, k, () -> t.set(k, rnd.nextInt(9)));
            set(rnd, nulls, s, k, () -> s.set(k, day + rnd.nextInt(2500)));
            set(rnd, nulls, i, k, () -> i.set(k, rnd.nextInt(-1000, 1000)));
            set(rnd, nulls, x, k, () -> x.set(k, rnd.nextInt(-2000, 2000) / 8.0));
            // near the 18-digit limit, mostly one sign: partial sums pass 2^63 and need the carry
            set(rnd, nulls, n, k, () -> n.set(k, rnd.nextInt(10) == 0 ? -rnd.nextLong(999_999_999_999_999_999L)
                : rnd.nextLong(900_000_000_000_000_000L, 999_999_999_999_999_999L)));
        }
        for (final FieldVector v : vs)
        {
            v.setValueCount(rows);
        }
        return Batch.of(vs);
    }

    private static void set(final Random rnd, final double nulls, final FieldVector v, final int k, final Runnable set)
    {
        if (rnd.nextDouble() < nulls)
        {
            v.setNull(k);
        }
        else
        {
            set.run();
        }
    }

    private static List<Projection> inputs()
    {
        final List<Projection> out = new ArrayList<>();
        for (int j = 0; j < INPUTS.length; j++)
        {
            out.add(new Projection("in" + j, ExprParser.parse(INPUTS[j])));
        }
        return out;
    }

    @Test
    void accumulatorsEqualTheInterpretedReference()
    {
        final Random rnd = new Random(17);
        final Schema schema = schema();
        for (final String text : PREDICATES)
        {
            final io.sabot.jit.expr.Expr predicate = text == null ? null : ExprParser.parse(text);
            final List<CompiledAggregation> engines = List.of(
                jit.compileAggregation(predicate, inputs(), SUMS, MINS, MAXES, schema),
                scalarJit.compileAggregation(predicate, inputs(), SUMS, MINS, MAXES, schema));
            for (final CompiledAggregation e : engines)
            {
                assertTrue(e.isCompiled(), text + ": " + e.fallbackReason());
            }
            for (final int rows : SIZES)
            {
                for (final double nulls : new double[] {0.0, 0.25})
                {
                    try (Batch batch = batch(rnd, rows, nulls))
                    {
                        final int[] codes = new int[rows];
                        for (int r = 0; r < rows; r++)
                        {
                            codes[r] = rnd.nextInt(CODES);
                        }
                        for (final CompiledAggregation e : engines)
                        {
                            check(e, predicate, batch, codes, text + " rows " + rows);
                        }
                        if (rows > 8)
                        {
                            // buffers at an offset
                            try (Batch sliced = slice(batch, 3, rows - 5))
                            {
                                check(engines.get(0), predicate, sliced, java.util.Arrays.copyOf(codes, rows - 5),
                                    text + " sliced " + rows);
                            }
                            // a selection: codes index the positions
                            final List<Integer> positions = new ArrayList<>();
                            for (int r = 0; r < rows; r += 1 + rnd.nextInt(3))
                            {
                                positions.add(r);
                            }
                            final List<FieldVector> shared = new ArrayList<>();
                            for (final FieldVector v : batch.columns())
                            {
                                final TransferPair tp = v.getTransferPair(memory.allocator());
                                tp.splitAndTransfer(0, rows);
                                shared.add((FieldVector)tp.getTo());
                            }
                            try (Batch selected = Batch.of(shared, SelectionVector.of(memory.allocator(),
                                positions.stream().mapToInt(Integer::intValue).toArray())))
                            {
                                check(engines.get(0), predicate, selected, codes, text + " selection " + rows);
                            }
                        }
                    }
                }
            }
        }
    }

    private Batch slice(final Batch batch, final int from, final int count)
    {
        final List<FieldVector> out = new ArrayList<>();
        for (final FieldVector v : batch.columns())
        {
            final TransferPair tp = v.getTransferPair(memory.allocator());
            tp.splitAndTransfer(from, count);
            out.add((FieldVector)tp.getTo());
        }
        return Batch.of(out);
    }

    /** Runs the aggregation and compares every accumulator with the reference. */
    private void check(final CompiledAggregation e, final io.sabot.jit.expr.Expr predicate, final Batch batch,
        final int[] codes, final String what)
    {
        final AccumulatorLayout layout = e.layout();
        final long[] longs = new long[CODES * layout.longStride()];
        final double[] doubles = new double[CODES * layout.doubleStride()];
        e.accumulate(batch, codes, longs, doubles);

        // reference: which rows pass (interpreted filter), every input value (interpreted projection)
        final SelectionVector in = batch.selection();
        final int count = in == null ? batch.rowCount() : in.count();
        final boolean[] pass = new boolean[count];
        if (predicate == null)
        {
            java.util.Arrays.fill(pass, true);
        }
        else
        {
            try (SelectionVector kept = interpreted.compileFilter(predicate, batch.schema())
                .filter(batch, memory.allocator()))
            {
                int k = 0;
                for (int i = 0; i < count && k < kept.count(); i++)
                {
                    final int row = in == null ? i : in.get(i);
                    if (kept.get(k) == row)
                    {
                        pass[i] = true;
                        k++;
                    }
                }
            }
        }
        final long[] countAll = new long[CODES];
        try (Batch values = interpreted.compileProjection(inputs(), batch.schema()).project(batch,
            memory.allocator()))
        {
            final int[] codeOf = new int[count];
            for (int i = 0; i < count; i++)
            {
                codeOf[i] = codes[in == null ? i : in.get(i)];
                countAll[codeOf[i]] += pass[i] ? 1 : 0;
            }
            for (int g = 0; g < CODES; g++)
            {
                assertEquals(countAll[g], longs[g * layout.longStride() + AccumulatorLayout.COUNT_ALL],
                    what + " count(*) of code " + g);
            }
            for (int j = 0; j < INPUTS.length; j++)
            {
                final FieldVector v = values.column(j);
                for (int g = 0; g < CODES; g++)
                {
                    long n = 0;
                    BigInteger sum = BigInteger.ZERO;
                    double dsum = 0;
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (int i = 0; i < count; i++)
                    {
                        if (!pass[i] || codeOf[i] != g || v.isNull(i))
                        {
                            continue;
                        }
                        n++;
                        if (v instanceof Float8Vector f)
                        {
                            dsum += f.get(i);
                            continue;
                        }
                        final long value = switch (v)
                        {
                            case DecimalVector dv -> dv.getObject(i).unscaledValue().longValueExact();
                            case DateDayVector dd -> dd.get(i);
                            case IntVector iv -> iv.get(i);
                            case BigIntVector bv -> bv.get(i);
                            default -> throw new AssertionError(v.getClass());
                        };
                        sum = sum.add(BigInteger.valueOf(value));
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                    final int base = g * layout.longStride();
                    final String at = what + " input " + INPUTS[j] + " code " + g;
                    assertEquals(n, longs[base + layout.count(j)], at + " count");
                    if (layout.sum(j) >= 0)
                    {
                        final BigInteger actual = BigInteger.valueOf(longs[base + layout.sum(j) + 1]).shiftLeft(64)
                            .add(new BigInteger(Long.toUnsignedString(longs[base + layout.sum(j)])));
                        assertEquals(sum, actual, at + " sum");
                    }
                    if (layout.doubleSum(j) >= 0)
                    {
                        assertEquals(dsum, doubles[g * layout.doubleStride() + layout.doubleSum(j)], at + " sum");
                    }
                    if (n > 0 && layout.min(j) >= 0)
                    {
                        assertEquals(min, longs[base + layout.min(j)], at + " min");
                    }
                    if (n > 0 && layout.max(j) >= 0)
                    {
                        assertEquals(max, longs[base + layout.max(j)], at + " max");
                    }
                }
            }
        }
    }

    @Test
    void sumsPastSixtyFourBitsCarryIntoTheHighWord()
    {
        final Schema schema = schema();
        final CompiledAggregation e = jit.compileAggregation(null, List.of(new Projection("n", ExprParser.parse("n"))),
            new boolean[] {true}, new boolean[] {false}, new boolean[] {false}, schema);
        final Random rnd = new Random(3);
        try (Batch batch = batch(rnd, 3000, 0.0))
        {
            final long[] longs = new long[e.layout().longStride()];
            e.accumulate(batch, new int[3000], longs, new double[0]);
            BigInteger expected = BigInteger.ZERO;
            final DecimalVector n = (DecimalVector)batch.column("n");
            for (int r = 0; r < 3000; r++)
            {
                expected = expected.add(n.getObject(r).unscaledValue());
            }
            assertTrue(expected.bitLength() > 64, "the data must overflow 64 bits");
            final BigInteger actual = BigInteger.valueOf(longs[e.layout().sum(0) + 1]).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(longs[e.layout().sum(0)])));
            assertEquals(expected, actual);
        }
    }

    @Test
    void anInputTooLargeForOneMethodIsSplitAndStillExact()
    {
        final StringBuilder text = new StringBuilder("i");
        for (int k = 1; k < 600; k++)
        {
            text.append(k % 2 == 0 ? " + i" : " - x * 2.0 + x * 2.0 + i");
        }
        final CompiledAggregation e = jit.compileAggregation(ExprParser.parse("q < 24"),
            List.of(new Projection("big", ExprParser.parse(text.toString()))), new boolean[] {true},
            new boolean[] {false}, new boolean[] {false}, schema());
        assertTrue(e.isCompiled(), e.fallbackReason());
        try (Batch batch = batch(new Random(4), 1000, 0.1))
        {
            final double[] doubles = new double[e.layout().doubleStride()];
            e.accumulate(batch, new int[1000], new long[e.layout().longStride()], doubles);
            final IntVector i = (IntVector)batch.column("i");
            final Float8Vector x = (Float8Vector)batch.column("x");
            final DecimalVector q = (DecimalVector)batch.column("q");
            double expected = 0;
            for (int r = 0; r < 1000; r++)
            {
                if (!i.isNull(r) && !x.isNull(r) && !q.isNull(r) && q.getObject(r).doubleValue() < 24)
                {
                    double v = i.get(r);
                    for (int k = 1; k < 600; k++)
                    {
                        v = k % 2 == 0 ? v + i.get(r) : v - x.get(r) * 2.0 + x.get(r) * 2.0 + i.get(r);
                    }
                    expected += v;
                }
            }
            assertEquals(expected, doubles[e.layout().doubleSum(0)]);
        }
    }

    @Test
    void anExactProductPastSixtyFourBitsFailsLikeTheProjection()
    {
        final CompiledAggregation e = jit.compileAggregation(null,
            List.of(new Projection("big", ExprParser.parse("n * n"))), new boolean[] {true}, new boolean[] {false},
            new boolean[] {false}, schema());
        try (Batch batch = batch(new Random(9), 100, 0.0))
        {
            assertThrows(DataException.class, () -> e.accumulate(batch, new int[100],
                new long[e.layout().longStride()], new double[0]));
        }
    }

    @Test
    void typesWithoutAccumulatorsAreRefusedAndForcedInterpretationIsNotCompiled()
    {
        final Schema schema = schema();
        assertThrows(IllegalArgumentException.class, () -> jit.compileAggregation(null,
            List.of(new Projection("b", ExprParser.parse("q > 1"))), new boolean[] {true}, new boolean[] {false},
            new boolean[] {false}, schema));
        assertThrows(IllegalArgumentException.class, () -> jit.compileAggregation(null,
            List.of(new Projection("x", ExprParser.parse("x"))), new boolean[] {false}, new boolean[] {true},
            new boolean[] {false}, schema));
        final CompiledAggregation forced = interpreted.compileAggregation(null,
            List.of(new Projection("q", ExprParser.parse("q"))), new boolean[] {true}, new boolean[] {false},
            new boolean[] {false}, schema);
        assertFalse(forced.isCompiled());
        try (Batch batch = batch(new Random(1), 10, 0.0))
        {
            assertThrows(IllegalStateException.class, () -> forced.accumulate(batch, new int[10], new long[8],
                new double[0]));
        }
    }
}
