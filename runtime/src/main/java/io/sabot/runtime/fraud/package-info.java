/**
 * The fraud-detection job: bank transactions, per account in event time, checked for velocity, amount anomalies and
 * impossible geography; alerts to a sink. Built on the Stream API ({@code withEventTime}, {@code keyBy().process})
 * with keyed state and event-time timers.
 */
package io.sabot.runtime.fraud;
