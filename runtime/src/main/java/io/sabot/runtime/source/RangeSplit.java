package io.sabot.runtime.source;

/**
 * A split naming a half-open range {@code [from, to)} of a source's units (morsels, rows, files). Immutable.
 *
 * @param what what the units are, for {@link #describe()}.
 * @param from first unit.
 * @param to   one past the last unit.
 */
record RangeSplit(String what, long from, long to) implements SourceSplit
{
    @Override
    public String describe()
    {
        return what + "[" + from + ".." + to + ")";
    }
}
