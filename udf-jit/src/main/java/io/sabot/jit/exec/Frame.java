package io.sabot.jit.exec;

import java.lang.foreign.MemorySegment;

/**
 * The memory one {@link Program#run} call reads and writes, as {@link MemorySegment}s over Arrow buffers. Input arrays
 * are indexed by bound column index (unreferenced columns stay {@code null}); output arrays by projection number.
 *
 * <pre>
 *   input column c        values[c]                 validity[c]            offsets[c]
 *     INT32/FLOAT32       4-byte LE values          bitmap, bit i = row i  -
 *     INT64/FLOAT64       8-byte LE values          or null: no nulls      -
 *     BOOLEAN             bitmap of values          "                      -
 *     UTF8                data bytes                "                      int32 LE offsets, count+1
 *
 *   output p              outValues[p]              outValidity[p]
 *     fixed width         dense from row 0          dense bitmap from bit 0, every bit written
 *     BOOLEAN             dense bitmap              "
 *     UTF8                written through outUtf8[p] (a growable writer), validity as above
 * </pre>
 *
 * <p>Ownership: a frame only refers to buffers owned by the batch and the output vectors. Thread-safety: one frame
 * per thread and call.
 */
public final class Frame
{
    /** Per input column: the value buffer (see the table). */
    public final MemorySegment[] values;
    /** Per input column: the validity bitmap, or {@code null} when the column has no nulls. */
    public final MemorySegment[] validity;
    /** Per UTF8 input column: the offsets buffer. */
    public final MemorySegment[] offsets;
    /** Per projection: the value buffer of its output vector. */
    public final MemorySegment[] outValues;
    /** Per projection: the validity bitmap of its output vector. */
    public final MemorySegment[] outValidity;
    /** Per UTF8 projection: the writer appending its values. */
    public final Utf8Writer[] outUtf8;
    /**
     * 0, or 1 + the site number (pre-order position among the {@code Bound.Exact} nodes of the program's trees,
     * predicate first) of an exact decimal operation that overflowed during the run; see {@link ExactMath}.
     */
    public int overflow;
    /**
     * Set by Vector API block code when a cheap per-chunk range check could not prove an exact decimal operation
     * free of 64-bit overflow (operands of at least 2^31 for a product, 2^62 for a sum, or garbage under nulls); the
     * caller then re-runs the batch on the exact scalar path, which decides.
     */
    public boolean recheck;
    /** ACCUMULATE: the group code of each row read, indexed by row - {@link #codeBase}. */
    public int[] codes;
    /** ACCUMULATE: subtracted from a row to index {@link #codes}. */
    public int codeBase;
    /** ACCUMULATE: the long accumulators, see {@link AccumulatorLayout}. */
    public long[] accLongs;
    /** ACCUMULATE: the double accumulators, see {@link AccumulatorLayout}. */
    public double[] accDoubles;

    /**
     * @param columns     number of input columns of the bound schema.
     * @param projections number of projections.
     */
    public Frame(final int columns, final int projections)
    {
        this.values = new MemorySegment[columns];
        this.validity = new MemorySegment[columns];
        this.offsets = new MemorySegment[columns];
        this.outValues = new MemorySegment[projections];
        this.outValidity = new MemorySegment[projections];
        this.outUtf8 = new Utf8Writer[projections];
    }
}
