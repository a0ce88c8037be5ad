package io.sabot.runtime.checkpoint;

/**
 * Which instance owns a key: the same multiply-shift on the high 32 bits of the kernels' row hash that hash
 * exchanges use, so state restored with another parallelism lands where the exchange sends the key's rows.
 * Stateless and thread-safe.
 */
public final class KeyOwnership
{
    private KeyOwnership()
    {
    }

    /**
     * @param rowHash     the kernels' row hash of the key columns ({@code io.sabot.kernels.hash.Hashing}).
     * @param parallelism the number of instances.
     * @return the owning instance, in {@code [0, parallelism)}.
     */
    public static int partition(final long rowHash, final int parallelism)
    {
        return (int)(((rowHash >>> 32) * parallelism) >>> 32);
    }
}
