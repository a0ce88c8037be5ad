package io.sabot.ffi.uring;

import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sabot.ffi.Errno;
import io.sabot.ffi.Libc;
import io.sabot.ffi.NativeLibraries;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * One io_uring instance driven through the raw syscalls ({@code io_uring_setup} 425, {@code io_uring_enter} 426;
 * {@code io_uring_register} 427 is not needed here): the submission ring, completion ring and SQE array are mmapped
 * and read and written directly, as liburing does, because Debian's liburing 2.3 exports none of its inline prep_*
 * helpers.
 *
 * <pre>
 *   submission side (we produce, kernel consumes)        completion side (kernel produces, we consume)
 *   SQ ring: head(kernel) tail(us) mask entries array[]   CQ ring: head(us) tail(kernel) mask entries cqes[]
 *   SQE array: entries x 64-byte io_uring_sqe             io_uring_cqe = 16 bytes
 *
 *   prepX(): fill sqes[tail &amp; mask], array[tail &amp; mask] = slot, tail++ (local)
 *   submit(): store-release SQ tail, io_uring_enter(to_submit)
 *   peek: load-acquire CQ tail; while head != tail read cqes[head &amp; mask]; store-release CQ head
 * </pre>
 *
 * <p>Memory ordering: the kernel reads the SQ tail and writes the CQ tail; our stores of SQEs must be visible before
 * the tail store (release), and our reads of CQEs must happen after the tail load (acquire); the CQ head is published
 * with a release store so the kernel never overwrites an entry still being read. Accesses go through
 * {@link VarHandle}s on the mapped segments.
 *
 * <p>Availability: {@link #unavailableReason()} says why io_uring cannot be used (system property
 * {@code sabot.native.disable} containing {@code io_uring}, {@code libc} or {@code all}, {@code /proc/sys/kernel/io_uring_disabled}
 * non-zero, libc not linkable, or a probe {@code io_uring_setup} failing with e.g. ENOSYS/EPERM); the property and
 * sysctl are read on every call so tests may flip the property, the kernel probe runs once per JVM.
 *
 * <p>Thread-safety: not thread-safe; one instance per thread. Ownership: the instance owns the ring fd and the three
 * mappings until {@link #close()}; buffers passed to {@link #prepRead} must stay alive until their completion is reaped.
 */
public final class IoUring implements AutoCloseable
{
    /** {@code IORING_OP_NOP}. */
    public static final int IORING_OP_NOP = 0;
    /** {@code IORING_OP_READ} (kernel 5.6+). */
    public static final int IORING_OP_READ = 22;
    /** {@code IORING_ENTER_GETEVENTS}. */
    public static final int IORING_ENTER_GETEVENTS = 1;
    /** {@code IORING_FEAT_SINGLE_MMAP}: SQ and CQ rings share one mapping. */
    public static final int IORING_FEAT_SINGLE_MMAP = 1;
    /** mmap offset of the SQ ring. */
    public static final long IORING_OFF_SQ_RING = 0L;
    /** mmap offset of the CQ ring. */
    public static final long IORING_OFF_CQ_RING = 0x8000000L;
    /** mmap offset of the SQE array. */
    public static final long IORING_OFF_SQES = 0x10000000L;

    private static final int MMAP_PROT = Libc.PROT_READ | Libc.PROT_WRITE;
    private static final int MMAP_FLAGS = Libc.MAP_SHARED | Libc.MAP_POPULATE;

    /**
     * {@code struct io_sqring_offsets} (40 bytes): offsets into the SQ ring mapping.
     * <pre>
     *  0 head | 4 tail | 8 ring_mask | 12 ring_entries | 16 flags | 20 dropped | 24 array | 28 resv1 | 32 user_addr(8)
     * </pre>
     */
    public static final StructLayout IO_SQRING_OFFSETS = structLayout(
        JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
        JAVA_INT.withName("ring_entries"), JAVA_INT.withName("flags"), JAVA_INT.withName("dropped"),
        JAVA_INT.withName("array"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"));

    /**
     * {@code struct io_cqring_offsets} (40 bytes): offsets into the CQ ring mapping.
     * <pre>
     *  0 head | 4 tail | 8 ring_mask | 12 ring_entries | 16 overflow | 20 cqes | 24 flags | 28 resv1 | 32 user_addr(8)
     * </pre>
     */
    public static final StructLayout IO_CQRING_OFFSETS = structLayout(
        JAVA_INT.withName("head"), JAVA_INT.withName("tail"), JAVA_INT.withName("ring_mask"),
        JAVA_INT.withName("ring_entries"), JAVA_INT.withName("overflow"), JAVA_INT.withName("cqes"),
        JAVA_INT.withName("flags"), JAVA_INT.withName("resv1"), JAVA_LONG.withName("user_addr"));

    /**
     * {@code struct io_uring_params} (120 bytes), in/out argument of io_uring_setup.
     * <pre>
     *  0 sq_entries | 4 cq_entries | 8 flags | 12 sq_thread_cpu | 16 sq_thread_idle | 20 features | 24 wq_fd
     * 28 resv[3] | 40 sq_off (io_sqring_offsets, 40) | 80 cq_off (io_cqring_offsets, 40)
     * </pre>
     */
    public static final StructLayout IO_URING_PARAMS = structLayout(
        JAVA_INT.withName("sq_entries"), JAVA_INT.withName("cq_entries"), JAVA_INT.withName("flags"),
        JAVA_INT.withName("sq_thread_cpu"), JAVA_INT.withName("sq_thread_idle"), JAVA_INT.withName("features"),
        JAVA_INT.withName("wq_fd"), sequenceLayout(3, JAVA_INT).withName("resv"),
        IO_SQRING_OFFSETS.withName("sq_off"), IO_CQRING_OFFSETS.withName("cq_off"));

    /**
     * {@code struct io_uring_sqe} (64 bytes), the fields a read or NOP uses, unions named by their read meaning.
     * <pre>
     *  0 opcode(1) | 1 flags(1) | 2 ioprio(2) | 4 fd(4) | 8 off(8) | 16 addr(8) | 24 len(4) | 28 rw_flags(4)
     * 32 user_data(8) | 40 buf_index(2) | 42 personality(2) | 44 splice_fd_in(4) | 48 addr3(8) | 56 pad(8)
     * </pre>
     */
    public static final StructLayout IO_URING_SQE = structLayout(
        JAVA_BYTE.withName("opcode"), JAVA_BYTE.withName("flags"), JAVA_SHORT.withName("ioprio"),
        JAVA_INT.withName("fd"), JAVA_LONG.withName("off"), JAVA_LONG.withName("addr"), JAVA_INT.withName("len"),
        JAVA_INT.withName("rw_flags"), JAVA_LONG.withName("user_data"), JAVA_SHORT.withName("buf_index"),
        JAVA_SHORT.withName("personality"), JAVA_INT.withName("splice_fd_in"), JAVA_LONG.withName("addr3"),
        paddingLayout(8));

    /**
     * {@code struct io_uring_cqe} (16 bytes).
     * <pre>
     *  0 user_data(8) | 8 res(4, bytes or -errno) | 12 flags(4)
     * </pre>
     */
    public static final StructLayout IO_URING_CQE = structLayout(
        JAVA_LONG.withName("user_data"), JAVA_INT.withName("res"), JAVA_INT.withName("flags"));

    private static final long SQE_SIZE = IO_URING_SQE.byteSize();
    private static final long CQE_SIZE = IO_URING_CQE.byteSize();
    private static final long SQE_OPCODE = off(IO_URING_SQE, "opcode");
    private static final long SQE_FD = off(IO_URING_SQE, "fd");
    private static final long SQE_OFF = off(IO_URING_SQE, "off");
    private static final long SQE_ADDR = off(IO_URING_SQE, "addr");
    private static final long SQE_LEN = off(IO_URING_SQE, "len");
    private static final long SQE_USER_DATA = off(IO_URING_SQE, "user_data");
    private static final long CQE_USER_DATA = off(IO_URING_CQE, "user_data");
    private static final long CQE_RES = off(IO_URING_CQE, "res");
    private static final long CQE_FLAGS = off(IO_URING_CQE, "flags");

    // (segment, long offset) -> int, with acquire/release access modes on aligned native memory.
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();

    /** The kernel probe's outcome, computed once: "" when setup worked, else the failure; null before the probe. */
    private static volatile String probeResult;

    static
    {
        if (SQE_SIZE != 64 || CQE_SIZE != 16 || IO_URING_PARAMS.byteSize() != 120)
        {
            throw new ExceptionInInitializerError("io_uring struct layouts do not match the kernel ABI");
        }
    }

    private final int ringFd;
    private final int sqEntries;
    private final int cqEntries;
    private final int features;
    private final MemorySegment sqRing;
    private final MemorySegment cqRing;
    private final MemorySegment sqes;
    private final long sqRingLength;
    private final long cqRingLength;
    private final long sqesLength;
    private final boolean singleMmap;

    private final long sqHeadOff;
    private final long sqTailOff;
    private final int sqMask;
    private final long sqArrayOff;
    private final long cqHeadOff;
    private final long cqTailOff;
    private final int cqMask;
    private final long cqesOff;

    /** Local SQ tail: SQEs prepared but not yet published. */
    private int sqTail;
    /** Last published SQ tail. */
    private int sqTailPublished;
    /** Local CQ head, published on each reap. */
    private int cqHead;
    private boolean closed;

    private IoUring(final int ringFd, final MemorySegment params)
    {
        this.ringFd = ringFd;
        this.sqEntries = params.get(JAVA_INT, off(IO_URING_PARAMS, "sq_entries"));
        this.cqEntries = params.get(JAVA_INT, off(IO_URING_PARAMS, "cq_entries"));
        this.features = params.get(JAVA_INT, off(IO_URING_PARAMS, "features"));
        final long sqOff = off(IO_URING_PARAMS, "sq_off");
        final long cqOff = off(IO_URING_PARAMS, "cq_off");
        final int sqArray = params.get(JAVA_INT, sqOff + off(IO_SQRING_OFFSETS, "array"));
        final int cqes = params.get(JAVA_INT, cqOff + off(IO_CQRING_OFFSETS, "cqes"));
        this.singleMmap = (features & IORING_FEAT_SINGLE_MMAP) != 0;
        long sqLen = sqArray + (long)sqEntries * Integer.BYTES;
        long cqLen = cqes + (long)cqEntries * CQE_SIZE;
        if (singleMmap)
        {
            sqLen = Math.max(sqLen, cqLen);
            cqLen = sqLen;
        }
        this.sqRingLength = sqLen;
        this.cqRingLength = cqLen;
        this.sqesLength = (long)sqEntries * SQE_SIZE;

        MemorySegment sq = null;
        MemorySegment cq = null;
        MemorySegment sqe = null;
        try
        {
            sq = map(ringFd, sqLen, IORING_OFF_SQ_RING, "SQ ring");
            cq = singleMmap ? sq : map(ringFd, cqLen, IORING_OFF_CQ_RING, "CQ ring");
            sqe = map(ringFd, sqesLength, IORING_OFF_SQES, "SQE array");
        }
        catch (final UringException e)
        {
            final MemorySegment state = Libc.callState();
            if (sq != null)
            {
                Libc.munmap(state, sq, sqLen);
            }
            if (cq != null && !singleMmap)
            {
                Libc.munmap(state, cq, cqLen);
            }
            UringSys.close(ringFd);
            throw e;
        }
        this.sqRing = sq;
        this.cqRing = cq;
        this.sqes = sqe;

        this.sqHeadOff = params.get(JAVA_INT, sqOff + off(IO_SQRING_OFFSETS, "head"));
        this.sqTailOff = params.get(JAVA_INT, sqOff + off(IO_SQRING_OFFSETS, "tail"));
        this.sqMask = sqRing.get(JAVA_INT, params.get(JAVA_INT, sqOff + off(IO_SQRING_OFFSETS, "ring_mask")));
        this.sqArrayOff = sqArray;
        this.cqHeadOff = params.get(JAVA_INT, cqOff + off(IO_CQRING_OFFSETS, "head"));
        this.cqTailOff = params.get(JAVA_INT, cqOff + off(IO_CQRING_OFFSETS, "tail"));
        this.cqMask = cqRing.get(JAVA_INT, params.get(JAVA_INT, cqOff + off(IO_CQRING_OFFSETS, "ring_mask")));
        this.cqesOff = cqes;
        this.sqTail = (int)INT.getAcquire(sqRing, sqTailOff);
        this.sqTailPublished = sqTail;
        this.cqHead = (int)INT.getAcquire(cqRing, cqHeadOff);
    }

    /**
     * Creates a ring with at least {@code entries} submission slots (the kernel rounds up to a power of two; the
     * completion ring is twice that).
     *
     * @param entries requested SQ size, 1..32768.
     * @return a new ring.
     * @throws UringException when io_uring is unavailable (the message gives the reason) or setup/mmap fails.
     */
    public static IoUring create(final int entries)
    {
        if (entries < 1 || entries > 32768)
        {
            throw new IllegalArgumentException("io_uring entries must be 1..32768, got " + entries);
        }
        final String reason = disabledReason();
        if (reason != null)
        {
            throw new UringException("io_uring unavailable: " + reason, null, -1, 0);
        }
        return setup(entries);
    }

    private static IoUring setup(final int entries)
    {
        final MemorySegment params = java.lang.foreign.Arena.ofAuto().allocate(IO_URING_PARAMS);
        final MemorySegment state = Libc.callState();
        final long fd = Libc.syscall(state, Libc.SYS_io_uring_setup, entries, params.address());
        if (fd < 0)
        {
            final int errno = Libc.errno(state);
            throw new UringException("io_uring_setup(" + entries + ") failed: " + errnoName(errno), null, -1, errno);
        }
        return new IoUring((int)fd, params);
    }

    /**
     * @return null when io_uring can be used on this machine now, else a human-readable reason (disabled by property,
     *     by the sysctl, libc missing, or the probe setup failing).
     */
    public static String unavailableReason()
    {
        final String reason = disabledReason();
        if (reason != null)
        {
            return reason;
        }
        String probe = probeResult;
        if (probe == null)
        {
            probe = probe();
            probeResult = probe;
        }
        return probe.isEmpty() ? null : probe;
    }

    private static String probe()
    {
        try (IoUring ring = setup(1))
        {
            return ring.ringFd >= 0 ? "" : "io_uring_setup returned no fd";
        }
        catch (final UringException e)
        {
            return e.getMessage();
        }
    }

    /**
     * @return true when {@link #unavailableReason()} is null.
     */
    public static boolean isAvailable()
    {
        return unavailableReason() == null;
    }

    private static String disabledReason()
    {
        if (NativeLibraries.isForcedOff(NativeLibraries.IO_URING))
        {
            return NativeLibraries.forcedOff(NativeLibraries.IO_URING).toString();
        }
        if (NativeLibraries.isForcedOff(NativeLibraries.LIBC) || !Libc.isAvailable())
        {
            return "libc binding unavailable: " + Libc.status();
        }
        final Path sysctl = Path.of("/proc/sys/kernel/io_uring_disabled");
        if (Files.isReadable(sysctl))
        {
            try
            {
                final String value = Files.readString(sysctl).trim();
                if (!value.equals("0"))
                {
                    return "kernel.io_uring_disabled=" + value;
                }
            }
            catch (final IOException e)
            {
                return "cannot read " + sysctl + ": " + e.getMessage();
            }
        }
        if (UringSys.linkFailure() != null)
        {
            return "libc open/close not linkable: " + UringSys.linkFailure();
        }
        return null;
    }

    /**
     * Queues a read of {@code buffer.byteSize()} bytes (at most 2^31-1) from {@code fd} at {@code fileOffset}.
     *
     * @param fd         an open file descriptor.
     * @param buffer     native destination; must stay alive until the completion is reaped.
     * @param fileOffset file offset.
     * @param userData   returned unchanged in the completion.
     * @return false when the submission ring is full (submit first), true when queued.
     */
    public boolean prepRead(final int fd, final MemorySegment buffer, final long fileOffset, final long userData)
    {
        final long sqe = nextSqe();
        if (sqe < 0)
        {
            return false;
        }
        fill(sqe, IORING_OP_READ, fd, fileOffset, buffer.address(), (int)Math.min(buffer.byteSize(),
            Integer.MAX_VALUE), userData);
        return true;
    }

    /**
     * Queues a no-op whose completion carries {@code userData} and res 0.
     *
     * @param userData returned unchanged in the completion.
     * @return false when the submission ring is full.
     */
    public boolean prepNop(final long userData)
    {
        final long sqe = nextSqe();
        if (sqe < 0)
        {
            return false;
        }
        fill(sqe, IORING_OP_NOP, -1, 0, 0, 0, userData);
        return true;
    }

    private long nextSqe()
    {
        final int head = (int)INT.getAcquire(sqRing, sqHeadOff);
        if (sqTail - head >= sqEntries)
        {
            return -1;
        }
        final int index = sqTail & sqMask;
        sqRing.set(JAVA_INT, sqArrayOff + (long)index * Integer.BYTES, index);
        sqTail++;
        return index * SQE_SIZE;
    }

    private void fill(final long sqe, final int opcode, final int fd, final long off, final long addr, final int len,
        final long userData)
    {
        for (long i = 0; i < SQE_SIZE; i += Long.BYTES)
        {
            sqes.set(JAVA_LONG, sqe + i, 0L);
        }
        sqes.set(JAVA_BYTE, sqe + SQE_OPCODE, (byte)opcode);
        sqes.set(JAVA_INT, sqe + SQE_FD, fd);
        sqes.set(JAVA_LONG, sqe + SQE_OFF, off);
        sqes.set(JAVA_LONG, sqe + SQE_ADDR, addr);
        sqes.set(JAVA_INT, sqe + SQE_LEN, len);
        sqes.set(JAVA_LONG, sqe + SQE_USER_DATA, userData);
    }

    /**
     * Publishes the prepared SQEs and tells the kernel about them, without waiting.
     *
     * @return number of SQEs the kernel consumed.
     */
    public int submit()
    {
        return submitAndWait(0);
    }

    /**
     * Publishes the prepared SQEs and waits until at least {@code minComplete} completions are available.
     *
     * @param minComplete completions to wait for (0 = none).
     * @return number of SQEs the kernel consumed.
     * @throws UringException when io_uring_enter fails with anything but EINTR/EAGAIN/EBUSY.
     */
    public int submitAndWait(final int minComplete)
    {
        final int toSubmit = sqTail - sqTailPublished;
        if (toSubmit > 0)
        {
            INT.setRelease(sqRing, sqTailOff, sqTail);
            sqTailPublished = sqTail;
        }
        if (toSubmit == 0 && minComplete == 0)
        {
            return 0;
        }
        final MemorySegment state = Libc.callState();
        while (true)
        {
            final long r = Libc.syscall(state, Libc.SYS_io_uring_enter, ringFd, toSubmit, minComplete,
                minComplete > 0 ? IORING_ENTER_GETEVENTS : 0, 0L, 0L);
            if (r >= 0)
            {
                return (int)r;
            }
            final int errno = Libc.errno(state);
            if (errno != Errno.EINTR)
            {
                throw new UringException("io_uring_enter failed: " + errnoName(errno), null, -1, errno);
            }
        }
    }

    /**
     * Reaps up to {@code max} completions into the arrays (index i holds the i-th reaped entry) and advances the CQ
     * head past them.
     *
     * @param userData receives each completion's user_data.
     * @param res      receives each completion's res (bytes, or -errno).
     * @param max      at most this many (and at most the arrays' lengths).
     * @return how many were reaped (0 when the ring is empty).
     */
    public int reap(final long[] userData, final int[] res, final int max)
    {
        final int tail = (int)INT.getAcquire(cqRing, cqTailOff);
        int n = 0;
        int head = cqHead;
        while (head != tail && n < max)
        {
            final long cqe = cqesOff + (long)(head & cqMask) * CQE_SIZE;
            userData[n] = cqRing.get(JAVA_LONG, cqe + CQE_USER_DATA);
            res[n] = cqRing.get(JAVA_INT, cqe + CQE_RES);
            n++;
            head++;
        }
        if (n > 0)
        {
            cqHead = head;
            INT.setRelease(cqRing, cqHeadOff, head);
        }
        return n;
    }

    /**
     * Reads one completion if there is one, without consuming it; {@link #advanceCompletion()} consumes it.
     *
     * @param out receives {@code out.userData} and {@code out.res}.
     * @return true when a completion was available.
     */
    public boolean peekCompletion(final Completion out)
    {
        final int tail = (int)INT.getAcquire(cqRing, cqTailOff);
        if (cqHead == tail)
        {
            return false;
        }
        final long cqe = cqesOff + (long)(cqHead & cqMask) * CQE_SIZE;
        out.userData = cqRing.get(JAVA_LONG, cqe + CQE_USER_DATA);
        out.res = cqRing.get(JAVA_INT, cqe + CQE_RES);
        out.flags = cqRing.get(JAVA_INT, cqe + CQE_FLAGS);
        return true;
    }

    /**
     * Consumes the completion last returned by {@link #peekCompletion(Completion)}.
     */
    public void advanceCompletion()
    {
        cqHead++;
        INT.setRelease(cqRing, cqHeadOff, cqHead);
    }

    /**
     * @return SQ slots (after kernel rounding).
     */
    public int sqEntries()
    {
        return sqEntries;
    }

    /**
     * @return CQ slots.
     */
    public int cqEntries()
    {
        return cqEntries;
    }

    /**
     * @return the IORING_FEAT_* bits the kernel reported.
     */
    public int features()
    {
        return features;
    }

    /**
     * Unmaps the rings and closes the ring fd. Idempotent. In-flight reads must have been reaped first.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final MemorySegment state = Libc.callState();
        Libc.munmap(state, sqes, sqesLength);
        if (!singleMmap)
        {
            Libc.munmap(state, cqRing, cqRingLength);
        }
        Libc.munmap(state, sqRing, sqRingLength);
        UringSys.close(ringFd);
    }

    /**
     * A reusable completion holder for {@link #peekCompletion(Completion)}.
     *
     * <p>Thread-safety: not thread-safe; mutable.
     */
    public static final class Completion
    {
        /** user_data of the completed SQE. */
        public long userData;
        /** bytes transferred, or -errno. */
        public int res;
        /** IORING_CQE_F_* flags. */
        public int flags;
    }

    static String errnoName(final int errno)
    {
        return Errno.name(errno) + " (" + errno + ")";
    }

    private static MemorySegment map(final int fd, final long length, final long offset, final String what)
    {
        final MemorySegment state = Libc.callState();
        final MemorySegment address = Libc.mmap(state, MemorySegment.NULL, length, MMAP_PROT, MMAP_FLAGS, fd, offset);
        if (address.address() == Libc.MAP_FAILED)
        {
            final int errno = Libc.errno(state);
            throw new UringException("mmap of io_uring " + what + " failed: " + errnoName(errno), null, -1, errno);
        }
        return address.reinterpret(length);
    }

    private static long off(final MemoryLayout layout, final String name)
    {
        return layout.byteOffset(groupElement(name));
    }
}
