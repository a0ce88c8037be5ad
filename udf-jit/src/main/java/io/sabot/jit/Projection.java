package io.sabot.jit;

import io.sabot.jit.expr.Expr;

import java.util.Objects;

/**
 * One output column of a projection: its name and the expression computing it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the output vector's name.
 * @param expr the expression.
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
