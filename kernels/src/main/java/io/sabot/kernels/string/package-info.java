/**
 * String kernels over Arrow utf8 vectors: {@link io.sabot.kernels.string.Strings} (code-point and byte length,
 * equality, prefix, suffix and substring predicates, ASCII case mapping). Values are read as UTF-8 bytes straight
 * from the Arrow buffers, eight bytes at a time (SWAR), never decoded into Java Strings.
 */
package io.sabot.kernels.string;
