package io.sabot.sched;

import java.util.function.BooleanSupplier;

/**
 * How to run one {@link TaskGroup}: its name, the bound on morsels in flight and an optional sink gate.
 *
 * <p><b>Backpressure.</b> {@code maxInFlight} bounds the morsels submitted but not yet finished (queued, running or
 * re-queued after "not now"); {@link TaskGroup#submit} blocks and {@link TaskGroup#trySubmit} returns false while
 * the bound is reached. {@code sinkReady} is polled by a worker before it starts each morsel of the group; while it
 * returns false the group's morsels are not started (they stay queued, other groups run, and the worker idles if
 * nothing else is runnable). Morsels spawned from inside a morsel ({@link MorselContext#spawn}) do not take a slot,
 * since a worker must never block.
 *
 * <p>Thread-safety: immutable; {@code sinkReady} is called from worker threads concurrently.
 *
 * @param name        group name for errors and logs; non-null.
 * @param maxInFlight morsels in flight, in [1, 2^20].
 * @param sinkReady   gate polled before each morsel, or null for "always ready".
 */
public record GroupSpec(String name, int maxInFlight, BooleanSupplier sinkReady)
{
    /** The default in-flight bound. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1024;

    /**
     * Validates.
     */
    public GroupSpec
    {
        if (name == null)
        {
            throw new NullPointerException("name");
        }
        if (maxInFlight < 1 || maxInFlight > (1 << 20))
        {
            throw new IllegalArgumentException("maxInFlight must be in [1, 2^20]: " + maxInFlight);
        }
    }

    /**
     * @param name group name.
     * @return a spec with the default bound and no sink gate.
     */
    public static GroupSpec named(final String name)
    {
        return new GroupSpec(name, DEFAULT_MAX_IN_FLIGHT, null);
    }

    /**
     * @param maxInFlight new bound.
     * @return a copy with that bound.
     */
    public GroupSpec withMaxInFlight(final int maxInFlight)
    {
        return new GroupSpec(name, maxInFlight, sinkReady);
    }

    /**
     * @param sinkReady new gate, or null.
     * @return a copy with that gate.
     */
    public GroupSpec withSinkReady(final BooleanSupplier sinkReady)
    {
        return new GroupSpec(name, maxInFlight, sinkReady);
    }
}
