package io.sabot.runtime.process;

/** Which clock a timer follows: the watermark (event time) or the wall clock (processing time). */
public enum TimeDomain
{
    /** Fires when the watermark reaches the timer's time (and at the end of input). */
    EVENT_TIME,
    /** Fires when the processing-time clock reaches the timer's time (never at the end of input). */
    PROCESSING_TIME
}
