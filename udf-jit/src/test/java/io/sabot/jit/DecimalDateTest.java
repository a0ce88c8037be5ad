package io.sabot.jit;

import io.sabot.common.DataException;
import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.ExpressionTypeException;
import io.sabot.jit.codegen.VectorBlockEmitter;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.Expr;
import io.sabot.jit.expr.ExprParseException;
import io.sabot.jit.expr.ExprParser;
import io.sabot.jit.expr.Exprs;
import io.sabot.jit.expr.ValueType;
import io.sabot.kernels.Batch;
import io.sabot.kernels.SelectionVector;
import io.sabot.kernels.decimal.Decimals;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DATE and DECIMAL expressions: generated code and the interpreter against an independent BigDecimal / LocalDate
 * reference on random TPC-H-like batches (nulls, odd sizes, sliced vectors, selections), typing, overflow, text form
 * and the shape cache.
 */
class DecimalDateTest
{
    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    private final ExpressionCompiler jit = new ExpressionCompiler();
    private final ExpressionCompiler scalarJit = new ExpressionCompiler(
        ExpressionCompiler.Config.DEFAULTS.withVector(false));
    private final ExpressionCompiler interpreted = new ExpressionCompiler(
        ExpressionCompiler.Config.DEFAULTS.withForceInterpreter(true));

    private static final LocalDate EPOCH_BASE = LocalDate.of(1992, 1, 1);
    private static final int[] SIZES = {0, 1, 63, 64, 65, 1031};
    private static final double[] NULLS = {0.0, 0.2, 0.9};

    /** @return whether the decimal columns of {@link #schema()} and the random batches are decimal64. */
    boolean decimal64()
    {
        return false;
    }

    /**
     * Columns: q, p, d, t decimal(15,2); w decimal(12,4); s, r date; i int32; x float64; n decimal(18,0) (all
     * decimal64 when {@link #decimal64()}).
     */
    Schema schema()
    {
        final Schema schema = new Schema(List.of(
            Field.nullable("q", ValueType.decimal(15, 2).arrowType()),
            Field.nullable("p", ValueType.decimal(15, 2).arrowType()),
            Field.nullable("d", ValueType.decimal(15, 2).arrowType()),
            Field.nullable("t", ValueType.decimal(15, 2).arrowType()),
            Field.nullable("w", ValueType.decimal(12, 4).arrowType()),
            Field.nullable("s", DataType.DATE.arrowType()),
            Field.nullable("r", DataType.DATE.arrowType()),
            Field.nullable("i", DataType.INT32.arrowType()),
            Field.nullable("x", DataType.FLOAT64.arrowType()),
            Field.nullable("n", ValueType.decimal(18, 0).arrowType())));
        return decimal64() ? Decimals.narrow(schema) : schema;
    }

    private Batch batch(final Random rnd, final int rows, final double nulls)
    {
        final BufferAllocator a = memory.allocator();
        final List<FieldVector> vs = new ArrayList<>();
        final DecimalVector q = new DecimalVector("q", a, 15, 2);
        final DecimalVector p = new DecimalVector("p", a, 15, 2);
        final DecimalVector d = new DecimalVector("d", a, 15, 2);
        final DecimalVector t = new DecimalVector("t", a, 15, 2);
        final DecimalVector w = new DecimalVector("w", a, 12, 4);
        final DateDayVector s = new DateDayVector("s", a);
        final DateDayVector r = new DateDayVector("r", a);
        final IntVector i = new IntVector("i", a);
        final Float8Vector x = new Float8Vector("x", a);
        final DecimalVector n = new DecimalVector("n", a, 18, 0);
        vs.addAll(List.of(q, p, d, t, w, s, r, i, x, n));
        for (final FieldVector v : vs)
        {
            v.setInitialCapacity(rows);
            v.allocateNew();
        }
        for (int row = 0; row < rows; row++)
        {
            final int k = row;
            setOrNull(rnd, nulls, q, k, () -> q.set(k, 100 * (1 + rnd.nextInt(50))));
            setOrNull(rnd, nulls, p, k, () -> p.set(k, (rnd.nextBoolean() ? 1 : -1) * (long)rnd.nextInt(10_500_000)));
            setOrNull(rnd, nulls, d, k, () -> d.set(k, rnd.nextInt(11)));
            setOrNull(rnd, nulls, t, k, () -> t.set(k, rnd.nextInt(9)));
            setOrNull(rnd, nulls, w, k, () -> w.set(k, rnd.nextLong(-99_999_999L, 99_999_999L)));
            setOrNull(rnd, nulls, s, k, () -> s.set(k, (int)EPOCH_BASE.toEpochDay() + rnd.nextInt(2500)));
            setOrNull(rnd, nulls, r, k, () -> r.set(k, (int)EPOCH_BASE.toEpochDay() + rnd.nextInt(2500)));
            setOrNull(rnd, nulls, i, k, () -> i.set(k, rnd.nextInt(-1000, 1000)));
            setOrNull(rnd, nulls, x, k, () -> x.set(k, rnd.nextInt(-2000, 2000) / 8.0));
            setOrNull(rnd, nulls, n, k, () -> n.set(k, rnd.nextLong(-999_999_999_999_999_999L,
                999_999_999_999_999_999L)));
        }
        for (final FieldVector v : vs)
        {
            v.setValueCount(rows);
        }
        if (!decimal64())
        {
            return Batch.of(vs);
        }
        try (Batch wide = Batch.of(vs))
        {
            return Decimals.narrow(wide, a);
        }
    }

    private static void setOrNull(final Random rnd, final double nulls, final FieldVector v, final int k,
        final Runnable set)
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

    /** A copy of rows [from, from + count) through Arrow's splitAndTransfer (buffers at an offset). */
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

    /** One row of the reference: BigDecimal for decimals, LocalDate for dates, boxed primitives else. */
    private record Row(Batch batch, int row)
    {
        Object get(final String name)
        {
            final FieldVector v = batch.columns().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow();
            if (v.isNull(row))
            {
                return null;
            }
            if (v instanceof DateDayVector dd)
            {
                return LocalDate.ofEpochDay(dd.get(row));
            }
            return v.getObject(row);
        }

        BigDecimal dec(final String name)
        {
            return (BigDecimal)get(name);
        }

        LocalDate date(final String name)
        {
            return (LocalDate)get(name);
        }
    }

    private static Object read(final FieldVector v, final int row)
    {
        if (v.isNull(row))
        {
            return null;
        }
        if (v instanceof DateDayVector dd)
        {
            return LocalDate.ofEpochDay(dd.get(row));
        }
        return v.getObject(row);
    }

    // ---- the checks ---------------------------------------------------------------------------------------------

    /** Runs a projection on the three engines over every size, null rate, a slice and a selection. */
    private void checkProjection(final String text, final ValueType type, final Function<Row, Object> reference)
    {
        final Expr expr = ExprParser.parse(text);
        final List<Projection> ps = List.of(new Projection("out", expr));
        final Schema schema = schema();
        final List<CompiledProjection> engines = List.of(jit.compileProjection(ps, schema),
            scalarJit.compileProjection(ps, schema), interpreted.compileProjection(ps, schema));
        assertTrue(engines.get(0).isCompiled(), text + ": " + engines.get(0).fallbackReason());
        for (final CompiledProjection e : engines)
        {
            assertEquals(List.of(type), e.outputTypes(), text);
        }
        int seed = 0;
        for (final int rows : SIZES)
        {
            for (final double nulls : NULLS)
            {
                try (Batch batch = batch(new Random(seed++), rows, nulls))
                {
                    for (final CompiledProjection e : engines)
                    {
                        try (Batch out = e.project(batch, memory.allocator()))
                        {
                            assertEquals(type.arrowType(), out.column(0).getField().getType(), text);
                            for (int k = 0; k < rows; k++)
                            {
                                assertEquals(reference.apply(new Row(batch, k)), read(out.column(0), k),
                                    text + " row " + k + " of " + rows + " nulls " + nulls + " " + e);
                            }
                        }
                    }
                    if (rows > 10)
                    {
                        try (Batch sliced = slice(batch, 3, rows - 5);
                             Batch out = engines.get(0).project(sliced, memory.allocator()))
                        {
                            for (int k = 0; k < rows - 5; k++)
                            {
                                assertEquals(reference.apply(new Row(batch, k + 3)), read(out.column(0), k),
                                    text + " sliced row " + k);
                            }
                        }
                        final int[] positions = new int[rows / 3];
                        for (int k = 0; k < positions.length; k++)
                        {
                            positions[k] = 3 * k + 1;
                        }
                        try (SelectionVector sel = SelectionVector.of(memory.allocator(), positions);
                             Batch out = engines.get(0).project(Batch.of(batch.columns(), sel), memory.allocator()))
                        {
                            for (int k = 0; k < positions.length; k++)
                            {
                                assertEquals(reference.apply(new Row(batch, positions[k])), read(out.column(0), k),
                                    text + " selected row " + k);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Runs a filter on the three engines; reference returns TRUE for rows kept (null or false drop). */
    private void checkFilter(final String text, final Function<Row, Boolean> reference)
    {
        final Expr expr = ExprParser.parse(text);
        final Schema schema = schema();
        final List<CompiledFilter> engines = List.of(jit.compileFilter(expr, schema),
            scalarJit.compileFilter(expr, schema), interpreted.compileFilter(expr, schema));
        assertTrue(engines.get(0).isCompiled(), text + ": " + engines.get(0).fallbackReason());
        int seed = 100;
        for (final int rows : SIZES)
        {
            for (final double nulls : NULLS)
            {
                try (Batch batch = batch(new Random(seed++), rows, nulls))
                {
                    final List<Integer> expected = new ArrayList<>();
                    for (int k = 0; k < rows; k++)
                    {
                        if (Boolean.TRUE.equals(reference.apply(new Row(batch, k))))
                        {
                            expected.add(k);
                        }
                    }
                    final int[] want = expected.stream().mapToInt(Integer::intValue).toArray();
                    for (final CompiledFilter e : engines)
                    {
                        try (SelectionVector sel = e.filter(batch, memory.allocator()))
                        {
                            assertArrayEquals(want, sel.toArray(), text + " rows " + rows + " nulls " + nulls);
                        }
                    }
                }
            }
        }
    }

    // ---- reference helpers ---------------------------------------------------------------------------------------

    private static BigDecimal add(final BigDecimal a, final BigDecimal b)
    {
        return a == null || b == null ? null : a.add(b);
    }

    private static BigDecimal sub(final BigDecimal a, final BigDecimal b)
    {
        return a == null || b == null ? null : a.subtract(b);
    }

    private static BigDecimal mul(final BigDecimal a, final BigDecimal b)
    {
        return a == null || b == null ? null : a.multiply(b);
    }

    private static BigDecimal scaled(final BigDecimal v, final int scale)
    {
        return v == null ? null : v.setScale(scale, RoundingMode.UNNECESSARY);
    }

    private static Boolean cmp(final Comparable<Object> a, final Object b, final String op)
    {
        if (a == null || b == null)
        {
            return null;
        }
        final int c = a.compareTo(b);
        return switch (op)
        {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            case "=" -> c == 0;
            default -> c != 0;
        };
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> c(final Object o)
    {
        return (Comparable<Object>)o;
    }

    // ---- TPC-H ---------------------------------------------------------------------------------------------------

    @Test
    void tpchQ6PredicateMatchesTheReference()
    {
        final LocalDate from = LocalDate.of(1994, 1, 1);
        final LocalDate to = LocalDate.of(1995, 1, 1);
        checkFilter("s >= date '1994-01-01' and s < date '1995-01-01' and d >= 0.05 and d <= 0.07 and q < 24",
            row ->
            {
                final LocalDate s = row.date("s");
                final BigDecimal d = row.dec("d");
                final BigDecimal q = row.dec("q");
                if (s == null || d == null || q == null)
                {
                    return s != null && (s.isBefore(from) || !s.isBefore(to)) ? false : null;
                }
                return !s.isBefore(from) && s.isBefore(to) && d.compareTo(new BigDecimal("0.05")) >= 0 &&
                    d.compareTo(new BigDecimal("0.07")) <= 0 && q.compareTo(BigDecimal.valueOf(24)) < 0;
            });
    }

    @Test
    void q6AndDecimalComparisonsTakeTheVectorPath()
    {
        assertTrue(VectorBlockEmitter.supports(Binder.bindPredicate(ExprParser.parse(
            "s >= date '1994-01-01' and s < date '1995-01-01' and d between 0.05 and 0.07 and q < 24"), schema())));
        assertTrue(VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("w + neg(q)"), schema())));
        assertTrue(VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("p * 2 - q"), schema())));
        assertTrue(VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("s + 30"), schema())));
        // exact (overflow-checked) products too, behind a per-chunk range check
        assertTrue(VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("p * (1 - d) * (1 + t)"), schema())));
        // casts that round or range-check stay scalar
        assertTrue(!VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("cast(w as decimal(6, 1))"), schema())));
        checkProjection("w + neg(q)", ValueType.decimal(18, 4), row -> scaled(add(row.dec("w"),
            row.dec("q") == null ? null : row.dec("q").negate()), 4));
        checkProjection("p * 2 - q", ValueType.decimal(17, 2), row -> sub(mul(row.dec("p"), BigDecimal.valueOf(2)),
            row.dec("q")));
    }

    @Test
    void tpchQ1ProjectionsMatchTheReference()
    {
        checkProjection("p * (1 - d)", ValueType.decimal(31, 4),
            row -> scaled(mul(row.dec("p"), sub(BigDecimal.ONE, row.dec("d"))), 4));
        checkProjection("p * (1 - d) * (1 + t)", ValueType.decimal(38, 6),
            row -> scaled(mul(mul(row.dec("p"), sub(BigDecimal.ONE, row.dec("d"))), add(BigDecimal.ONE,
                row.dec("t"))), 6));
    }

    // ---- decimal arithmetic, comparisons, functions --------------------------------------------------------------

    @Test
    void decimalArithmeticAlignsScales()
    {
        checkProjection("q + w", ValueType.decimal(18, 4), row -> scaled(add(row.dec("q"), row.dec("w")), 4));
        checkProjection("w - p", ValueType.decimal(18, 4), row -> scaled(sub(row.dec("w"), row.dec("p")), 4));
        checkProjection("p * w", ValueType.decimal(27, 6), row -> scaled(mul(row.dec("p"), row.dec("w")), 6));
        checkProjection("p + i", ValueType.decimal(16, 2), row ->
            scaled(add(row.dec("p"), row.get("i") == null ? null : BigDecimal.valueOf((Integer)row.get("i"))), 2));
        checkProjection("p * 3", ValueType.decimal(16, 2), row -> scaled(mul(row.dec("p"), BigDecimal.valueOf(3)),
            2));
        checkProjection("neg(w)", ValueType.decimal(12, 4), row -> row.dec("w") == null ? null : row.dec("w")
            .negate());
        checkProjection("abs(p)", ValueType.decimal(15, 2), row -> row.dec("p") == null ? null : row.dec("p").abs());
        checkProjection("max(p, w)", ValueType.decimal(17, 4), row -> row.dec("p") == null || row.dec("w") == null ?
            null : scaled(row.dec("p").max(row.dec("w")), 4));
        checkProjection("if(p > w, p, 0.5)", ValueType.decimal(15, 2), row ->
        {
            final Boolean gt = cmp(c(row.dec("p")), row.dec("w"), ">");
            return Boolean.TRUE.equals(gt) ? row.dec("p") : new BigDecimal("0.50");
        });
        checkProjection("coalesce(w, p, decimal '-1.5')", ValueType.decimal(17, 4), row -> scaled(
            row.dec("w") != null ? row.dec("w") : row.dec("p") != null ? row.dec("p") : new BigDecimal("-1.5"), 4));
        checkProjection("case when is_null(p) then 7 else p end", ValueType.decimal(15, 2), row ->
            row.dec("p") == null ? new BigDecimal("7.00") : row.dec("p"));
        checkProjection("n + n", ValueType.decimal(19, 0), row -> add(row.dec("n"), row.dec("n")));
    }

    @Test
    void decimalComparisonsAndFloats()
    {
        checkFilter("w > p", row -> cmp(c(row.dec("w")), row.dec("p"), ">"));
        checkFilter("p <= 1000.25 and p != -3", row ->
        {
            final Boolean a = cmp(c(row.dec("p")), new BigDecimal("1000.25"), "<=");
            final Boolean b = cmp(c(row.dec("p")), new BigDecimal("-3"), "!=");
            return a != null && b != null && a && b;
        });
        checkFilter("q between 5 and 10.5", row ->
        {
            final BigDecimal q = row.dec("q");
            return q == null ? null : q.compareTo(BigDecimal.valueOf(5)) >= 0 &&
                q.compareTo(new BigDecimal("10.5")) <= 0;
        });
        checkProjection("p * x", ValueType.of(DataType.FLOAT64), row -> row.dec("p") == null || row.get("x") ==
            null ? null : (double)row.dec("p").unscaledValue().longValue() / 100.0 * (Double)row.get("x"));
        checkProjection("p / q", ValueType.of(DataType.FLOAT64), row -> row.dec("p") == null || row.dec("q") ==
            null ? null : (double)row.dec("p").unscaledValue().longValue() / 100.0 /
            ((double)row.dec("q").unscaledValue().longValue() / 100.0));
    }

    @Test
    void decimalCastsRoundHalfAwayFromZero()
    {
        checkProjection("cast(w as decimal(10, 1))", ValueType.decimal(10, 1), row -> row.dec("w") == null ? null :
            row.dec("w").setScale(1, RoundingMode.HALF_UP));
        checkProjection("cast(p as int64)", ValueType.of(DataType.INT64), row -> row.dec("p") == null ? null :
            row.dec("p").setScale(0, RoundingMode.HALF_UP).longValueExact());
        checkProjection("cast(p as int32)", ValueType.of(DataType.INT32), row -> row.dec("p") == null ? null :
            row.dec("p").setScale(0, RoundingMode.HALF_UP).intValueExact());
        checkProjection("cast(w as float64)", ValueType.of(DataType.FLOAT64), row -> row.dec("w") == null ? null :
            (double)row.dec("w").unscaledValue().longValue() / 10_000.0);
        checkProjection("cast(i as decimal(12, 3))", ValueType.decimal(12, 3), row -> row.get("i") == null ? null :
            BigDecimal.valueOf((Integer)row.get("i")).setScale(3));
        checkProjection("cast(x as decimal(9, 2))", ValueType.decimal(9, 2), row -> row.get("x") == null ? null :
            BigDecimal.valueOf((Double)row.get("x")).setScale(2, RoundingMode.HALF_UP));
    }

    // ---- dates ---------------------------------------------------------------------------------------------------

    @Test
    void dateArithmeticAndComparisons()
    {
        checkProjection("s + 30", ValueType.of(DataType.DATE), row -> row.date("s") == null ? null :
            row.date("s").plusDays(30));
        checkProjection("s - i", ValueType.of(DataType.DATE), row -> row.date("s") == null || row.get("i") == null ?
            null : row.date("s").minusDays((Integer)row.get("i")));
        checkProjection("s - r", ValueType.of(DataType.INT32), row -> row.date("s") == null || row.date("r") ==
            null ? null : (int)(row.date("s").toEpochDay() - row.date("r").toEpochDay()));
        checkProjection("cast(s as int32)", ValueType.of(DataType.INT32), row -> row.date("s") == null ? null :
            (int)row.date("s").toEpochDay());
        checkProjection("cast(i as date)", ValueType.of(DataType.DATE), row -> row.get("i") == null ? null :
            LocalDate.ofEpochDay((Integer)row.get("i")));
        checkProjection("coalesce(s, date '2000-02-29')", ValueType.of(DataType.DATE), row -> row.date("s") !=
            null ? row.date("s") : LocalDate.of(2000, 2, 29));
        checkFilter("s < r", row -> cmp(c(row.date("s")), row.date("r"), "<"));
        checkFilter("s = date '1993-03-01' or s > date '1998-06-30'", row ->
        {
            final LocalDate s = row.date("s");
            return s == null ? null : s.equals(LocalDate.of(1993, 3, 1)) || s.isAfter(LocalDate.of(1998, 6, 30));
        });
    }

    // ---- overflow --------------------------------------------------------------------------------------------------

    private static Batch decimals(final BufferAllocator allocator, final long... unscaled)
    {
        final DecimalVector v = new DecimalVector("n", allocator, 18, 0);
        v.allocateNew(unscaled.length);
        for (int k = 0; k < unscaled.length; k++)
        {
            v.set(k, unscaled[k]);
        }
        v.setValueCount(unscaled.length);
        return Batch.of(v);
    }

    @Test
    void overflowIsADataExceptionAndNearOverflowIsExact()
    {
        final Schema schema = new Schema(List.of(Field.nullable("n", ValueType.decimal(18, 0).arrowType())));
        for (final ExpressionCompiler e : List.of(jit, scalarJit, interpreted))
        {
            final CompiledProjection square = e.compileProjection(List.of(new Projection("sq",
                ExprParser.parse("n * n"))), schema);
            assertEquals(List.of(ValueType.decimal(36, 0)), square.outputTypes());
            // 3037000499^2 = 9223372030926249001 < 2^63: exact
            try (Batch in = decimals(memory.allocator(), 3_037_000_499L, -3_037_000_499L, 7);
                 Batch out = square.project(in, memory.allocator()))
            {
                assertEquals(new BigDecimal("9223372030926249001"), out.column(0).getObject(0));
                assertEquals(new BigDecimal("9223372030926249001"), out.column(0).getObject(1));
                assertEquals(new BigDecimal("49"), out.column(0).getObject(2));
            }
            try (Batch in = decimals(memory.allocator(), 5, 3_037_000_500L, 2))
            {
                final DataException ex = assertThrows(DataException.class,
                    () -> square.project(in, memory.allocator()).close());
                assertTrue(ex.getMessage().contains("decimal overflow in (n * n): result needs more than 18 digits"),
                    ex.getMessage());
            }
            final CompiledFilter sum = e.compileFilter(ExprParser.parse("n + n + n + n + n + n + n + n + n + n > 0"),
                schema);
            try (Batch in = decimals(memory.allocator(), 922_337_203_685_477_581L, 1))
            {
                assertThrows(DataException.class, () -> sum.filter(in, memory.allocator()).close());
            }
            final CompiledProjection narrow = e.compileProjection(List.of(new Projection("c",
                ExprParser.parse("cast(n as decimal(4, 1))"))), schema);
            try (Batch in = decimals(memory.allocator(), 999, -999);
                 Batch out = narrow.project(in, memory.allocator()))
            {
                assertEquals(new BigDecimal("999.0"), out.column(0).getObject(0));
                assertEquals(new BigDecimal("-999.0"), out.column(0).getObject(1));
            }
            try (Batch in = decimals(memory.allocator(), 999, 1000))
            {
                final DataException ex = assertThrows(DataException.class,
                    () -> narrow.project(in, memory.allocator()).close());
                assertTrue(ex.getMessage().contains("does not fit decimal(4,1)"), ex.getMessage());
            }
        }
    }

    @Test
    void vectorRangeCheckFailuresAreDecidedExactly()
    {
        final Schema schema = new Schema(List.of(Field.nullable("n", ValueType.decimal(18, 0).arrowType())));
        final CompiledProjection square = jit.compileProjection(List.of(new Projection("sq",
            ExprParser.parse("n * n"))), schema);
        assertTrue(VectorBlockEmitter.supports(Binder.bind(ExprParser.parse("n * n"), schema)));
        final long[] big = new long[1031];
        for (int k = 0; k < big.length; k++)
        {
            // mostly small; some beyond the 2^31 fast-path bound whose squares still fit 64 bits
            big[k] = k % 97 == 0 ? 3_037_000_499L - k : k - 500;
        }
        try (Batch in = decimals(memory.allocator(), big);
             Batch out = square.project(in, memory.allocator()))
        {
            for (int k = 0; k < big.length; k++)
            {
                assertEquals(BigDecimal.valueOf(big[k]).multiply(BigDecimal.valueOf(big[k])),
                    out.column(0).getObject(k), "row " + k);
            }
        }
        big[700] = 3_037_000_500L;
        try (Batch in = decimals(memory.allocator(), big))
        {
            final DataException ex = assertThrows(DataException.class,
                () -> square.project(in, memory.allocator()).close());
            assertTrue(ex.getMessage().contains("decimal overflow in (n * n)"), ex.getMessage());
        }
        final CompiledFilter positive = jit.compileFilter(ExprParser.parse("n * n > 0"), schema);
        try (Batch in = decimals(memory.allocator(), big))
        {
            assertThrows(DataException.class, () -> positive.filter(in, memory.allocator()).close());
        }
    }

    @Test
    void aRecheckedBatchRewritesEveryOutputIncludingText()
    {
        final Schema schema = new Schema(List.of(Field.nullable("n", ValueType.decimal(18, 0).arrowType()),
            Field.nullable("u", DataType.UTF8.arrowType())));
        final CompiledProjection p = jit.compileProjection(List.of(new Projection("sq", ExprParser.parse("n * n")),
            new Projection("t", ExprParser.parse("if(n > 0, u, 'neg')"))), schema);
        final int rows = 300;
        try (DecimalVector n = new DecimalVector("n", memory.allocator(), 18, 0);
             org.apache.arrow.vector.VarCharVector u = new org.apache.arrow.vector.VarCharVector("u",
                 memory.allocator()))
        {
            n.allocateNew(rows);
            u.allocateNew(rows);
            for (int k = 0; k < rows; k++)
            {
                n.set(k, k == 150 ? 3_000_000_000L : k - 100);
                u.setSafe(k, ("row" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            n.setValueCount(rows);
            u.setValueCount(rows);
            final Batch in = Batch.of(List.of(n, u));
            try (Batch out = p.project(in, memory.allocator()))
            {
                for (int k = 0; k < rows; k++)
                {
                    final long v = k == 150 ? 3_000_000_000L : k - 100;
                    assertEquals(BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(v)), out.column(0).getObject(k));
                    assertEquals(v > 0 ? "row" + k : "neg", out.column(1).getObject(k).toString(), "row " + k);
                }
            }
        }
    }

    // ---- typing, text, cache --------------------------------------------------------------------------------------

    private ValueType typeOf(final String text)
    {
        return Binder.bindTyped(ExprParser.parse(text), schema()).type();
    }

    @Test
    void resultTypesFollowDuckDb()
    {
        assertEquals(ValueType.decimal(16, 2), typeOf("1 - d"));
        assertEquals(ValueType.decimal(31, 4), typeOf("p * (1 - d)"));
        assertEquals(ValueType.decimal(18, 4), typeOf("p + w"));
        assertEquals(ValueType.decimal(27, 6), typeOf("p * w"));
        assertEquals(ValueType.decimal(16, 2), typeOf("p + i"));
        assertEquals(ValueType.decimal(3, 2), typeOf("decimal '0.05'"));
        assertEquals(ValueType.decimal(3, 1), typeOf("decimal '24.5'"));
        assertEquals(ValueType.decimal(17, 2), typeOf("p * 24"));
        assertEquals(ValueType.decimal(18, 4), typeOf("p * 0.05"));
        assertEquals(ValueType.of(DataType.FLOAT64), typeOf("p * x"));
        assertEquals(ValueType.of(DataType.FLOAT64), typeOf("p / q"));
        assertEquals(ValueType.of(DataType.DATE), typeOf("s + 1"));
        assertEquals(ValueType.of(DataType.INT32), typeOf("s - r"));
        assertEquals(ValueType.of(DataType.BOOLEAN), typeOf("s < date '1995-01-01'"));
        assertEquals(ValueType.decimal(38, 6), typeOf("p * (1 - d) * (1 + t)"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("s + r"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("s < 3"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("p + s"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("sqrt(s)"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("cast(s as float64)"));
        assertThrows(ExpressionTypeException.class, () -> typeOf("p and true"));
        final Schema wide = new Schema(List.of(Field.nullable("z", ValueType.decimal(20, 2).arrowType())));
        final ExpressionTypeException ex = assertThrows(ExpressionTypeException.class,
            () -> Binder.bind(ExprParser.parse("z + 1"), wide));
        assertTrue(ex.getMessage().contains("at most 18 digits"), ex.getMessage());
    }

    @Test
    void textFormRoundTrips()
    {
        for (final Expr e : List.of(Exprs.date("1994-01-01"), Exprs.decimal("0.05"), Exprs.decimal("-12.500"),
            Exprs.col("p").castDecimal(10, 3), Exprs.col("s").lt(Exprs.date(LocalDate.of(1998, 12, 1)).sub(
            Exprs.lit(90))), Exprs.col("p").between(Exprs.decimal(new BigDecimal("0.05")), Exprs.lit(0.07)),
            Exprs.nullOf(DataType.DATE), Exprs.col("x").cast(DataType.DECIMAL)))
        {
            assertEquals(e, ExprParser.parse(e.toString()), e.toString());
        }
        assertEquals("date '1994-01-01'", Exprs.date("1994-01-01").toString());
        assertEquals("decimal '0.05'", Exprs.decimal("0.05").toString());
        assertEquals("cast(p as decimal(10,3))", Exprs.col("p").castDecimal(10, 3).toString());
        assertEquals(Exprs.col("x").castDecimal(18, 3), ExprParser.parse("cast(x as DECIMAL)"));
        assertEquals(Exprs.col("date"), ExprParser.parse("date"), "date alone is still a column name");
        final ExprParseException bad = assertThrows(ExprParseException.class,
            () -> ExprParser.parse("s < date '1994-02-30'"));
        assertTrue(bad.getMessage().contains("'1994-02-30'"), bad.getMessage());
        assertEquals(9, bad.position(), bad.getMessage());
        assertThrows(ExprParseException.class, () -> ExprParser.parse("decimal 'abc'"));
        assertThrows(ExprParseException.class, () -> ExprParser.parse("cast(p as decimal(40, 2))"));
    }

    @Test
    void differentLiteralValuesShareOneClass()
    {
        final ExpressionCompiler fresh = new ExpressionCompiler();
        final CompiledFilter a = fresh.compileFilter(ExprParser.parse(
            "s >= date '1994-01-01' and s < date '1995-01-01' and d between 0.05 and 0.07 and q < 24"), schema());
        final CompiledFilter b = fresh.compileFilter(ExprParser.parse(
            "s >= date '1995-01-01' and s < date '1996-01-01' and d between 0.06 and 0.08 and q < 25"), schema());
        final CompiledFilter c = fresh.compileFilter(ExprParser.parse(
            "s >= date '1995-01-01' and s < date '1996-01-01' and d between 0.5 and 0.07 and q < 25.5"), schema());
        assertEquals(a.shapeKey(), b.shapeKey());
        assertEquals(a.shapeKey(), c.shapeKey());
        assertTrue(a.isCompiled(), a.fallbackReason());
        assertEquals(1, fresh.stats().compilations());
        try (Batch batch = batch(new Random(7), 500, 0.1);
             SelectionVector sa = a.filter(batch, memory.allocator());
             SelectionVector sb = b.filter(batch, memory.allocator()))
        {
            assertTrue(sa.count() > 0 && sb.count() > 0);
            assertTrue(!java.util.Arrays.equals(sa.toArray(), sb.toArray()));
        }
    }

    @Test
    void reusedOutputsAreCheckedForDecimalType()
    {
        final CompiledProjection p = jit.compileProjection(List.of(new Projection("v", ExprParser.parse("p + w"))),
            schema());
        try (Batch batch = batch(new Random(3), 70, 0.2);
             DecimalVector right = new DecimalVector("v", memory.allocator(), 18, 4);
             DecimalVector wrong = new DecimalVector("v", memory.allocator(), 18, 2);
             BigIntVector wrongClass = new BigIntVector("v", memory.allocator()))
        {
            right.allocateNew(70);
            wrong.allocateNew(70);
            wrongClass.allocateNew(70);
            assertEquals(70, p.project(batch, List.of(right)));
            for (int k = 0; k < 70; k++)
            {
                final Row row = new Row(batch, k);
                assertEquals(scaled(add(row.dec("p"), row.dec("w")), 4), read(right, k));
            }
            assertThrows(io.sabot.common.SchemaException.class, () -> p.project(batch, List.of(wrong)));
            assertThrows(io.sabot.common.SchemaException.class, () -> p.project(batch, List.of(wrongClass)));
        }
    }
}
