/**
 * Code generation: a program shape becomes one hidden class (ClassFile API) extending
 * {@link io.sabot.jit.codegen.GeneratedProgram}, whose block methods evaluate 64 rows at a time in straight bytecode
 * (primitive locals and null flags, word-wise validity), call Vector API block methods where the trees allow, and
 * are split so that no method reaches HotSpot's 8000-byte limit.
 *
 * <pre>
 *   Bound trees --LiteralSlots/UdfSlots--&gt; ShapeKey --ProgramCache--&gt; ProgramTemplate (hidden class)
 *                                                          | miss: ProgramCompiler -&gt; ProgramGenerator
 *                                                          | failure: CodegenException -&gt; Interpreter
 *   ProgramTemplate.instantiate(literal values) -&gt; Program
 * </pre>
 *
 * {@link io.sabot.jit.codegen.JitEngine} ties these together for the public facade.
 */
package io.sabot.jit.codegen;
