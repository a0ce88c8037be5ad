/**
 * What every Sabot module shares: the unchecked {@link io.sabot.common.SabotException} hierarchy. It holds no
 * behaviour, so every module, however low, can raise typed errors without depending on a higher one.
 */
package io.sabot.common;
