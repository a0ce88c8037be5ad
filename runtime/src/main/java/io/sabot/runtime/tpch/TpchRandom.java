package io.sabot.runtime.tpch;

/**
 * Counter-based randomness: every random value of the generator is a pure function of (seed, stream, row), so any
 * range of rows can be generated alone, in any order, on any thread, and equal the same rows of a full generation.
 * A stream is one column's draw (or one draw of a column); its 64-bit offset is a SplitMix64 hash of the seed and the
 * stream number, and row {@code r} of the stream is the SplitMix64 finalizer of {@code offset + r * golden}.
 *
 * <p>Multi-draw values (text, names) seed a {@link Sequence} from one hash and draw from it. Thread-safety: the
 * static methods are pure; a {@code Sequence} is single-threaded.
 */
final class TpchRandom
{
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private TpchRandom()
    {
    }

    /**
     * @param seed   the generator's seed.
     * @param stream the stream number (one per column draw).
     * @return the stream's offset.
     */
    static long stream(final long seed, final int stream)
    {
        return mix(mix(seed) ^ (stream + 1L) * 0xD1B54A32D192ED03L);
    }

    /**
     * @param stream an offset from {@link #stream(long, int)}.
     * @param row    the row (or order, or line id) number.
     * @return 64 well-mixed bits.
     */
    static long hash(final long stream, final long row)
    {
        return mix(stream + row * GOLDEN);
    }

    /**
     * @param bits 64 random bits.
     * @param lo   inclusive lower bound.
     * @param hi   inclusive upper bound, {@code >= lo}.
     * @return a value uniform in {@code [lo, hi]} (multiply-high reduction, bias below 2^-32).
     */
    static long uniform(final long bits, final long lo, final long hi)
    {
        return lo + Math.unsignedMultiplyHigh(bits, hi - lo + 1);
    }

    /**
     * @param bits 64 random bits.
     * @param lo   inclusive lower bound.
     * @param hi   inclusive upper bound.
     * @return a value uniform in {@code [lo, hi]}.
     */
    static int uniformInt(final long bits, final int lo, final int hi)
    {
        return (int) uniform(bits, lo, hi);
    }

    static long mix(final long x)
    {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A SplitMix64 sequence seeded by one hash, for values that need several draws. Single-threaded, reusable.
     */
    static final class Sequence
    {
        private long state;

        Sequence reset(final long seedBits)
        {
            state = seedBits;
            return this;
        }

        long next()
        {
            state += GOLDEN;
            return mix(state);
        }

        int nextInt(final int lo, final int hi)
        {
            return uniformInt(next(), lo, hi);
        }
    }
}
