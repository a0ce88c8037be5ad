package io.sabot.runtime.state;

/**
 * Which keys a restoring state backend keeps: those the hash exchange now routes to its operator instance (see
 * {@link io.sabot.runtime.checkpoint.KeyOwnership}). Implemented by the keyed operator, which knows the key types.
 */
public interface KeyFilter
{
    /** Keeps every key (the parallelism did not change and each instance reads its own snapshot). */
    KeyFilter ALL = new KeyFilter()
    {
        @Override
        public boolean ownsLong(final long key)
        {
            return true;
        }

        @Override
        public boolean owns(final Object key)
        {
            return true;
        }
    };

    /** @param key a single integer key. @return whether this instance owns it. */
    boolean ownsLong(long key);

    /** @param key a composite key as passed to {@link KeyedStateBackend#setCurrentKey(Object)}. @return ownership. */
    boolean owns(Object key);
}
