/**
 * The untyped expression IR: {@link io.sabot.jit.expr.Expr} trees built with {@link io.sabot.jit.expr.Exprs} and the
 * fluent methods, or read from text with {@link io.sabot.jit.expr.ExprParser}; {@link io.sabot.jit.expr.ExprPrinter}
 * writes the canonical text form, which parses back into an equal tree. Value types are
 * {@link io.sabot.jit.expr.DataType}s; trees are immutable and compare by value.
 */
package io.sabot.jit.expr;
