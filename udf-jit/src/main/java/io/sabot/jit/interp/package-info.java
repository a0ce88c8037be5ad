/**
 * The reference interpreter: {@link io.sabot.jit.interp.Interpreter} runs a bound expression tree row at a time and
 * defines the semantics generated code must reproduce bit for bit; it is also the fallback when code generation is
 * impossible.
 *
 * <p>A bound tree is compiled once into a tree of small typed node objects (closure compilation). Each node has one
 * non-boxing {@code eval(ctx, row)} method for its type and reports null through {@code ctx.nul}; UTF8 values are
 * (segment, start, length) views, never copies. Each node is evaluated at most once per row, so the cost is linear in
 * the size of the tree.
 */
package io.sabot.jit.interp;
