package io.sabot.runtime.plan;

import java.util.List;

import io.sabot.runtime.sink.Sink;

import java.util.function.Supplier;

import io.sabot.runtime.operator.Operator;

/**
 * One operator of a stage's fused chain: how to create an instance, and how to describe it.
 *
 * @param description the operator and its arguments, for {@code explain()}.
 * @param inputs      the number of inputs (only the first operator of a chain may have more than one).
 * @param factory     creates a fresh, unopened instance per parallel instance.
 * @param sideOutputs sinks the operator writes to besides its output (e.g. late rows); the job commits or aborts
 *                    them with its other sinks.
 */
public record OperatorSpec(String description, int inputs, Supplier<Operator> factory, List<Sink> sideOutputs)
{
    /** An operator without side outputs. */
    public OperatorSpec(final String description, final int inputs, final Supplier<Operator> factory)
    {
        this(description, inputs, factory, List.of());
    }
}
