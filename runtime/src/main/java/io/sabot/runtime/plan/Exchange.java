package io.sabot.runtime.plan;

import java.util.List;

/**
 * How rows travel from the instances of one stage to the instances of the next.
 */
public sealed interface Exchange
{
    /** Rows go to instance {@code hash(keys) mod parallelism}: equal keys meet in one instance. */
    record Hash(List<String> keys) implements Exchange
    {
        @Override
        public String toString()
        {
            return "hash" + keys;
        }
    }

    /** Every row goes to instance 0 (the consumer runs with parallelism 1). */
    record Single() implements Exchange
    {
        @Override
        public String toString()
        {
            return "single";
        }
    }

    /** Producer instance {@code i} sends to consumer instance {@code i mod parallelism}: no repartitioning. */
    record Forward() implements Exchange
    {
        @Override
        public String toString()
        {
            return "forward";
        }
    }

    /** Every consumer instance receives every row (shared, not copied). */
    record Broadcast() implements Exchange
    {
        @Override
        public String toString()
        {
            return "broadcast";
        }
    }
}
