package io.sabot.kernels.sort;

/**
 * Where one sort key puts its nulls and, for floating-point keys, its NaNs (Arrow C++ {@code NullPlacement}): NaNs
 * always sit between the ordinary values and the nulls, whatever the {@link SortOrder}. Immutable enum, thread-safe.
 *
 * <pre>
 *   AT_END   : values (in key order) | NaN | null
 *   AT_START : null | NaN | values (in key order)
 * </pre>
 */
public enum NullPlacement
{
    /** Nulls (and NaNs) before every value. */
    AT_START,
    /** Nulls (and NaNs) after every value; Arrow's default. */
    AT_END
}
