package io.sabot.jit.codegen;

import io.sabot.jit.exec.Frame;
import io.sabot.jit.exec.Program;
import io.sabot.simd.Layouts;

import java.lang.foreign.MemorySegment;

/**
 * Superclass of every generated program. It owns the row-range driver, which is the same for every expression: rows
 * are taken 64 at a time (a "block", addressed by a bit mask), the generated subclass evaluates a block in straight
 * bytecode, and this class turns predicate words into positions.
 *
 * <pre>
 *   contiguous [offset, offset + count):  full blocks (Vector API methods when the subclass has them), then a tail
 *                                         block of count % 64 rows through the scalar block methods
 *   selection (selIn != null):            blocks of 64 positions through the scalar block methods
 *   FILTER          bits = filterBlock(...)          positions of the set bits to selOut
 *   PROJECT         projectBlock(all rows of the block)
 *   FILTER_PROJECT  bits = filterBlock(...); projectBlock(bits) at output row k; k += bitCount(bits)
 *   ACCUMULATE      bits = filterBlock(...) or all rows; accumulateBlock(bits): per row, the group code's
 *                   accumulators take the projections (no output written)
 * </pre>
 *
 * The per-block call here is a megamorphic virtual call (one per 64 rows); everything per row is in the subclass.
 *
 * <p>Thread-safety: immutable; {@link #run} may be called on many threads at once.
 */
public abstract class GeneratedProgram extends Program
{
    private final Mode mode;
    private final int scratchSlots;
    private final boolean vectorFilter;
    private final boolean vectorProject;
    private final boolean scalarBesideVector;
    private final boolean hasPredicate;
    /** ACCUMULATE: blocks with fewer passing rows are queued (measured on TPC-H Q6, 2% pass: 49 -> see notes). */
    private static final int DENSE_BITS = 16;

    /**
     * @param mode          what the program computes.
     * @param scratchSlots  number of split subtrees (scratch slots per call).
     * @param vectorFilter  whether {@link #vectorFilter} / {@link #vectorFilterBlock} are generated.
     * @param vectorProject whether {@link #vectorProject} is generated.
     * @param scalarBesideVector whether some projections are not covered by {@link #vectorProject}.
     * @param hasPredicate  whether {@link #filterBlock} is generated.
     */
    protected GeneratedProgram(final Mode mode, final int scratchSlots, final boolean vectorFilter,
        final boolean vectorProject, final boolean scalarBesideVector, final boolean hasPredicate)
    {
        this.hasPredicate = hasPredicate;
        this.mode = mode;
        this.scratchSlots = scratchSlots;
        this.vectorFilter = vectorFilter;
        this.vectorProject = vectorProject;
        this.scalarBesideVector = scalarBesideVector;
    }

    /**
     * Evaluates the predicate for the rows of one block.
     *
     * @param f    the frame.
     * @param sel  input positions, or {@code null} for a contiguous range.
     * @param base first row (contiguous) or first index into {@code sel}.
     * @param mask the rows of the block to evaluate, bit i = row {@code base + i} (or position {@code sel[base + i]}).
     * @param s    scratch of split subtrees, or {@code null} when there are none.
     * @return bit i set where row i of the mask is TRUE.
     */
    protected long filterBlock(final Frame f, final MemorySegment sel, final int base, final long mask,
        final BlockScratch s)
    {
        throw new IllegalStateException("this program has no predicate");
    }

    /**
     * Writes the projections of the rows in {@code mask}, densely from output row {@code outRow}.
     *
     * @param f           the frame.
     * @param sel         input positions or {@code null}.
     * @param base        first row or first index into {@code sel}.
     * @param mask        the rows to project.
     * @param s           scratch or {@code null}.
     * @param outRow      first output row.
     * @param vectorDone  true when the Vector API method already wrote the projections it supports for these rows.
     */
    protected void projectBlock(final Frame f, final MemorySegment sel, final int base, final long mask,
        final BlockScratch s, final int outRow, final boolean vectorDone)
    {
        throw new IllegalStateException("this program has no projections");
    }

    /**
     * Adds the projections of the rows in {@code mask} to the accumulators of each row's group code
     * ({@link Frame#codes}, {@link io.sabot.jit.exec.AccumulatorLayout}).
     *
     * @param f    the frame.
     * @param sel  input positions or {@code null}.
     * @param base first row or first index into {@code sel}.
     * @param mask the rows to accumulate.
     * @param s    scratch or {@code null}.
     */
    protected void accumulateBlock(final Frame f, final MemorySegment sel, final int base, final long mask,
        final BlockScratch s)
    {
        throw new IllegalStateException("this program has no accumulators");
    }

    /**
     * Vector API filter of {@code blocks} full blocks from {@code offset}; see {@code VectorBlockEmitter#emitFilter}.
     *
     * @param f the frame. @param offset first row. @param blocks full blocks. @param selOut positions.
     * @param k first index written.
     * @return the new k.
     */
    protected int vectorFilter(final Frame f, final int offset, final int blocks, final MemorySegment selOut,
        final int k)
    {
        throw new IllegalStateException("this program has no vector filter");
    }

    /**
     * @param f the frame. @param row first row of a full contiguous block.
     * @return predicate bits of the 64 rows.
     */
    protected long vectorFilterBlock(final Frame f, final int row)
    {
        throw new IllegalStateException("this program has no vector filter");
    }

    /**
     * Vector API projection of the supported projections for {@code blocks} full blocks, to output rows from 0.
     *
     * @param f the frame. @param offset first input row. @param blocks full blocks.
     */
    protected void vectorProject(final Frame f, final int offset, final int blocks)
    {
        throw new IllegalStateException("this program has no vector projection");
    }

    @Override
    public final int run(final Frame frame, final int offset, final int count, final MemorySegment selIn,
        final MemorySegment selOut)
    {
        final BlockScratch s = scratchSlots == 0 ? null : new BlockScratch(scratchSlots);
        return switch (mode)
        {
            case FILTER -> runFilter(frame, offset, count, selIn, selOut, s);
            case PROJECT -> runProject(frame, offset, count, selIn, s);
            case FILTER_PROJECT -> runFilterProject(frame, offset, count, selIn, selOut, s);
            case ACCUMULATE -> runAccumulate(frame, offset, count, selIn, s);
        };
    }

    private int runFilter(final Frame f, final int offset, final int count, final MemorySegment selIn,
        final MemorySegment selOut, final BlockScratch s)
    {
        int k = 0;
        int done = 0;
        if (selIn == null && vectorFilter && count >= 64)
        {
            final int blocks = count >>> 6;
            k = vectorFilter(f, offset, blocks, selOut, 0);
            done = blocks << 6;
        }
        while (done < count)
        {
            final int n = Math.min(64, count - done);
            final int base = selIn == null ? offset + done : done;
            final long bits = filterBlock(f, selIn, base, -1L >>> (64 - n), s);
            k = writePositions(bits, selIn, base, selOut, k);
            done += n;
        }
        return k;
    }

    private int runProject(final Frame f, final int offset, final int count, final MemorySegment selIn,
        final BlockScratch s)
    {
        int done = 0;
        if (selIn == null && vectorProject && count >= 64)
        {
            final int blocks = count >>> 6;
            vectorProject(f, offset, blocks);
            if (scalarBesideVector)
            {
                for (; done < blocks << 6; done += 64)
                {
                    projectBlock(f, null, offset + done, -1L, s, done, true);
                }
            }
            done = blocks << 6;
        }
        while (done < count)
        {
            final int n = Math.min(64, count - done);
            final int base = selIn == null ? offset + done : done;
            projectBlock(f, selIn, base, -1L >>> (64 - n), s, done, false);
            done += n;
        }
        return count;
    }

    private int runFilterProject(final Frame f, final int offset, final int count, final MemorySegment selIn,
        final MemorySegment selOut, final BlockScratch s)
    {
        int k = 0;
        int done = 0;
        while (done < count)
        {
            final int n = Math.min(64, count - done);
            final int base = selIn == null ? offset + done : done;
            final long bits = selIn == null && n == 64 && vectorFilter ?
                vectorFilterBlock(f, base) : filterBlock(f, selIn, base, -1L >>> (64 - n), s);
            if (bits != 0)
            {
                if (selOut != null)
                {
                    writePositions(bits, selIn, base, selOut, k);
                }
                projectBlock(f, selIn, base, bits, s, k, false);
                k += Long.bitCount(bits);
            }
            done += n;
        }
        return k;
    }

    private int runAccumulate(final Frame f, final int offset, final int count, final MemorySegment selIn,
        final BlockScratch s)
    {
        int done = 0;
        int[] queue = null;
        MemorySegment queued = null;
        int k = 0;
        while (done < count)
        {
            final int n = Math.min(64, count - done);
            final int base = selIn == null ? offset + done : done;
            final long all = -1L >>> (64 - n);
            long bits = !hasPredicate ? all : selIn == null && n == 64 && vectorFilter ?
                vectorFilterBlock(f, base) : filterBlock(f, selIn, base, all, s);
            if (f.recheck)
            {
                // the vector range check could not prove exact decimal arithmetic: this block's exact scalar bits
                f.recheck = false;
                bits = filterBlock(f, selIn, base, all, s);
            }
            if (selIn != null || Long.bitCount(bits) >= DENSE_BITS)
            {
                if (bits != 0)
                {
                    accumulateBlock(f, selIn, base, bits, s);
                }
            }
            else
            {
                // few rows of this block pass: queue their positions, accumulate them 64 at a time (a block call
                // costs its prologue, hoisting every column, whatever the number of rows)
                if (queue == null)
                {
                    queue = new int[128];
                    queued = MemorySegment.ofArray(queue);
                }
                for (long m = bits; m != 0; m &= m - 1)
                {
                    queue[k++] = base + Long.numberOfTrailingZeros(m);
                }
                if (k >= 64)
                {
                    accumulateBlock(f, queued, 0, -1L, s);
                    k -= 64;
                    System.arraycopy(queue, 64, queue, 0, k);
                }
            }
            done += n;
        }
        if (k > 0)
        {
            accumulateBlock(f, queued, 0, -1L >>> (64 - k), s);
        }
        return count;
    }

    private static int writePositions(final long bits, final MemorySegment selIn, final int base,
        final MemorySegment selOut, final int k)
    {
        long m = bits;
        int out = k;
        if (selIn == null)
        {
            while (m != 0)
            {
                selOut.set(Layouts.INT_UNALIGNED, (long)out << 2, base + Long.numberOfTrailingZeros(m));
                out++;
                m &= m - 1;
            }
        }
        else
        {
            while (m != 0)
            {
                final int index = base + Long.numberOfTrailingZeros(m);
                selOut.set(Layouts.INT_UNALIGNED, (long)out << 2,
                    selIn.get(Layouts.INT_UNALIGNED, (long)index << 2));
                out++;
                m &= m - 1;
            }
        }
        return out;
    }
}
