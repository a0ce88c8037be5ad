package io.sabot.runtime.operator;

/**
 * The input has ended: a bounded source is exhausted (or an unbounded one was stopped). Only sources decide this.
 */
public enum EndOfInput implements StreamElement
{
    /** The single instance. */
    INSTANCE
}
