package io.sabot.jit.exec;

import java.lang.foreign.MemorySegment;

/**
 * One executable form of a filter, a projection, or a fused filter+projection: either a generated hidden class or
 * the interpreter. Both produce identical results.
 *
 * <p>Rows read: with {@code selIn == null}, rows {@code [offset, offset + count)}; otherwise the {@code count} int32
 * positions in {@code selIn} ({@code offset} ignored). What is written depends on the {@link Mode}:
 *
 * <ul>
 *   <li>{@link Mode#FILTER}: the positions of rows where the predicate is true (not false, not null), in input order,
 *       to {@code selOut}; returns how many.</li>
 *   <li>{@link Mode#PROJECT}: projection values for every row read, densely from output row 0; returns {@code count}.</li>
 *   <li>{@link Mode#FILTER_PROJECT}: for rows where the predicate is true, their positions to {@code selOut} (when not
 *       null) and their projection values densely; returns how many. Each input row is read once.</li>
 *   <li>{@link Mode#ACCUMULATE}: for rows where the predicate (if any) is true, the projections are added to the
 *       accumulators of the row's group code; nothing else is written.</li>
 * </ul>
 *
 * <p>Thread-safety: instances are immutable and may run on many threads at once, each with its own {@link Frame}.
 */
public abstract class Program
{
    /** What a program computes. */
    public enum Mode
    {
        /** Batch to selection. */
        FILTER,
        /** Batch to new vectors. */
        PROJECT,
        /** Batch to selection and new vectors of the selected rows. */
        FILTER_PROJECT,
        /**
         * The inputs (projections) of the rows where the predicate (if any) is true added to per-group accumulators
         * ({@link Frame#codes}, {@link AccumulatorLayout}); returns {@code count}. Generated code only.
         */
        ACCUMULATE
    }

    /**
     * @param frame  input and output memory.
     * @param offset first row of a contiguous range.
     * @param count  rows to read.
     * @param selIn  input positions, or {@code null} for the range.
     * @param selOut output positions (int32), at least {@code 4 * count} bytes; may be {@code null} in PROJECT mode.
     * @return rows written (see the class comment).
     */
    public abstract int run(Frame frame, int offset, int count, MemorySegment selIn, MemorySegment selOut);
}
