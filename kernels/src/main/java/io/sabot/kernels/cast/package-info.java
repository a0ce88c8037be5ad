/**
 * Casts between Arrow types: {@link io.sabot.kernels.cast.Cast} converts int8/16/32/64, float32/64, decimal128 and
 * utf8 columns to one another, checked by default (a value that does not fit raises
 * {@link io.sabot.common.DataException} naming column, row and value) with an explicit wrapping mode. Text is parsed
 * straight from the UTF-8 bytes of the Arrow buffers.
 */
package io.sabot.kernels.cast;
