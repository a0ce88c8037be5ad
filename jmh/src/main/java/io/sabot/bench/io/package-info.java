/**
 * File read benchmarks: the io_uring block reader ({@code native-bindings}, {@code io.sabot.ffi.uring}) against
 * FileChannel into direct memory, page-cache hot and O_DIRECT, with CPU time per byte beside the wall time.
 */
package io.sabot.bench.io;
