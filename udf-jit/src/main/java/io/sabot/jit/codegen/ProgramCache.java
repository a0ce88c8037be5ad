package io.sabot.jit.codegen;

import io.sabot.jit.JitStats;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Compiled shapes by shape key, bounded, with counters.
 *
 * <p>Each key maps to a {@link Shape} holder inserted with {@code putIfAbsent}; the first thread to ask for a shape
 * compiles it inside the holder's lock while others asking for the same shape wait on that lock, so a shape is
 * compiled (and its class defined) exactly once while cached. A finished shape is read with one map lookup and one
 * volatile read. When the cache exceeds its bound, the least recently used finished shapes are evicted (a scan, only
 * on insertion); an evicted class is unloaded once no program of it is alive.
 *
 * <p>Thread-safety: safe for any number of threads.
 */
public final class ProgramCache
{
    /** The outcome for one shape: a template, or why it runs on the interpreter. */
    public static final class Shape
    {
        private volatile Outcome outcome;
        private volatile long lastUse;

        /** @return the outcome, or {@code null} while compiling. */
        Outcome outcome()
        {
            return outcome;
        }
    }

    /**
     * A compiled template, or a fallback reason.
     *
     * @param template the template, or {@code null} on fallback.
     * @param category the short fallback reason, or {@code null}.
     * @param reason   the full fallback reason, or {@code null}.
     */
    public record Outcome(ProgramTemplate template, String category, String reason)
    {
    }

    private final int capacity;
    private final ConcurrentHashMap<String, Shape> shapes = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder compilations = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder compileNanos = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> fallbacks = new ConcurrentHashMap<>();

    /**
     * @param capacity the most shapes kept, at least 1.
     */
    public ProgramCache(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("cache capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * @param key      a shape key.
     * @param compiler compiles the shape; throws {@link CodegenException} to fall back. Called at most once per
     *                 cached key.
     * @return the shape's outcome.
     */
    public Outcome get(final String key, final Supplier<ProgramTemplate> compiler)
    {
        Shape shape = shapes.get(key);
        if (shape == null)
        {
            final Shape fresh = new Shape();
            shape = shapes.putIfAbsent(key, fresh);
            if (shape == null)
            {
                misses.increment();
                shape = fresh;
                final Outcome outcome = fill(fresh, compiler);
                evictIfFull(fresh);
                return outcome;
            }
        }
        hits.increment();
        shape.lastUse = clock.incrementAndGet();
        final Outcome done = shape.outcome;
        return done != null ? done : fill(shape, compiler);
    }

    private Outcome fill(final Shape shape, final Supplier<ProgramTemplate> compiler)
    {
        synchronized (shape)
        {
            Outcome outcome = shape.outcome;
            if (outcome == null)
            {
                final long start = System.nanoTime();
                try
                {
                    outcome = new Outcome(compiler.get(), null, null);
                    compilations.increment();
                }
                catch (final CodegenException e)
                {
                    outcome = new Outcome(null, e.category(), e.getMessage());
                    recordFallback(e.category());
                }
                compileNanos.add(System.nanoTime() - start);
                shape.lastUse = clock.incrementAndGet();
                shape.outcome = outcome;
            }
            return outcome;
        }
    }

    /**
     * Counts a fallback that did not go through the cache (e.g. forced interpretation).
     *
     * @param category the short reason.
     */
    public void recordFallback(final String category)
    {
        fallbacks.computeIfAbsent(category, c -> new LongAdder()).increment();
    }

    private void evictIfFull(final Shape keep)
    {
        while (shapes.size() > capacity)
        {
            String oldestKey = null;
            long oldest = Long.MAX_VALUE;
            for (final Map.Entry<String, Shape> e : shapes.entrySet())
            {
                final Shape s = e.getValue();
                if (s != keep && s.outcome != null && s.lastUse < oldest)
                {
                    oldest = s.lastUse;
                    oldestKey = e.getKey();
                }
            }
            if (oldestKey == null)
            {
                return;
            }
            if (shapes.remove(oldestKey) != null)
            {
                evictions.increment();
            }
        }
    }

    /** @return the number of cached shapes. */
    public int size()
    {
        return shapes.size();
    }

    /** @return a snapshot of the counters. */
    public JitStats stats()
    {
        final Map<String, Long> byReason = new HashMap<>();
        fallbacks.forEach((k, v) -> byReason.put(k, v.sum()));
        return new JitStats(hits.sum(), misses.sum(), compilations.sum(), byReason, evictions.sum(), shapes.size(),
            compileNanos.sum());
    }
}
