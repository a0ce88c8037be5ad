package io.sabot.ffi.uring;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import io.sabot.ffi.Errno;

/**
 * Reads files with batched io_uring submissions: the range is cut into {@link ReadConfig#blockSize()} requests, up
 * to {@link ReadConfig#queueDepth()} of them in flight, each refilled from the next block as it completes; a short
 * read is resubmitted for its remainder in the same slot.
 *
 * <pre>
 *   slot i (user_data = i): fileOffset | destOffset | need (bytes still wanted)
 *   loop: fill free slots -> submitAndWait(1) -> reap all -> done / resubmit remainder / record error
 * </pre>
 *
 * On a failed completion (res = -errno) the remaining in-flight reads are drained before the exception is thrown, so
 * the kernel never writes into the destination after {@link #read} returns or throws. The one exception is
 * {@code io_uring_enter} itself failing (not EINTR), which does not happen with a valid ring: then the reader throws at
 * once, reads may still be in flight, and the reader must be closed rather than reused.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread. Ownership: owns one {@link IoUring} until
 * {@link #close()}.
 */
public final class UringFileReader implements FileBlockReader
{
    private final ReadConfig config;
    private final IoUring ring;
    private final long[] slotFileOffset;
    private final long[] slotDestOffset;
    private final long[] slotNeed;
    private final int[] freeSlots;
    private final long[] reapedUserData;
    private final int[] reapedRes;

    /**
     * @param config how to read.
     * @throws UringException when io_uring is unavailable or the ring cannot be set up.
     */
    public UringFileReader(final ReadConfig config)
    {
        this.config = config;
        this.ring = IoUring.create(config.queueDepth());
        final int depth = config.queueDepth();
        this.slotFileOffset = new long[depth];
        this.slotDestOffset = new long[depth];
        this.slotNeed = new long[depth];
        this.freeSlots = new int[depth];
        this.reapedUserData = new long[ring.cqEntries()];
        this.reapedRes = new int[ring.cqEntries()];
    }

    @Override
    public long read(final Path file, final long offset, final long length, final MemorySegment destination)
    {
        FileReaders.check(config, file, offset, length, destination);
        if (length == 0)
        {
            return 0;
        }
        final String name = file.toString();
        final int fd = UringSys.open(name,
            UringSys.O_RDONLY | UringSys.O_CLOEXEC | (config.direct() ? UringSys.O_DIRECT : 0));
        if (fd < 0)
        {
            final int errno = UringSys.lastErrno();
            final String hint = config.direct() && errno == Errno.EINVAL ?
                " (the filesystem rejects O_DIRECT)" : "";
            throw new UringException("open(" + name + (config.direct() ? ", O_DIRECT" : "") + ") failed: "
                + IoUring.errnoName(errno) + hint, name, offset, errno);
        }
        try
        {
            readBlocks(fd, name, offset, length, destination);
        }
        finally
        {
            UringSys.close(fd);
        }
        return length;
    }

    void readBlocks(final int fd, final String name, final long offset, final long length,
        final MemorySegment destination)
    {
        final int depth = config.queueDepth();
        final long block = config.blockSize();
        int free = depth;
        for (int i = 0; i < depth; i++)
        {
            freeSlots[i] = depth - 1 - i;
        }
        long nextDest = 0;
        int inFlight = 0;
        UringException failure = null;
        while (true)
        {
            while (failure == null && free > 0 && nextDest < length)
            {
                final int slot = freeSlots[--free];
                final long need = Math.min(block, length - nextDest);
                slotFileOffset[slot] = offset + nextDest;
                slotDestOffset[slot] = nextDest;
                slotNeed[slot] = need;
                prep(fd, destination, slot);
                nextDest += need;
                inFlight++;
            }
            if (inFlight == 0)
            {
                break;
            }
            ring.submitAndWait(1);
            final int n = ring.reap(reapedUserData, reapedRes, reapedRes.length);
            for (int i = 0; i < n; i++)
            {
                final int slot = (int)reapedUserData[i];
                final int res = reapedRes[i];
                if (res < 0 || (res == 0 && slotNeed[slot] > 0))
                {
                    if (failure == null)
                    {
                        failure = res < 0 ?
                            new UringException("read of " + name + " at offset " + slotFileOffset[slot] + " failed: "
                                + IoUring.errnoName(-res), name, slotFileOffset[slot], -res) :
                            new UringException("unexpected end of " + name + " at offset " + slotFileOffset[slot]
                                + " (file shrank while reading?)", name, slotFileOffset[slot], 0);
                    }
                    freeSlots[free++] = slot;
                    inFlight--;
                }
                else if (res >= slotNeed[slot])
                {
                    freeSlots[free++] = slot;
                    inFlight--;
                }
                else
                {
                    // Short read: ask again for the rest in the same slot (stays in flight).
                    slotFileOffset[slot] += res;
                    slotDestOffset[slot] += res;
                    slotNeed[slot] -= res;
                    if (failure == null)
                    {
                        prep(fd, destination, slot);
                    }
                    else
                    {
                        freeSlots[free++] = slot;
                        inFlight--;
                    }
                }
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }

    private void prep(final int fd, final MemorySegment destination, final int slot)
    {
        final long need = slotNeed[slot];
        // O_DIRECT asks for whole 4096-byte blocks; at end of file the kernel stops early (room checked up front).
        final long request = config.direct() ? FileReaders.roundUp(need) : need;
        final MemorySegment target = destination.asSlice(slotDestOffset[slot], request);
        if (!ring.prepRead(fd, target, slotFileOffset[slot], slot))
        {
            // Cannot happen: slots <= SQ entries and every prepared SQE is submitted before the next fill.
            throw new IllegalStateException("io_uring submission ring full");
        }
    }

    @Override
    public ReadConfig config()
    {
        return config;
    }

    @Override
    public String backend()
    {
        return "io_uring";
    }

    @Override
    public void close()
    {
        ring.close();
    }
}
