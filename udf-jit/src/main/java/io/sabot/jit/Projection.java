package io.sabot.jit;

import io.sabot.jit.expr.Expr;

import java.util.Objects;

/**
 * One output column of a projection: its name and the expression computing it.
 *
 * @param name the output vector's name.
 * @param expr the expression.
 *
 * <p>Thread-safety: immutable.
 */
public record Projection(String name, Expr expr)
{
    /**
     * @param name the output vector's name.
     * @param expr the expression.
     */
    public Projection
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expr, "expr");
    }
}
