/**
 * The execution contract shared by generated programs and the interpreter: a {@link io.sabot.jit.exec.Frame} of
 * memory segments over Arrow buffers, the {@link io.sabot.jit.exec.Program} that reads and writes it, and
 * {@link io.sabot.jit.exec.Frames}, which binds a batch's vectors and freshly allocated output vectors to a frame.
 *
 * <p>A frame only borrows buffers: the batch and the output vectors own them, and a frame is valid only while they
 * are open and, for outputs, until a buffer is reallocated (the {@link io.sabot.jit.exec.VarCharWriter} keeps its
 * frame up to date when it grows a data buffer).
 *
 * <p>Decimals: a DecimalVector input is read through the low 8 bytes of each 16-byte slot (precision at most 18); a
 * decimal projection writes 8-byte unscaled values that {@link io.sabot.jit.exec.Frames#finishOutputs} widens in
 * place to 16 bytes. Exact decimal arithmetic ({@link io.sabot.jit.exec.ExactMath}) never throws inside a run: it
 * records the overflowing site in {@link io.sabot.jit.exec.Frame#overflow}, vector code whose cheap range check
 * fails sets {@link io.sabot.jit.exec.Frame#recheck}, and the caller raises the
 * {@code io.sabot.common.DataException} or re-runs the batch exactly after the run.
 */
package io.sabot.jit.exec;
