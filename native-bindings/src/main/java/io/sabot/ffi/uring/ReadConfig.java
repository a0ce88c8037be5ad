package io.sabot.ffi.uring;

/**
 * How a {@link FileBlockReader} reads: requests in flight, bytes per request, and whether to bypass the page cache.
 *
 * <p>O_DIRECT needs the destination address and the file offset {@value #DIRECT_ALIGNMENT}-aligned, and the length a
 * multiple of {@value #DIRECT_ALIGNMENT} unless the range ends at end of file, in which case the destination must
 * still have room for the length rounded up to {@value #DIRECT_ALIGNMENT} (the kernel reads whole blocks and stops at
 * end of file). Readers reject anything else with a {@link UringException} naming the requirement.
 *
 * <p>Thread-safety: immutable.
 *
 * @param queueDepth reads in flight, 1..4096 (e.g. 32).
 * @param blockSize  bytes per read request, a positive multiple of 4096 up to 1 GiB (e.g. 1 MiB).
 * @param direct     open with O_DIRECT (io_uring) / ExtendedOpenOption.DIRECT (FileChannel).
 */
public record ReadConfig(int queueDepth, int blockSize, boolean direct)
{
    /** Alignment O_DIRECT requires of address, offset and length. */
    public static final int DIRECT_ALIGNMENT = 4096;

    /** 32 reads of 1 MiB in flight through the page cache. */
    public static final ReadConfig DEFAULT = new ReadConfig(32, 1 << 20, false);

    /**
     * Validates the fields.
     */
    public ReadConfig
    {
        if (queueDepth < 1 || queueDepth > 4096)
        {
            throw new IllegalArgumentException("queueDepth must be 1..4096, got " + queueDepth);
        }
        if (blockSize <= 0 || blockSize % DIRECT_ALIGNMENT != 0 || blockSize > (1 << 30))
        {
            throw new IllegalArgumentException("blockSize must be a positive multiple of 4096 up to 1 GiB, got "
                + blockSize);
        }
    }

    /**
     * @param direct the O_DIRECT choice.
     * @return a copy with that choice.
     */
    public ReadConfig withDirect(final boolean direct)
    {
        return new ReadConfig(queueDepth, blockSize, direct);
    }
}
