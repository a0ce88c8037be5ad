package io.sabot.jit;

import java.util.Map;

/**
 * A snapshot of an {@link ExpressionCompiler}'s shape cache counters.
 *
 * <pre>
 *   hits           requests served by a cached shape (no class defined)
 *   misses         requests that found no entry and created one
 *   compilations   hidden classes defined (at most one per shape while it stays cached)
 *   fallbacks      per short reason, shapes that run on the interpreter ("unsupported", "method too large",
 *                  "verify error", ...; "forced" counts requests made while interpretation is forced)
 *   evictions      shapes dropped to keep the cache within its bound
 *   cachedShapes   entries in the cache now
 *   compileNanos   total time spent generating and defining classes
 * </pre>
 *
 * <p>Thread-safety: immutable.
 *
 * @param hits         cache hits.
 * @param misses       cache misses.
 * @param compilations classes defined.
 * @param fallbacks    fallback counts by reason (unmodifiable).
 * @param evictions    evicted shapes.
 * @param cachedShapes current entries.
 * @param compileNanos total compile time.
 */
public record JitStats(long hits, long misses, long compilations, Map<String, Long> fallbacks, long evictions,
    int cachedShapes, long compileNanos)
{
    /**
     * @param hits         cache hits.
     * @param misses       cache misses.
     * @param compilations classes defined.
     * @param fallbacks    fallback counts by reason.
     * @param evictions    evicted shapes.
     * @param cachedShapes current entries.
     * @param compileNanos total compile time.
     */
    public JitStats
    {
        fallbacks = Map.copyOf(fallbacks);
    }

    /** @return the sum of all fallback counts. */
    public long totalFallbacks()
    {
        long total = 0;
        for (final long n : fallbacks.values())
        {
            total += n;
        }
        return total;
    }
}
