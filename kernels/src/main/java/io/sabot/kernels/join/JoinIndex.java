package io.sabot.kernels.join;

/**
 * The lookup structure a {@link HashJoinTable} builds at {@code finish()}: from a loaded {@link ProbeChunk} it finds,
 * for every probe row, the head of its build-row chain and the chain's length. Chains continue through the table's
 * {@code next[]} array and list build rows in ascending row-id order.
 *
 * <p>Thread-safety: immutable after construction; {@link #lookup} may run from several probers at once.
 */
sealed interface JoinIndex extends AutoCloseable permits DenseIndex, LongHashIndex, GenericHashIndex
{
    /**
     * Fills {@code chunk.counts[0..n)} and, when {@code needHeads}, {@code chunk.heads[0..n)}; null-key rows are
     * cleared afterwards by the caller, so their entries here may be anything. Counting callers pass
     * {@code needHeads = false} so an index may skip reading its head array.
     */
    void lookup(ProbeChunk chunk, boolean needHeads);

    /**
     * @return a short description for diagnostics (kind and size).
     */
    String describe();

    @Override
    void close();
}
