/**
 * Type checking: {@link io.sabot.jit.bind.Binder} resolves an {@link io.sabot.jit.expr.Expr}'s columns against an
 * Arrow schema and produces the typed {@link io.sabot.jit.bind.Bound} tree, in which every implicit conversion is an
 * explicit cast, {@code case} is nested {@code if}s and lifted UDFs are already inlined. That tree is the one input of
 * the compiler and the interpreter. Type errors are {@link io.sabot.jit.bind.ExpressionTypeException}s naming the
 * offending sub-expression and column. DATE and DECIMAL are lowered to INT32 days and INT64 unscaled values
 * (see {@link io.sabot.jit.bind.Binder}); {@link io.sabot.jit.bind.Bound.Exact} is the overflow-checked decimal
 * arithmetic, reported through {@code Frame.overflow} after a run.
 */
package io.sabot.jit.bind;
