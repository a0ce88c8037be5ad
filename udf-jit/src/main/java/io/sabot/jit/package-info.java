/**
 * Compiled expressions over Arrow batches. {@link io.sabot.jit.ExpressionCompiler} binds an expression
 * ({@link io.sabot.jit.expr.Expr}, from the fluent API or text) to a schema and returns a
 * {@link io.sabot.jit.CompiledFilter} (batch to selection), {@link io.sabot.jit.CompiledProjection} (batch to new
 * vectors) or {@link io.sabot.jit.CompiledFilterProjection} (both, reading each row once). Behind them is one
 * generated hidden class per expression shape, cached and shared by every expression that differs only in literal
 * values, or the interpreter when code generation is impossible; results are identical either way.
 *
 * <p>Compiled objects are immutable and may be used from many threads; results belong to the caller and inputs are
 * never closed.
 */
package io.sabot.jit;
