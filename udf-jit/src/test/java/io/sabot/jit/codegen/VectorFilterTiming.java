package io.sabot.jit.codegen;

import io.sabot.jit.bind.Bound;
import io.sabot.jit.exec.Frame;
import io.sabot.jit.expr.ArithOp;
import io.sabot.jit.expr.DataType;
import io.sabot.simd.CompareOp;
import io.sabot.simd.Layouts;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

/**
 * Ad-hoc timing (run by hand, not a unit test): the generated filter for {@code a * b + c > t} over 10M float64 rows
 * against hand-written Vector API loops of the same expression, at 50% selectivity. JMH comes later.
 *
 * <pre>
 *   java $(sabot.jvm.flags) -cp target/classes:target/test-classes:$(deps) io.sabot.jit.codegen.VectorFilterTiming
 * </pre>
 */
public final class VectorFilterTiming
{
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final int ROWS = 10_000_000 / 64 * 64;

    private VectorFilterTiming()
    {
    }

    /** Hand-written: one 64-bit word per 64 rows from 4-lane compares, positions by the table scheme. */
    static int handTable(final MemorySegment a, final MemorySegment b, final MemorySegment c, final double t,
        final int n, final MemorySegment sel)
    {
        int k = 0;
        for (int row = 0; row < n; row += 64)
        {
            long word = 0;
            for (int j = 0; j < 64; j += 4)
            {
                final long off = (long)(row + j) << 3;
                final DoubleVector va = DoubleVector.fromMemorySegment(S, a, off, LE);
                final DoubleVector vb = DoubleVector.fromMemorySegment(S, b, off, LE);
                final DoubleVector vc = DoubleVector.fromMemorySegment(S, c, off, LE);
                word |= va.mul(vb).add(vc).compare(VectorOperators.GT, t).toLong() << j;
            }
            k = VectorRuntime.select(sel, k, word, row);
        }
        return k;
    }

    /** Hand-written: as {@link #handTable}, and ANDs the three columns' validity words (no nulls here). */
    static int handTableValidity(final MemorySegment a, final MemorySegment b, final MemorySegment c,
        final MemorySegment va, final MemorySegment vb, final MemorySegment vc, final double t, final int n,
        final MemorySegment sel)
    {
        int k = 0;
        for (int row = 0; row < n; row += 64)
        {
            long word = 0;
            for (int j = 0; j < 64; j += 4)
            {
                final long off = (long)(row + j) << 3;
                final DoubleVector xa = DoubleVector.fromMemorySegment(S, a, off, LE);
                final DoubleVector xb = DoubleVector.fromMemorySegment(S, b, off, LE);
                final DoubleVector xc = DoubleVector.fromMemorySegment(S, c, off, LE);
                word |= xa.mul(xb).add(xc).compare(VectorOperators.GT, t).toLong() << j;
            }
            word &= VectorRuntime.validityWord(va, row) & VectorRuntime.validityWord(vb, row) &
                VectorRuntime.validityWord(vc, row);
            k = VectorRuntime.select(sel, k, word, row);
        }
        return k;
    }

    /** Hand-written: as {@link #handTable} with positions by walking set bits. */
    static int handWalk(final MemorySegment a, final MemorySegment b, final MemorySegment c, final double t,
        final int n, final MemorySegment sel)
    {
        int k = 0;
        for (int row = 0; row < n; row += 64)
        {
            long word = 0;
            for (int j = 0; j < 64; j += 4)
            {
                final long off = (long)(row + j) << 3;
                final DoubleVector va = DoubleVector.fromMemorySegment(S, a, off, LE);
                final DoubleVector vb = DoubleVector.fromMemorySegment(S, b, off, LE);
                final DoubleVector vc = DoubleVector.fromMemorySegment(S, c, off, LE);
                word |= va.mul(vb).add(vc).compare(VectorOperators.GT, t).toLong() << j;
            }
            k = VectorRuntime.selectWalk(sel, k, word, row);
        }
        return k;
    }

    /** Hand-written, simplest: per 4-lane chunk, walk the mask bits. */
    static int handChunk(final MemorySegment a, final MemorySegment b, final MemorySegment c, final double t,
        final int n, final MemorySegment sel)
    {
        int k = 0;
        for (int row = 0; row < n; row += 4)
        {
            final long off = (long)row << 3;
            final DoubleVector va = DoubleVector.fromMemorySegment(S, a, off, LE);
            final DoubleVector vb = DoubleVector.fromMemorySegment(S, b, off, LE);
            final DoubleVector vc = DoubleVector.fromMemorySegment(S, c, off, LE);
            long bits = va.mul(vb).add(vc).compare(VectorOperators.GT, t).toLong();
            while (bits != 0)
            {
                sel.set(Layouts.INT_UNALIGNED, (long)k << 2, row + Long.numberOfTrailingZeros(bits));
                k++;
                bits &= bits - 1;
            }
        }
        return k;
    }

    /** Hand-written projection {@code if(a > b, a * b, c)}: blend under the compare mask, no words. */
    static int handIf(final MemorySegment a, final MemorySegment b, final MemorySegment c, final int n,
        final MemorySegment out)
    {
        for (int row = 0; row < n; row += 4)
        {
            final long off = (long)row << 3;
            final DoubleVector va = DoubleVector.fromMemorySegment(S, a, off, LE);
            final DoubleVector vb = DoubleVector.fromMemorySegment(S, b, off, LE);
            final DoubleVector vc = DoubleVector.fromMemorySegment(S, c, off, LE);
            vc.blend(va.mul(vb), va.compare(VectorOperators.GT, vb)).intoMemorySegment(out, off, LE);
        }
        return n;
    }

    /** Hand-written projection {@code a * b + c}. */
    static int handArith(final MemorySegment a, final MemorySegment b, final MemorySegment c, final int n,
        final MemorySegment out)
    {
        for (int row = 0; row < n; row += 4)
        {
            final long off = (long)row << 3;
            final DoubleVector va = DoubleVector.fromMemorySegment(S, a, off, LE);
            final DoubleVector vb = DoubleVector.fromMemorySegment(S, b, off, LE);
            final DoubleVector vc = DoubleVector.fromMemorySegment(S, c, off, LE);
            va.mul(vb).add(vc).intoMemorySegment(out, off, LE);
        }
        return n;
    }

    interface Run
    {
        int run();
    }

    /** Runs the variants round-robin (the machine is shared: interleaving spreads load drift) and keeps each best. */
    private static double[] time(final String[] names, final Run[] runs, final int reps)
    {
        final double[] best = new double[runs.length];
        final int[] n = new int[runs.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int i = 0; i < reps; i++)
        {
            for (int r = 0; r < runs.length; r++)
            {
                final long t0 = System.nanoTime();
                n[r] = runs[r].run();
                best[r] = Math.min(best[r], (System.nanoTime() - t0) / 1e6);
            }
        }
        for (int r = 0; r < runs.length; r++)
        {
            System.out.printf("%-28s best %8.2f ms  (%d selected)%n", names[r], best[r], n[r]);
        }
        return best;
    }

    /**
     * @param args ignored.
     */
    public static void main(final String[] args) throws java.io.IOException
    {
        final int reps = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (Arena arena = Arena.ofConfined())
        {
            final Random random = new Random(1);
            final MemorySegment a = arena.allocate(8L * ROWS, 64);
            final MemorySegment b = arena.allocate(8L * ROWS, 64);
            final MemorySegment c = arena.allocate(8L * ROWS, 64);
            for (int i = 0; i < ROWS; i++)
            {
                a.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, random.nextDouble() * 2 - 1);
                b.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, random.nextDouble() * 2 - 1);
                c.setAtIndex(Layouts.DOUBLE_UNALIGNED, i, random.nextDouble() * 2 - 1);
            }
            final MemorySegment sel = arena.allocate(4L * ROWS);
            final double t = 0.0;

            final Bound ca = new Bound.Column(0, "a", DataType.FLOAT64);
            final Bound cb = new Bound.Column(1, "b", DataType.FLOAT64);
            final Bound cc = new Bound.Column(2, "c", DataType.FLOAT64);
            final Bound pred = new Bound.Compare(CompareOp.GT, new Bound.Arith(ArithOp.ADD,
                new Bound.Arith(ArithOp.MUL, ca, cb, DataType.FLOAT64), cc, DataType.FLOAT64),
                new Bound.Literal(DataType.FLOAT64, t));
            final VectorHarness.Compiled compiled = VectorHarness.compile(pred, List.of(), new int[0]);
            final VectorHarness.Kernel kernel = compiled.kernel();
            if (args.length > 1)
            {
                java.nio.file.Files.write(java.nio.file.Path.of(args[1]), compiled.bytes());
            }
            final Frame f = new Frame(3, 0);
            f.values[0] = a;
            f.values[1] = b;
            f.values[2] = c;

            final double[] best = time(
                new String[]{"generated filter", "hand-written, table select", "hand-written, bit walk",
                    "hand-written, per chunk", "hand-written, validity"},
                new Run[]{() -> kernel.filter(f, 0, ROWS / 64, sel, 0), () -> handTable(a, b, c, t, ROWS, sel),
                    () -> handWalk(a, b, c, t, ROWS, sel), () -> handChunk(a, b, c, t, ROWS, sel),
                    () -> handTableValidity(a, b, c, f.validity[0], f.validity[1], f.validity[2], t, ROWS, sel)}, reps);
            final double gen = best[0];
            final double bestHand = Math.min(best[1], Math.min(best[2], best[3]));
            System.out.printf("ratio generated vs best hand-written: %.2fx (hand/gen time)%n", bestHand / gen);

            // projections: a * b + c, and if(a > b, a * b, c) (a compare loop, then a blend loop using fromLong)
            final Bound arith = new Bound.Arith(ArithOp.ADD, new Bound.Arith(ArithOp.MUL, ca, cb, DataType.FLOAT64),
                cc, DataType.FLOAT64);
            final Bound ifExpr = new Bound.If(new Bound.Compare(CompareOp.GT, ca, cb),
                new Bound.Arith(ArithOp.MUL, ca, cb, DataType.FLOAT64), cc, DataType.FLOAT64);
            final VectorHarness.Kernel pa = VectorHarness.compile(null, List.of(arith), new int[]{0}).kernel();
            final VectorHarness.Kernel pi = VectorHarness.compile(null, List.of(ifExpr), new int[]{0}).kernel();
            final Frame pf = new Frame(3, 1);
            System.arraycopy(f.values, 0, pf.values, 0, 3);
            final MemorySegment out = arena.allocate(8L * ROWS, 64);
            pf.outValues[0] = out;
            pf.outValidity[0] = arena.allocate(ROWS / 8, 64);
            time(new String[]{"generated a*b+c", "hand-written a*b+c", "generated if", "hand-written if"},
                new Run[]{() ->
                {
                    pa.project(pf, 0, ROWS / 64);
                    return ROWS;
                }, () -> handArith(a, b, c, ROWS, out), () ->
                {
                    pi.project(pf, 0, ROWS / 64);
                    return ROWS;
                }, () -> handIf(a, b, c, ROWS, out)}, reps);
        }
    }
}
