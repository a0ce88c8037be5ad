/**
 * User operators on keyed streams ({@code KeyedStream.process}): a {@link io.sabot.runtime.process.KeyedProcessFunction}
 * sees one row at a time with the row's key current, keeps {@link io.sabot.runtime.state keyed state}, registers
 * event-time and processing-time timers and emits rows. {@link io.sabot.runtime.process.KeyedProcessOperator} runs it
 * after a hash exchange on the keys.
 */
package io.sabot.runtime.process;
