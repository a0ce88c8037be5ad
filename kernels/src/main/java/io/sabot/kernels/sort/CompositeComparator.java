package io.sabot.kernels.sort;

/**
 * Compares rows key by key, the first non-zero key deciding. Immutable; thread-safety as its keys.
 */
final class CompositeComparator implements RowComparator
{
    private final RowComparator[] keys;

    CompositeComparator(final RowComparator[] keys)
    {
        this.keys = keys;
    }

    @Override
    public int compare(final int a, final int b)
    {
        for (final RowComparator key : keys)
        {
            final int c = key.compare(a, b);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }
}
