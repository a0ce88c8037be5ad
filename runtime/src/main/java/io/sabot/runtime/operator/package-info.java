/**
 * The operator model: {@link io.sabot.runtime.operator.Operator} (batch in, batches out, watermarks, barriers, end of
 * input), the {@link io.sabot.runtime.operator.StreamElement}s that flow between operators, and the operators
 * themselves. The same operators run over bounded and unbounded input; only sources know whether they end.
 */
package io.sabot.runtime.operator;
