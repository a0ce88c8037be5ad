package io.sabot.bench.ref;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The physical reference for Sabot's headline kernels: {@code reference.c} (a resource beside this class) compiled
 * at first use with {@code gcc -O3 -march=native -ffp-contract=off} into a temporary shared library and bound through
 * FFM. Benchmarks call it on the same off-heap buffers the Java kernels read, so the ratio Java/C in one JMH run is
 * the figure Sabot reports.
 *
 * <p>When gcc is missing or the compile fails, {@link #available()} is false and {@link #reason()} says why; the
 * benchmarks that need it then fail their setup with that reason, and {@code ./sabot bench} leaves them out.
 *
 * <p>Thread-safety: the library is loaded once; the bound functions are stateless (the join table handle is owned
 * by whoever built it).
 */
public final class CReference
{
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(false);

    private static final String REASON;
    private static final MethodHandle SUM_I64;
    private static final MethodHandle SUM_F64;
    private static final MethodHandle COUNT_GT_I64;
    private static final MethodHandle MUL_ADD_F64;
    private static final MethodHandle COMPACT_I64;
    private static final MethodHandle HASHAGG_SUM_I64;
    private static final MethodHandle JOIN_BUILD_I64;
    private static final MethodHandle JOIN_PROBE_COUNT_I64;
    private static final MethodHandle JOIN_FREE;

    static
    {
        SymbolLookup lookup = null;
        String reason = null;
        try
        {
            lookup = compileAndLoad();
        }
        catch (final IOException | RuntimeException e)
        {
            reason = e.getMessage();
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
            reason = "interrupted while compiling reference.c";
        }
        REASON = reason;
        final ValueLayout.OfLong j = ValueLayout.JAVA_LONG;
        final ValueLayout a = ValueLayout.ADDRESS;
        SUM_I64 = bind(lookup, "ref_sum_i64", FunctionDescriptor.of(j, a, j));
        SUM_F64 = bind(lookup, "ref_sum_f64", FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, a, j));
        COUNT_GT_I64 = bind(lookup, "ref_count_gt_i64", FunctionDescriptor.of(j, a, j, j));
        MUL_ADD_F64 = bind(lookup, "ref_mul_add_f64", FunctionDescriptor.ofVoid(a, a, a, a, j));
        COMPACT_I64 = bind(lookup, "ref_compact_i64", FunctionDescriptor.of(j, a, a, j, a));
        HASHAGG_SUM_I64 = bind(lookup, "ref_hashagg_sum_i64", FunctionDescriptor.of(j, a, a, j, j, a));
        JOIN_BUILD_I64 = bind(lookup, "ref_join_build_i64", FunctionDescriptor.of(a, a, j));
        JOIN_PROBE_COUNT_I64 = bind(lookup, "ref_join_probe_count_i64", FunctionDescriptor.of(j, a, a, j));
        JOIN_FREE = bind(lookup, "ref_join_free", FunctionDescriptor.ofVoid(a));
    }

    private CReference()
    {
    }

    /**
     * @return true when the C reference compiled and loaded.
     */
    public static boolean available()
    {
        return REASON == null;
    }

    /**
     * @return why the C reference is unavailable, or {@code null} when it is available.
     */
    public static String reason()
    {
        return REASON;
    }

    /**
     * Fails fast with the reason, for benchmark {@code @Setup} methods.
     */
    public static void require()
    {
        if (REASON != null)
        {
            throw new IllegalStateException("C reference skipped: " + REASON);
        }
    }

    private static SymbolLookup compileAndLoad() throws IOException, InterruptedException
    {
        final Path dir = Files.createTempDirectory("sabot-cref");
        final Path source = dir.resolve("reference.c");
        final Path library = dir.resolve("libsabotref.so");
        try (InputStream in = CReference.class.getResourceAsStream("reference.c"))
        {
            if (in == null)
            {
                throw new IOException("resource io/sabot/bench/ref/reference.c is missing from the classpath");
            }
            Files.copy(in, source);
        }
        final List<String> command = List.of("gcc", "-O3", "-march=native", "-ffp-contract=off", "-shared", "-fPIC",
            "-o", library.toString(), source.toString());
        final Process gcc;
        try
        {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        }
        catch (final IOException e)
        {
            throw new IOException("gcc not found on PATH (" + e.getMessage() + ")", e);
        }
        final String output = new String(gcc.getInputStream().readAllBytes());
        if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0)
        {
            throw new IOException("gcc failed: " + String.join(" ", command) + "\n" + output);
        }
        library.toFile().deleteOnExit();
        source.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return SymbolLookup.libraryLookup(library, Arena.global());
    }

    private static MethodHandle bind(final SymbolLookup lookup, final String name, final FunctionDescriptor descriptor)
    {
        if (lookup == null)
        {
            return null;
        }
        final MemorySegment symbol = lookup.find(name)
            .orElseThrow(() -> new IllegalStateException("symbol " + name + " missing from the reference library"));
        return LINKER.downcallHandle(symbol, descriptor, CRITICAL);
    }

    /** @return the sum of {@code n} int64 at {@code a}. */
    public static long sumLong(final MemorySegment a, final long n)
    {
        try
        {
            return (long)SUM_I64.invokeExact(a, n);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** @return the sum of {@code n} float64 at {@code a} (4 AVX accumulators). */
    public static double sumDouble(final MemorySegment a, final long n)
    {
        try
        {
            return (double)SUM_F64.invokeExact(a, n);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** @return how many of {@code n} int64 at {@code a} are greater than {@code c}. */
    public static long countGreater(final MemorySegment a, final long n, final long c)
    {
        try
        {
            return (long)COUNT_GT_I64.invokeExact(a, n, c);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** Writes {@code out[i] = a[i] * b[i] + c[i]} (unfused) for {@code n} float64. */
    public static void multiplyAdd(final MemorySegment a, final MemorySegment b, final MemorySegment c,
        final MemorySegment out, final long n)
    {
        try
        {
            MUL_ADD_F64.invokeExact(a, b, c, out, n);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * AVX2 compaction: copies the int64 whose bitmap bit is set. {@code out} needs room for {@code n + 4} values.
     *
     * @return the number of values written.
     */
    public static long compactLong(final MemorySegment in, final MemorySegment bitmap, final long n,
        final MemorySegment out)
    {
        try
        {
            return (long)COMPACT_I64.invokeExact(in, bitmap, n, out);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /**
     * Group-by int64 key, sum of int64 value, open addressing with {@code capacityPow2} slots (allocated per call).
     *
     * @param checksum one int64 receiving the sum of all group sums.
     * @return the number of groups.
     */
    public static long hashAggregateSum(final MemorySegment keys, final MemorySegment values, final long n,
        final long capacityPow2, final MemorySegment checksum)
    {
        try
        {
            return (long)HASHAGG_SUM_I64.invokeExact(keys, values, n, capacityPow2, checksum);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** @return a native join table over {@code n} build keys; free it with {@link #joinFree}. */
    public static MemorySegment joinBuild(final MemorySegment keys, final long n)
    {
        try
        {
            return (MemorySegment)JOIN_BUILD_I64.invokeExact(keys, n);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** @return the number of (probe, build) matches for {@code n} probe keys. */
    public static long joinProbeCount(final MemorySegment table, final MemorySegment probe, final long n)
    {
        try
        {
            return (long)JOIN_PROBE_COUNT_I64.invokeExact(table, probe, n);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    /** Frees a table from {@link #joinBuild}. */
    public static void joinFree(final MemorySegment table)
    {
        try
        {
            JOIN_FREE.invokeExact(table);
        }
        catch (final Throwable t)
        {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(final Throwable t)
    {
        if (t instanceof RuntimeException e)
        {
            return e;
        }
        if (t instanceof Error e)
        {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
