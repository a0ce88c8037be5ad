package io.sabot.jit.codegen;

import io.sabot.jit.bind.Binder;
import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Program;
import io.sabot.jit.interp.Interpreter;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.jit.expr.MathFn;
import io.sabot.jit.testing.RandomExprs;
import io.sabot.jit.udf.Udf;
import io.sabot.kernels.testing.AllocatorExtension;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Layouts;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class VectorBlockEmitterTest
{
    private static final int ROWS = 64 * 5 + 77;
    private static final int[] OFFSETS = {0, 1, 3, 13, 64, 69};
    private static final int[] BLOCKS = {0, 1, 2, 5};

    @RegisterExtension
    final AllocatorExtension memory = new AllocatorExtension();

    // ------------------------------------------------------------------------------------------ tree helpers

    static Bound col(final int index)
    {
        return new Bound.Column(index, "c" + index, VectorTestData.SCHEMA[index]);
    }

    static Bound col(final DataType type, final int which)
    {
        for (int c = 0, seen = 0; c < VectorTestData.SCHEMA.length; c++)
        {
            if (VectorTestData.SCHEMA[c] == type && seen++ == which)
            {
                return col(c);
            }
        }
        throw new IllegalArgumentException(type.toString());
    }

    static Bound lit(final DataType type, final Object value)
    {
        return new Bound.Literal(type, value);
    }

    static Bound arith(final ArithOp op, final Bound l, final Bound r)
    {
        return new Bound.Arith(op, l, r, l.type());
    }

    static Bound cmp(final CompareOp op, final Bound l, final Bound r)
    {
        return new Bound.Compare(op, l, r);
    }

    // ------------------------------------------------------------------------------------------ checking

    /** Runs filter, filter block and projection over every offset and block count, against the reference. */
    private void check(final Bound predicate, final List<Bound> projections, final long seed)
    {
        check(predicate, projections, seed, 0);
    }

    /**
     * As {@link #check(Bound, List, long)}, first calling the kernels {@code warmup} times so that C2 compiles them
     * with the Vector API intrinsics (the interpreter runs the API's Java fallback, which could hide a difference).
     */
    private void check(final Bound predicate, final List<Bound> projections, final long seed, final int warmup)
    {
        final int[] outputs = new int[projections.size()];
        for (int p = 0; p < outputs.length; p++)
        {
            outputs[p] = outputs.length - 1 - p;
        }
        final VectorHarness.Compiled compiled = VectorHarness.compile(predicate, projections, outputs);
        for (final int length : compiled.codeLengths())
        {
            assertTrue(length < 8000, "method too large: " + length);
        }
        final Random random = new Random(seed);
        for (final double nullRate : new double[]{0, 0.3})
        {
            try (VectorTestData data = new VectorTestData(memory.allocator(), ROWS, random, nullRate);
                 Arena arena = Arena.ofConfined())
            {
                warm(compiled.kernel(), data, predicate, projections, outputs, warmup, arena);
                for (final int offset : OFFSETS)
                {
                    for (final int blocks : BLOCKS)
                    {
                        if (offset + 64 * blocks > ROWS)
                        {
                            continue;
                        }
                        if (predicate != null)
                        {
                            checkFilter(compiled.kernel(), data, predicate, offset, blocks, arena);
                        }
                        if (!projections.isEmpty())
                        {
                            checkProject(compiled.kernel(), data, projections, outputs, offset, blocks, arena);
                        }
                    }
                }
            }
        }
    }

    private static void warm(final VectorHarness.Kernel kernel, final VectorTestData data, final Bound predicate,
        final List<Bound> projections, final int[] outputs, final int warmup, final Arena arena)
    {
        if (warmup == 0)
        {
            return;
        }
        final int blocks = ROWS / 64 - 1;
        final Frame f = new Frame(VectorTestData.SCHEMA.length, projections.size());
        System.arraycopy(data.frame.values, 0, f.values, 0, f.values.length);
        System.arraycopy(data.frame.validity, 0, f.validity, 0, f.validity.length);
        for (int p = 0; p < projections.size(); p++)
        {
            f.outValues[outputs[p]] = arena.allocate(64L * 8 * blocks);
            f.outValidity[outputs[p]] = arena.allocate(8L * blocks);
        }
        final MemorySegment sel = arena.allocate(4L * 64 * (blocks + 1));
        for (int i = 0; i < warmup; i++)
        {
            final int offset = i & 63;
            if (predicate != null)
            {
                kernel.filter(f, offset, blocks, sel, 0);
                kernel.filterBlock(f, offset);
            }
            if (!projections.isEmpty())
            {
                kernel.project(f, offset, blocks);
            }
        }
    }

    private static void checkFilter(final VectorHarness.Kernel kernel, final VectorTestData data,
        final Bound predicate, final int offset, final int blocks, final Arena arena)
    {
        final List<Integer> expected = new ArrayList<>();
        for (int r = offset; r < offset + 64 * blocks; r++)
        {
            if (Boolean.TRUE.equals(data.eval(predicate, r)))
            {
                expected.add(r);
            }
        }
        // exact size (walk near the end) and roomy (table path), with a non-zero start index
        for (final int slack : new int[]{0, 200})
        {
            final int start = slack == 0 ? 0 : 5;
            final MemorySegment sel = arena.allocate(4L * (start + 64 * blocks + slack) + 4);
            final int n = kernel.filter(data.frame, offset, blocks, sel, start);
            final List<Integer> actual = new ArrayList<>();
            for (int i = start; i < n; i++)
            {
                actual.add(sel.get(Layouts.INT_UNALIGNED, 4L * i));
            }
            assertEquals(expected, actual, () -> "filter " + predicate + " offset " + offset + " blocks " + blocks);
        }
        for (int b = 0; b < blocks; b++)
        {
            final int row = offset + 64 * b;
            long word = 0;
            for (int i = 0; i < 64; i++)
            {
                if (Boolean.TRUE.equals(data.eval(predicate, row + i)))
                {
                    word |= 1L << i;
                }
            }
            assertEquals(word, kernel.filterBlock(data.frame, row), () -> "block " + predicate + " row " + row);
        }
    }

    private static void checkProject(final VectorHarness.Kernel kernel, final VectorTestData data,
        final List<Bound> projections, final int[] outputs, final int offset, final int blocks, final Arena arena)
    {
        final Frame f = new Frame(VectorTestData.SCHEMA.length, projections.size());
        System.arraycopy(data.frame.values, 0, f.values, 0, f.values.length);
        System.arraycopy(data.frame.validity, 0, f.validity, 0, f.validity.length);
        for (int p = 0; p < projections.size(); p++)
        {
            final DataType t = projections.get(p).type();
            final long bytes = t == DataType.BOOLEAN ? 8L * blocks : 64L * blocks * t.byteWidth();
            f.outValues[outputs[p]] = arena.allocate(Math.max(1, bytes));
            f.outValidity[outputs[p]] = arena.allocate(Math.max(1, 8L * blocks));
        }
        kernel.project(f, offset, blocks);
        for (int p = 0; p < projections.size(); p++)
        {
            final Bound root = projections.get(p);
            final MemorySegment values = f.outValues[outputs[p]];
            final MemorySegment validity = f.outValidity[outputs[p]];
            for (int i = 0; i < 64 * blocks; i++)
            {
                final Object expected = data.eval(root, offset + i);
                final boolean isValid = ((validity.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1) != 0;
                final int at = i;
                assertEquals(expected != null, isValid, () -> "validity of " + root + " at " + (offset + at));
                if (expected == null)
                {
                    continue;
                }
                final Object actual = switch (root.type())
                {
                    case INT32 -> values.get(Layouts.INT_UNALIGNED, 4L * i);
                    case INT64 -> values.get(Layouts.LONG_UNALIGNED, 8L * i);
                    case FLOAT32 -> values.get(Layouts.FLOAT_UNALIGNED, 4L * i);
                    case FLOAT64 -> values.get(Layouts.DOUBLE_UNALIGNED, 8L * i);
                    case BOOLEAN -> ((values.get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1) != 0;
                    default -> throw new IllegalStateException();
                };
                // boxed equals: floats by canonical bits (any NaN equals NaN, -0.0 differs from 0.0)
                if (!expected.equals(actual))
                {
                    fail("projection " + root + " at row " + (offset + i) + ": expected " + expected + " got " +
                        actual + " (offset " + offset + ", blocks " + blocks + ")");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ tests

    /**
     * Casts, arithmetic, min/max/abs, blends after warm-up. In the default tiered suite C2 may or may not have
     * compiled the kernels by then; run with {@code "-Dsabot.test.heap=-Xmx1g -XX:-TieredCompilation
     * -XX:CompileThreshold=100 -Xbatch"} to force C2 (done while writing this: passes, every kernel C2-compiled).
     */
    @Test
    void compiledByC2StillJavaSemantics()
    {
        final DataType[] numeric = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};
        long seed = 90;
        for (final DataType t : numeric)
        {
            final Bound x = col(t, 0);
            final Bound y = col(t, 1);
            final List<Bound> projections = new ArrayList<>();
            for (final DataType to : numeric)
            {
                if (to != t)
                {
                    projections.add(new Bound.Cast(x, to));
                }
            }
            projections.add(new Bound.Cast(col(DataType.BOOLEAN, 0), t));
            projections.add(arith(ArithOp.MUL, x, y));
            projections.add(arith(t.isFloating() ? ArithOp.DIV : ArithOp.SUB, x, y));
            projections.add(new Bound.Negate(x, t));
            projections.add(new Bound.MathCall(MathFn.ABS, List.of(x), t));
            projections.add(new Bound.MathCall(MathFn.MIN, List.of(x, y), t));
            projections.add(new Bound.MathCall(MathFn.MAX, List.of(x, y), t));
            projections.add(new Bound.If(cmp(CompareOp.LT, x, y), x, y, t));
            projections.add(new Bound.Coalesce(List.of(x, y), t));
            if (t == DataType.FLOAT64)
            {
                projections.add(new Bound.MathCall(MathFn.SQRT, List.of(x), t));
            }
            final Bound predicate = new Bound.Or(new Bound.And(cmp(CompareOp.LE, x, y), new Bound.Cast(y,
                DataType.BOOLEAN)), cmp(CompareOp.NE, x, lit(t, VectorTestData.cast(true, t))));
            check(predicate, projections, seed++, 500);
        }
    }

    @Test
    void isNullOfAStringColumnReadsOnlyValidity()
    {
        final Bound s = new Bound.Column(0, "s", DataType.UTF8);
        final Bound notNull = new Bound.Not(new Bound.IsNull(s));
        assertTrue(VectorBlockEmitter.supports(notNull));
        assertFalse(VectorBlockEmitter.supports(new Bound.IsNull(new Bound.Coalesce(List.of(s), DataType.UTF8))));
        final VectorHarness.Kernel kernel = VectorHarness.compile(notNull, List.of(new Bound.IsNull(s)),
            new int[]{0}).kernel();
        final Random random = new Random(3);
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment validity = arena.allocate(40);
            final boolean[] valid = new boolean[320];
            for (int r = 0; r < valid.length; r++)
            {
                valid[r] = random.nextBoolean();
                if (valid[r])
                {
                    validity.set(Layouts.BYTE, r >>> 3, (byte)(validity.get(Layouts.BYTE, r >>> 3) | (1 << (r & 7))));
                }
            }
            final Frame f = new Frame(1, 1);
            f.validity[0] = validity;
            f.outValues[0] = arena.allocate(24);
            f.outValidity[0] = arena.allocate(24);
            final MemorySegment sel = arena.allocate(4 * 320);
            final int offset = 37;
            final int n = kernel.filter(f, offset, 3, sel, 0);
            kernel.project(f, offset, 3);
            int expected = 0;
            for (int i = 0; i < 192; i++)
            {
                final int r = offset + i;
                if (valid[r])
                {
                    assertEquals(r, sel.get(Layouts.INT_UNALIGNED, 4L * expected++));
                }
                assertEquals(!valid[r], ((f.outValues[0].get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1) != 0);
                assertEquals(1, (f.outValidity[0].get(Layouts.BYTE, i >>> 3) >>> (i & 7)) & 1);
            }
            assertEquals(expected, n);
        }
    }

    @Test
    void supportsTheNumericSubset()
    {
        final Bound d = col(DataType.FLOAT64, 0);
        assertTrue(VectorBlockEmitter.supports(cmp(CompareOp.GT, arith(ArithOp.ADD, arith(ArithOp.MUL, d, d), d),
            lit(DataType.FLOAT64, 1.0))));
        assertTrue(VectorBlockEmitter.supports(arith(ArithOp.DIV, d, d)));
        final Bound i = col(DataType.INT32, 0);
        assertFalse(VectorBlockEmitter.supports(arith(ArithOp.DIV, i, i)), "int division: null on zero");
        assertFalse(VectorBlockEmitter.supports(arith(ArithOp.MOD, i, i)));
        assertFalse(VectorBlockEmitter.supports(arith(ArithOp.MOD, d, d)));
        assertFalse(VectorBlockEmitter.supports(arith(ArithOp.ADD, d, lit(DataType.FLOAT64, null))));
        assertFalse(VectorBlockEmitter.supports(new Bound.MathCall(MathFn.EXP, List.of(d), DataType.FLOAT64)));
        assertFalse(VectorBlockEmitter.supports(new Bound.MathCall(MathFn.FLOOR, List.of(d), DataType.FLOAT64)));
        assertFalse(VectorBlockEmitter.supports(new Bound.Column(0, "s", DataType.UTF8)));
        assertFalse(VectorBlockEmitter.supports(new Bound.Compare(CompareOp.EQ, new Bound.Column(0, "s", DataType.UTF8),
            new Bound.Literal(DataType.UTF8, "x"))));
        assertFalse(VectorBlockEmitter.supports(new Bound.UdfCall(Udf.doubleFn(x -> x), List.of(d))));
        Bound big = d;
        for (int n = 0; n < VectorBlockEmitter.MAX_NODES; n++)
        {
            big = arith(ArithOp.ADD, big, d);
        }
        assertFalse(VectorBlockEmitter.supports(big), "too many nodes");
    }

    @Test
    void headlineFilterAndProjection()
    {
        final Bound a = col(DataType.FLOAT64, 0);
        final Bound b = col(DataType.FLOAT64, 1);
        final Bound expr = arith(ArithOp.ADD, arith(ArithOp.MUL, a, b), a);
        check(cmp(CompareOp.GT, expr, lit(DataType.FLOAT64, 0.5)), List.of(expr), 1);
    }

    @Test
    void arithmeticOnEveryNumericType()
    {
        long seed = 10;
        for (final DataType t : new DataType[]{DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64})
        {
            final Bound x = col(t, 0);
            final Bound y = col(t, 1);
            final List<Bound> projections = new ArrayList<>();
            for (final ArithOp op : ArithOp.values())
            {
                if (op == ArithOp.MOD || (op == ArithOp.DIV && t.isInteger()))
                {
                    continue;
                }
                projections.add(arith(op, x, y));
            }
            projections.add(new Bound.Negate(x, t));
            projections.add(new Bound.MathCall(MathFn.ABS, List.of(x), t));
            projections.add(new Bound.MathCall(MathFn.MIN, List.of(x, y), t));
            projections.add(new Bound.MathCall(MathFn.MAX, List.of(x, y), t));
            final Object one = switch (t)
            {
                case INT32 -> 7;
                case INT64 -> -7L;
                case FLOAT32 -> 2.5f;
                default -> -0.0;
            };
            projections.add(arith(ArithOp.MUL, x, lit(t, one)));
            check(null, projections, seed++);
        }
        final Bound d = col(DataType.FLOAT64, 0);
        check(null, List.of(new Bound.MathCall(MathFn.SQRT, List.of(d), DataType.FLOAT64)), seed);
    }

    @Test
    void comparisonsOnEveryType()
    {
        long seed = 20;
        for (final DataType t : new DataType[]{DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64,
            DataType.BOOLEAN})
        {
            for (final CompareOp op : CompareOp.values())
            {
                final Bound c = cmp(op, col(t, 0), col(t, 1));
                check(c, List.of(c), seed++);
            }
        }
    }

    @Test
    void kleeneLogicAndIsNull()
    {
        final Bound p = cmp(CompareOp.LT, col(DataType.FLOAT64, 0), col(DataType.FLOAT64, 1));
        final Bound q = cmp(CompareOp.GE, col(DataType.INT32, 0), lit(DataType.INT32, 0));
        final Bound r = col(DataType.BOOLEAN, 0);
        final List<Bound> trees = List.of(
            new Bound.And(p, q), new Bound.Or(p, r), new Bound.Not(p), new Bound.Not(new Bound.And(r, q)),
            new Bound.IsNull(col(DataType.INT64, 0)), new Bound.Not(new Bound.IsNull(p)),
            new Bound.Or(new Bound.And(p, new Bound.Not(q)), new Bound.And(r, col(DataType.BOOLEAN, 1))),
            new Bound.And(lit(DataType.BOOLEAN, true), p), new Bound.Or(lit(DataType.BOOLEAN, false), r),
            new Bound.If(q, p, r, DataType.BOOLEAN), new Bound.Coalesce(List.of(p, q, r), DataType.BOOLEAN));
        long seed = 30;
        for (final Bound t : trees)
        {
            assertTrue(VectorBlockEmitter.supports(t), t::toString);
            check(t, List.of(t), seed++);
        }
    }

    @Test
    void equalButDistinctNodesAndSharedNodes()
    {
        final Bound a = cmp(CompareOp.GT, col(DataType.FLOAT64, 0), col(DataType.FLOAT64, 1));
        final Bound b = cmp(CompareOp.GT, col(DataType.FLOAT64, 0), col(DataType.FLOAT64, 1));
        final Bound shared = new Bound.Or(a, new Bound.Not(a));
        check(new Bound.And(new Bound.Or(a, b), shared), List.of(a, b, shared), 70);
    }

    @Test
    void ifAndCoalesceOnNumbers()
    {
        final Bound x = col(DataType.FLOAT64, 0);
        final Bound y = col(DataType.FLOAT64, 1);
        final Bound cond = cmp(CompareOp.GT, x, y);
        final Bound ifElse = new Bound.If(cond, arith(ArithOp.SUB, x, y), arith(ArithOp.SUB, y, x),
            DataType.FLOAT64);
        final Bound coalesce = new Bound.Coalesce(List.of(x, y, lit(DataType.FLOAT64, 3.0)), DataType.FLOAT64);
        // the condition of the inner if needs the first loop, the outer compare a second one
        final Bound nested = cmp(CompareOp.LT, ifElse, lit(DataType.FLOAT64, 1.0));
        final Bound ints = new Bound.If(new Bound.IsNull(col(DataType.INT32, 1)), col(DataType.INT32, 0),
            new Bound.Coalesce(List.of(col(DataType.INT32, 1), col(DataType.INT32, 0)), DataType.INT32),
            DataType.INT32);
        check(nested, List.of(ifElse, coalesce, ints), 40);
        check(new Bound.Not(cmp(CompareOp.EQ, coalesce, x)), List.of(nested), 41);
    }

    @Test
    void castsAreJavaCasts()
    {
        final DataType[] numeric = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64};
        long seed = 50;
        for (final DataType from : numeric)
        {
            final List<Bound> projections = new ArrayList<>();
            for (final DataType to : numeric)
            {
                if (from != to)
                {
                    projections.add(new Bound.Cast(col(from, 0), to));
                }
            }
            projections.add(new Bound.Cast(col(from, 0), DataType.BOOLEAN));
            projections.add(new Bound.Cast(col(DataType.BOOLEAN, 0), from));
            for (final Bound p : projections)
            {
                assertTrue(VectorBlockEmitter.supports(p), p::toString);
            }
            check(new Bound.Cast(col(from, 1), DataType.BOOLEAN), projections, seed++);
        }
    }

    @Test
    void mixedWidthsShareTheLaneCount()
    {
        // int32 (128-bit species) and float64 (256-bit) in one tree: 4 lanes each
        final Bound i = col(DataType.INT32, 0);
        final Bound d = col(DataType.FLOAT64, 0);
        final Bound mixed = arith(ArithOp.ADD, new Bound.Cast(arith(ArithOp.MUL, i, col(DataType.INT32, 1)),
            DataType.FLOAT64), d);
        final Bound f = arith(ArithOp.MUL, col(DataType.FLOAT32, 0), lit(DataType.FLOAT32, 1.5f));
        check(new Bound.And(cmp(CompareOp.LE, mixed, lit(DataType.FLOAT64, 0.0)),
            cmp(CompareOp.NE, i, lit(DataType.INT32, 3))), List.of(mixed, f, i), 60);
        // only 32-bit types: 8 lanes
        check(cmp(CompareOp.GT, f, new Bound.Cast(i, DataType.FLOAT32)), List.of(f), 61);
    }

    @Test
    void randomTrees()
    {
        final Random random = new Random(77);
        final VectorTreeGenerator gen = new VectorTreeGenerator(random);
        for (int n = 0; n < 120; n++)
        {
            final Bound predicate = gen.bool(3);
            final List<Bound> projections = List.of(gen.numeric(3), gen.bool(2), gen.numeric(2));
            if (!VectorBlockEmitter.supports(predicate) || !projections.stream().allMatch(VectorBlockEmitter::supports))
            {
                continue;
            }
            check(predicate, projections, n);
        }
    }

    @Test
    void boundRandomExpressionsInTheVectorSubset()
    {
        // trees from the shared RandomExprs generator, bound by the Binder (its casts and shapes), kept when supported
        final Map<String, DataType> columns = new TreeMap<>();
        final List<Field> fields = new ArrayList<>();
        for (int c = 0; c < VectorTestData.SCHEMA.length; c++)
        {
            columns.put("c" + c, VectorTestData.SCHEMA[c]);
            fields.add(Field.nullable("c" + c, VectorTestData.SCHEMA[c].arrowType()));
        }
        final Schema schema = new Schema(fields);
        final Random random = new Random(123);
        final DataType[] types = {DataType.INT32, DataType.INT64, DataType.FLOAT32, DataType.FLOAT64,
            DataType.BOOLEAN};
        int checked = 0;
        for (int n = 0; n < 400 && checked < 60; n++)
        {
            final Bound predicate = Binder.bindPredicate(RandomExprs.generate(random, columns, DataType.BOOLEAN, 3),
                schema);
            final Bound projection = Binder.bind(RandomExprs.generate(random, columns, types[n % types.length], 3),
                schema);
            if (VectorBlockEmitter.supports(predicate) && VectorBlockEmitter.supports(projection))
            {
                check(predicate, List.of(projection), n);
                agreesWithInterpreter(predicate, n);
                checked++;
            }
        }
        assertTrue(checked >= 20, "only " + checked + " supported trees");
    }

    private void agreesWithInterpreter(final Bound predicate, final long seed)
    {
        final VectorHarness.Kernel kernel = VectorHarness.compile(predicate, List.of(), new int[0]).kernel();
        final Interpreter interpreter = new Interpreter(Program.Mode.FILTER, predicate, List.of());
        try (VectorTestData data = new VectorTestData(memory.allocator(), ROWS, new Random(seed), 0.3);
             Arena arena = Arena.ofConfined())
        {
            final int offset = 3;
            final int rows = 64 * 5;
            final MemorySegment expected = arena.allocate(4L * rows);
            final MemorySegment actual = arena.allocate(4L * rows);
            final int n = interpreter.run(data.frame, offset, rows, null, expected);
            assertEquals(n, kernel.filter(data.frame, offset, 5, actual, 0), predicate::toString);
            for (int i = 0; i < n; i++)
            {
                assertEquals(expected.get(Layouts.INT_UNALIGNED, 4L * i), actual.get(Layouts.INT_UNALIGNED, 4L * i));
            }
        }
    }

    @Test
    void largestSupportedTreeStaysUnderTheCompileLimit()
    {
        // nested ifs over comparisons: one more chunk loop per level, many words; the largest depth supported
        int depth = 0;
        while (VectorBlockEmitter.supports(nestedIfs(depth + 1, new Random(5))))
        {
            depth++;
        }
        assertTrue(depth >= 5, "depth " + depth);
        final Bound big = nestedIfs(depth, new Random(5));
        final Bound smaller = nestedIfs(depth - 1, new Random(6));
        final Bound projection = new Bound.If(smaller, col(DataType.FLOAT64, 0), col(DataType.FLOAT64, 1),
            DataType.FLOAT64);
        assertTrue(VectorBlockEmitter.supports(projection));
        check(big, List.of(projection), 6);
    }

    private static Bound nestedIfs(final int depth, final Random random)
    {
        final Bound d = col(DataType.FLOAT64, 0);
        if (depth == 0)
        {
            return cmp(CompareOp.GT, d, lit(DataType.FLOAT64, random.nextGaussian()));
        }
        final Bound e = new Bound.If(nestedIfs(depth - 1, random),
            arith(ArithOp.MUL, d, lit(DataType.FLOAT64, random.nextGaussian())), col(DataType.FLOAT64, 1),
            DataType.FLOAT64);
        return new Bound.And(cmp(CompareOp.LT, e, col(DataType.FLOAT64, 1)),
            cmp(CompareOp.NE, d, lit(DataType.FLOAT64, random.nextGaussian())));
    }
}
