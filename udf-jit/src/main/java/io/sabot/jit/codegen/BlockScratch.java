package io.sabot.jit.codegen;

/**
 * Per-call scratch for split subtrees: a subtree moved into its own method evaluates one 64-row block into slot
 * {@code s} ({@code longs} / {@code doubles} at {@code s * 64 + bit}, null flags as bits of {@code nulls[s]}), and the
 * method that needs it reads it back. Allocated once per {@code run} call, only by programs that split.
 *
 * <p>Thread-safety: confined to one {@code run} call.
 */
public final class BlockScratch
{
    /** Integer and boolean values (INT32 and BOOLEAN widened). */
    public final long[] longs;
    /** Floating-point values (FLOAT32 widened). */
    public final double[] doubles;
    /** Per slot, bit i set when row bit i is null. */
    public final long[] nulls;

    /**
     * @param slots number of split subtrees.
     */
    public BlockScratch(final int slots)
    {
        this.longs = new long[slots << 6];
        this.doubles = new double[slots << 6];
        this.nulls = new long[slots];
    }
}
