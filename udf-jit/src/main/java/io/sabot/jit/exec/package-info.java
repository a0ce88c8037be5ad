/**
 * The execution contract shared by generated programs and the interpreter: a {@link io.sabot.jit.exec.Frame} of
 * memory segments over Arrow buffers, the {@link io.sabot.jit.exec.Program} that reads and writes it, and
 * {@link io.sabot.jit.exec.Frames}, which binds a batch's vectors and freshly allocated output vectors to a frame.
 *
 * <p>A frame only borrows buffers: the batch and the output vectors own them, and a frame is valid only while they
 * are open and, for outputs, until a buffer is reallocated (the {@link io.sabot.jit.exec.VarCharWriter} keeps its
 * frame up to date when it grows a data buffer).
 */
package io.sabot.jit.exec;
