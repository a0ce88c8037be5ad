/**
 * Java lambda UDFs: {@link io.sabot.jit.udf.Udf} wraps a serializable lambda with its parameter and return types;
 * {@link io.sabot.jit.udf.UdfAnalysis} records how it runs (lifted into the IR, rehosted bytecode, or called as an
 * object) and carries the code generation contract. A UDF is strict: a null argument gives null without a call.
 */
package io.sabot.jit.udf;
