package io.sabot.bench.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.sabot.ffi.uring.FileBlockReader;
import io.sabot.ffi.uring.FileReaders;
import io.sabot.ffi.uring.IoUring;
import io.sabot.ffi.uring.ReadConfig;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The io_uring figure: read a whole file (1 GiB by default) into one off-heap segment, io_uring (batched,
 * {@code queueDepth} reads of {@code blockKiB} in flight) against positional FileChannel reads into direct
 * ByteBuffer views of the same segment. {@code direct=false} is page-cache hot (the file is written, fsynced and read
 * once in setup); {@code direct=true} opens with O_DIRECT (ExtendedOpenOption.DIRECT for FileChannel), so every read
 * goes to the device (on a VM the host may still cache it; drop host caches for a truly cold figure).
 * Bar: hot io_uring time &lt;= hot FileChannel time, with less CPU per byte.
 *
 * <p>CPU per byte: the auxiliary counters {@code threadCpuNs} / {@code readMiB} (ThreadMXBean CPU time of the benchmark thread,
 * user + system, so it includes the time the kernel spends copying inside {@code io_uring_enter} / {@code pread}) and
 * {@code processCpuNs} / {@code readMiB} (the whole JVM, which also counts io_uring's io-wq worker threads when the kernel punts a
 * read to them - they are threads of this process - but also GC/JIT noise). For a second opinion run with
 * {@code -prof perfnorm} (cycles/instructions per op) or {@code -prof "async:event=cpu"}.
 *
 * <p>Run: {@code java -cp "jmh/target/classes:$(cat jmh/target/classpath.txt)" --enable-native-access=ALL-UNNAMED
 * org.openjdk.jmh.Main FileReadBench} (add {@code -p sizeMiB=64} for a smoke run; {@code -p dir=/path} to put the
 * file on another filesystem; /tmp must not be tmpfs for O_DIRECT).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class FileReadBench
{
    @Param({"1024"})
    public int sizeMiB;

    @Param({"io_uring", "FileChannel"})
    public String backend;

    @Param({"false", "true"})
    public boolean direct;

    @Param({"32"})
    public int queueDepth;

    @Param({"1024"})
    public int blockKiB;

    /** Directory for the temporary file; empty = java.io.tmpdir. */
    @Param({""})
    public String dir;

    private Path tempDir;
    private Path file;
    private Arena arena;
    private MemorySegment destination;
    private FileBlockReader reader;

    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        if (backend.equals("io_uring") && !IoUring.isAvailable())
        {
            throw new IllegalStateException("io_uring unavailable: " + IoUring.unavailableReason());
        }
        tempDir = dir.isEmpty() ? Files.createTempDirectory("sabot-fileread") :
            Files.createTempDirectory(Path.of(dir), "sabot-fileread");
        file = tempDir.resolve("data.bin");
        final long size = (long)sizeMiB << 20;
        writeFile(file, size);
        arena = Arena.ofShared();
        destination = arena.allocate(size, ReadConfig.DIRECT_ALIGNMENT);
        final ReadConfig config = new ReadConfig(queueDepth, blockKiB << 10, direct);
        reader = backend.equals("io_uring") ? FileReaders.uring(config) : FileReaders.channel(config);
        // Warm the page cache (and the code path) with one full read through the buffered FileChannel reader.
        try (FileBlockReader warm = FileReaders.channel(config.withDirect(false)))
        {
            warm.readFully(file, destination);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        reader.close();
        arena.close();
        Files.deleteIfExists(file);
        Files.deleteIfExists(tempDir);
    }

    /**
     * Reads the whole file once.
     *
     * @param cpu the CPU counters of this thread.
     * @return the bytes read.
     */
    @Benchmark
    public long readFile(final CpuCounters cpu)
    {
        final long threadStart = cpu.threads.getCurrentThreadCpuTime();
        final long processStart = cpu.processCpuTime();
        final long bytes = reader.readFully(file, destination);
        cpu.add(bytes, cpu.threads.getCurrentThreadCpuTime() - threadStart, cpu.processCpuTime() - processStart);
        return bytes;
    }

    /**
     * CPU time and bytes read, as JMH auxiliary counters. JMH sums EVENTS counters over the measurement iterations,
     * so they are totals: CPU ns per MiB = {@code threadCpuNs / readMiB} (or {@code processCpuNs / readMiB}); the
     * trial teardown also prints both ratios over the measurement iterations.
     *
     * <p>Thread-safety: one per benchmark thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuCounters
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        private long totalBytes;
        private long totalThreadNs;
        private long totalProcessNs;

        /** Benchmark-thread CPU nanoseconds (user + system) spent in reads this iteration. */
        public long threadCpuNs;
        /** Whole-process CPU nanoseconds over the reads this iteration. */
        public long processCpuNs;
        /** MiB read this iteration. */
        public double readMiB;

        @Setup(Level.Iteration)
        public void reset()
        {
            threadCpuNs = 0;
            processCpuNs = 0;
            readMiB = 0;
        }

        @TearDown(Level.Iteration)
        public void accumulate()
        {
            totalBytes += (long)(readMiB * (1 << 20));
            totalThreadNs += threadCpuNs;
            totalProcessNs += processCpuNs;
        }

        @TearDown(Level.Trial)
        public void print()
        {
            final double mib = totalBytes / (double)(1 << 20);
            System.out.printf("%nCPU per MiB (warmup + measurement): thread %.0f ns, process %.0f ns%n",
                totalThreadNs / mib, totalProcessNs / mib);
        }

        long processCpuTime()
        {
            return os.getProcessCpuTime();
        }

        void add(final long readBytes, final long thread, final long process)
        {
            readMiB += readBytes / (double)(1 << 20);
            threadCpuNs += thread;
            processCpuNs += process;
        }
    }

    private static void writeFile(final Path file, final long size) throws IOException
    {
        final byte[] block = new byte[1 << 20];
        new SplittableRandom(7).nextBytes(block);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final ByteBuffer buffer = ByteBuffer.wrap(block);
            for (long written = 0; written < size; written += block.length)
            {
                buffer.clear().limit((int)Math.min(block.length, size - written));
                block[0] = (byte)(written >>> 20); // blocks differ, so nothing can dedupe them
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
            }
            // Written back now, so O_DIRECT reads do not wait for writeback inside the measurement.
            channel.force(true);
        }
    }
}
