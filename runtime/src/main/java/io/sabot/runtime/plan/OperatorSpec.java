package io.sabot.runtime.plan;

import java.util.function.Supplier;

import io.sabot.runtime.operator.Operator;

/**
 * One operator of a stage's fused chain: how to create an instance, and how to describe it.
 *
 * @param description the operator and its arguments, for {@code explain()}.
 * @param inputs      the number of inputs (only the first operator of a chain may have more than one).
 * @param factory     creates a fresh, unopened instance per parallel instance.
 */
public record OperatorSpec(String description, int inputs, Supplier<Operator> factory)
{
}
