/**
 * 64-bit decimals: {@link io.sabot.kernels.decimal.Decimal64Type} (Arrow extension type {@code sabot.decimal64},
 * int64 unscaled values of precision 1..18), its vector {@link io.sabot.kernels.decimal.Decimal64Vector}, and
 * {@link io.sabot.kernels.decimal.Decimals}, the vectorized narrowing from and widening to Arrow Decimal128.
 * Why: a decimal(15, 2) column read as Decimal128 moves 16 bytes per value; queries bound by memory bandwidth (TPC-H
 * Q6) read half as much from decimal64, DuckDB's own layout for DECIMAL(p &lt;= 18).
 */
package io.sabot.kernels.decimal;
