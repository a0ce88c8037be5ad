package io.sabot.kernels.compare;

import java.lang.foreign.MemorySegment;

import io.sabot.common.SchemaException;
import io.sabot.kernels.Rows;
import io.sabot.kernels.SelectionVector;
import io.sabot.simd.Bitmaps;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;

/**
 * Boolean kernels on {@link BitVector}s with Arrow C++ semantics: {@code and_kleene}, {@code or_kleene},
 * {@code and_not_kleene} (Kleene three-valued logic), {@code xor} and {@code invert} (null in, null out), and
 * {@link #selectTrue} which turns a boolean column into the selection of its TRUE rows.
 *
 * <p>Kleene logic: a null is an unknown value, so {@code false AND null = false}, {@code true OR null = true},
 * {@code true AND null = null}, {@code false OR null = null}. It is computed a 64-bit word at a time from the
 * validity and value bitmaps, with no per-row branches:
 * <pre>
 *   T = validity &amp; value     (known true)        F = validity &amp; ~value   (known false)
 *   AND:     T = Ta &amp; Tb          F = Fa | Fb
 *   OR:      T = Ta | Tb          F = Fa &amp; Fb
 *   AND_NOT: T = Ta &amp; Fb          F = Fa | Tb          (a AND NOT b)
 *   out validity = T | F, out value = T  (value bits under nulls are written as 0)
 * </pre>
 *
 * <p>Outputs as in {@link Comparison}: a new caller-owned {@link BitVector} from the caller's allocator, or a
 * caller-supplied one (reallocated if too small). Inputs are never closed; they must have equal lengths, else
 * {@link SchemaException}. Thread-safety: stateless.
 */
public final class BooleanLogic
{
    private static final int AND = 0;
    private static final int OR = 1;
    private static final int AND_NOT = 2;
    private static final int XOR = 3;
    private static final String[] NAMES = {"and_kleene", "or_kleene", "and_not_kleene", "xor"};

    private BooleanLogic()
    {
    }

    private static Comparison.Body binary(final int op, final BitVector a, final BitVector b, final Rows rows)
    {
        if (a.getValueCount() != b.getValueCount())
        {
            throw new SchemaException(NAMES[op] + " needs columns of equal length, but '" + a.getName() + "' has " +
                a.getValueCount() + " rows and '" + b.getName() + "' has " + b.getValueCount());
        }
        rows.checkWithin(a);
        return (scratch, values, validity) ->
        {
            final int count = rows.count();
            final CompareCore.Dense av = CompareCore.data(a, Kind.BOOL, rows, scratch);
            final CompareCore.Dense an = CompareCore.validity(a, rows, scratch);
            final CompareCore.Dense bv = CompareCore.data(b, Kind.BOOL, rows, scratch);
            final CompareCore.Dense bn = CompareCore.validity(b, rows, scratch);
            for (int i = 0; i < count; i += 64)
            {
                final int n = Math.min(64, count - i);
                final long va = Bitmaps.loadBits(an.seg(), an.from() + i, n);
                final long xa = Bitmaps.loadBits(av.seg(), av.from() + i, n);
                final long vb = Bitmaps.loadBits(bn.seg(), bn.from() + i, n);
                final long xb = Bitmaps.loadBits(bv.seg(), bv.from() + i, n);
                final long ta = va & xa;
                final long fa = va & ~xa;
                final long tb = vb & xb;
                final long fb = vb & ~xb;
                final long t;
                final long f;
                switch (op)
                {
                    case AND ->
                    {
                        t = ta & tb;
                        f = fa | fb;
                    }
                    case OR ->
                    {
                        t = ta | tb;
                        f = fa & fb;
                    }
                    case AND_NOT ->
                    {
                        t = ta & fb;
                        f = fa | tb;
                    }
                    default ->
                    {
                        t = (ta & fb) | (fa & tb);
                        f = (ta & tb) | (fa & fb);
                    }
                }
                Bitmaps.storeBits(values, i, t, n);
                Bitmaps.storeBits(validity, i, t | f, n);
            }
        };
    }

    /**
     * Kleene AND over all rows.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector.
     */
    public static BitVector and(final BitVector a, final BitVector b, final BufferAllocator allocator)
    {
        return and(a, b, Rows.all(a), allocator);
    }

    /**
     * Kleene AND over {@code rows}.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param rows      the rows read from both.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector and(final BitVector a, final BitVector b, final Rows rows,
        final BufferAllocator allocator)
    {
        return Comparison.allocate(NAMES[AND], allocator, rows.count(), binary(AND, a, b, rows));
    }

    /**
     * Kleene AND over {@code rows}, into {@code out}.
     *
     * @param a    left operand.
     * @param b    right operand, same length.
     * @param rows the rows read from both.
     * @param out  receives {@code rows.count()} entries; must not be {@code a} or {@code b}.
     */
    public static void and(final BitVector a, final BitVector b, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), binary(AND, a, b, rows));
    }

    /**
     * Kleene OR over all rows.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector.
     */
    public static BitVector or(final BitVector a, final BitVector b, final BufferAllocator allocator)
    {
        return or(a, b, Rows.all(a), allocator);
    }

    /**
     * Kleene OR over {@code rows}.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param rows      the rows read from both.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector or(final BitVector a, final BitVector b, final Rows rows,
        final BufferAllocator allocator)
    {
        return Comparison.allocate(NAMES[OR], allocator, rows.count(), binary(OR, a, b, rows));
    }

    /**
     * Kleene OR over {@code rows}, into {@code out}.
     *
     * @param a    left operand.
     * @param b    right operand, same length.
     * @param rows the rows read from both.
     * @param out  receives {@code rows.count()} entries; must not be {@code a} or {@code b}.
     */
    public static void or(final BitVector a, final BitVector b, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), binary(OR, a, b, rows));
    }

    /**
     * Kleene {@code a AND NOT b} over all rows.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector.
     */
    public static BitVector andNot(final BitVector a, final BitVector b, final BufferAllocator allocator)
    {
        return andNot(a, b, Rows.all(a), allocator);
    }

    /**
     * Kleene {@code a AND NOT b} over {@code rows}.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param rows      the rows read from both.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector andNot(final BitVector a, final BitVector b, final Rows rows,
        final BufferAllocator allocator)
    {
        return Comparison.allocate(NAMES[AND_NOT], allocator, rows.count(), binary(AND_NOT, a, b, rows));
    }

    /**
     * Kleene {@code a AND NOT b} over {@code rows}, into {@code out}.
     *
     * @param a    left operand.
     * @param b    right operand, same length.
     * @param rows the rows read from both.
     * @param out  receives {@code rows.count()} entries; must not be {@code a} or {@code b}.
     */
    public static void andNot(final BitVector a, final BitVector b, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), binary(AND_NOT, a, b, rows));
    }

    /**
     * XOR over all rows; null when either side is null.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector.
     */
    public static BitVector xor(final BitVector a, final BitVector b, final BufferAllocator allocator)
    {
        return xor(a, b, Rows.all(a), allocator);
    }

    /**
     * XOR over {@code rows}; null when either side is null.
     *
     * @param a         left operand.
     * @param b         right operand, same length.
     * @param rows      the rows read from both.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector xor(final BitVector a, final BitVector b, final Rows rows,
        final BufferAllocator allocator)
    {
        return Comparison.allocate(NAMES[XOR], allocator, rows.count(), binary(XOR, a, b, rows));
    }

    /**
     * XOR over {@code rows}, into {@code out}.
     *
     * @param a    left operand.
     * @param b    right operand, same length.
     * @param rows the rows read from both.
     * @param out  receives {@code rows.count()} entries; must not be {@code a} or {@code b}.
     */
    public static void xor(final BitVector a, final BitVector b, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), binary(XOR, a, b, rows));
    }

    private static Comparison.Body not(final BitVector a, final Rows rows)
    {
        rows.checkWithin(a);
        return (scratch, values, validity) ->
        {
            final int count = rows.count();
            final CompareCore.Dense av = CompareCore.data(a, Kind.BOOL, rows, scratch);
            final CompareCore.Dense an = CompareCore.validity(a, rows, scratch);
            Bitmaps.copy(an.seg(), an.from(), validity, 0, count);
            Bitmaps.andNot(validity, 0, av.seg(), av.from(), values, 0, count);
        };
    }

    /**
     * Logical NOT ({@code invert}) over all rows; null stays null.
     *
     * @param a         the operand.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector.
     */
    public static BitVector not(final BitVector a, final BufferAllocator allocator)
    {
        return not(a, Rows.all(a), allocator);
    }

    /**
     * Logical NOT over {@code rows}; null stays null.
     *
     * @param a         the operand.
     * @param rows      the rows read.
     * @param allocator where the result is allocated.
     * @return a new caller-owned vector of {@code rows.count()} entries.
     */
    public static BitVector not(final BitVector a, final Rows rows, final BufferAllocator allocator)
    {
        return Comparison.allocate("invert", allocator, rows.count(), not(a, rows));
    }

    /**
     * Logical NOT over {@code rows}, into {@code out}.
     *
     * @param a    the operand.
     * @param rows the rows read.
     * @param out  receives {@code rows.count()} entries; must not be {@code a}.
     */
    public static void not(final BitVector a, final Rows rows, final BitVector out)
    {
        Comparison.into(out, rows.count(), not(a, rows));
    }

    /**
     * The rows of a boolean column that are TRUE (false and null rows drop out).
     *
     * @param mask      the boolean column.
     * @param allocator where the selection is allocated.
     * @return the TRUE rows in ascending order, caller-owned.
     */
    public static SelectionVector selectTrue(final BitVector mask, final BufferAllocator allocator)
    {
        return selectTrue(mask, Rows.all(mask), allocator);
    }

    /**
     * The rows among {@code rows} where {@code mask} is TRUE, as input row numbers (absolute for a range, the
     * selected positions for a selection).
     *
     * @param mask      the boolean column.
     * @param rows      the rows read.
     * @param allocator where the selection is allocated.
     * @return the TRUE rows, caller-owned.
     */
    public static SelectionVector selectTrue(final BitVector mask, final Rows rows, final BufferAllocator allocator)
    {
        rows.checkWithin(mask);
        final int count = rows.count();
        try (Scratch scratch = new Scratch(allocator))
        {
            final CompareCore.Dense v = CompareCore.data(mask, Kind.BOOL, rows, scratch);
            final CompareCore.Dense n = CompareCore.validity(mask, rows, scratch);
            final MemorySegment bits = scratch.bitmap(count);
            Bitmaps.and(v.seg(), v.from(), n.seg(), n.from(), bits, 0, count);
            return Comparison.positions(allocator, rows, bits);
        }
    }
}
