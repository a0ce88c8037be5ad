package io.sabot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import io.sabot.bench.peer.DuckDbPeer;
import io.sabot.bench.ref.CReference;
import io.sabot.kernels.ArrowMemory;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.Test;

/**
 * The contenders Sabot is measured against must themselves be right, or a ratio means nothing: the C reference and
 * DuckDB are checked against plain Java on the same data.
 */
final class ReferenceAndPeerTest
{
    private static final int N = 10_003;

    @Test
    void shouldComputeHeadlineKernelsInC()
    {
        assumeTrue(CReference.available(), () -> "gcc unavailable: " + CReference.reason());
        final long[] a = BenchData.longs(N, 0, 1);
        final double[] x = BenchData.doubles(N, 2);
        final double[] y = BenchData.doubles(N, 3);
        final double[] z = BenchData.doubles(N, 4);
        try (RootAllocator allocator = new RootAllocator();
            BigIntVector va = BenchData.bigInts(allocator, "a", a);
            Float8Vector vx = BenchData.doubles(allocator, "x", x);
            Float8Vector vy = BenchData.doubles(allocator, "y", y);
            Float8Vector vz = BenchData.doubles(allocator, "z", z);
            BitVector bits = BenchData.randomBits(allocator, "p", N, 0.5, 5);
            Arena arena = Arena.ofConfined())
        {
            final MemorySegment sa = ArrowMemory.segment(va.getDataBuffer());
            long sum = 0;
            long greater = 0;
            for (final long v : a)
            {
                sum += v;
                greater += v > 12345 ? 1 : 0;
            }
            assertEquals(sum, CReference.sumLong(sa, N));
            assertEquals(greater, CReference.countGreater(sa, N, 12345));

            double dsum = 0;
            for (final double v : x)
            {
                dsum += v;
            }
            assertEquals(dsum, CReference.sumDouble(ArrowMemory.segment(vx.getDataBuffer()), N), 1e-6);

            final MemorySegment out = arena.allocate((N + 4) * 8L, 8);
            CReference.multiplyAdd(ArrowMemory.segment(vx.getDataBuffer()), ArrowMemory.segment(vy.getDataBuffer()),
                ArrowMemory.segment(vz.getDataBuffer()), out, N);
            for (int i = 0; i < N; i++)
            {
                assertEquals(x[i] * y[i] + z[i], out.getAtIndex(ValueLayout.JAVA_DOUBLE, i), "row " + i);
            }

            final long kept = CReference.compactLong(sa, ArrowMemory.segment(bits.getDataBuffer()), N, out);
            int j = 0;
            for (int i = 0; i < N; i++)
            {
                if (bits.get(i) == 1)
                {
                    assertEquals(a[i], out.getAtIndex(ValueLayout.JAVA_LONG, j++), "compacted row " + i);
                }
            }
            assertEquals(j, kept);

            final long[] keys = BenchData.longs(N, 100, 6);
            try (BigIntVector vk = BenchData.bigInts(allocator, "k", keys))
            {
                final MemorySegment checksum = arena.allocate(8, 8);
                final long groups = CReference.hashAggregateSum(ArrowMemory.segment(vk.getDataBuffer()), sa, N, 256,
                    checksum);
                assertEquals(java.util.Arrays.stream(keys).distinct().count(), groups);
                assertEquals(sum, checksum.get(ValueLayout.JAVA_LONG, 0));

                final MemorySegment table = CReference.joinBuild(ArrowMemory.segment(vk.getDataBuffer()), N);
                final long matches = CReference.joinProbeCount(table, ArrowMemory.segment(vk.getDataBuffer()), N);
                CReference.joinFree(table);
                final long[] perKey = new long[100];
                for (final long k : keys)
                {
                    perKey[(int)k]++;
                }
                long expected = 0;
                for (final long c : perKey)
                {
                    expected += c * c;
                }
                assertEquals(expected, matches);
            }
        }
    }

    @Test
    void shouldAnswerLikeJavaInDuckDb()
    {
        final long[] k = BenchData.longs(N, 50, 7);
        final long[] v = BenchData.longs(N, 1000, 8);
        try (DuckDbPeer duck = new DuckDbPeer())
        {
            duck.loadLongs("t", new String[] {"k", "v"}, k, v);
            long sum = 0;
            long greater = 0;
            for (final long value : v)
            {
                sum += value;
                greater += value > 500 ? 1 : 0;
            }
            assertEquals(sum, duck.queryLong("SELECT sum(v) FROM t"));
            assertEquals(greater, duck.queryLong("SELECT count(*) FROM t WHERE v > 500"));
            assertEquals(java.util.Arrays.stream(k).distinct().count(),
                duck.queryLong("SELECT count(*) FROM (SELECT k, sum(v) FROM t GROUP BY k)"));
        }
    }
}
