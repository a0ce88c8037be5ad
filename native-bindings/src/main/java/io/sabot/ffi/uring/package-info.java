/**
 * io_uring through the raw syscalls ({@link io.sabot.ffi.uring.IoUring}: mmapped rings, no liburing) and block file
 * readers on top of it ({@link io.sabot.ffi.uring.FileBlockReader}, chosen by
 * {@link io.sabot.ffi.uring.FileReaders}) that fall back to FileChannel when io_uring is unavailable
 * ({@code -Dsabot.native.disable=io_uring}, {@code kernel.io_uring_disabled}, or a failing setup).
 *
 * <p>syscall, mmap and munmap come from {@link io.sabot.ffi.Libc}; only libc {@code open}/{@code close} are bound
 * here (package-private {@code UringSys}; jextract equivalent: {@code jextract --target-package io.sabot.ffi.uring
 * --include-function open --include-function close /usr/include/fcntl.h /usr/include/unistd.h}). The io_uring
 * struct layouts in {@link io.sabot.ffi.uring.IoUring} follow {@code /usr/include/linux/io_uring.h}
 * ({@code jextract --include-struct io_uring_params --include-struct io_uring_sqe --include-struct io_uring_cqe ...}
 * would emit the same offsets).
 *
 * <p>Thread-safety: rings and readers are single-threaded (one per thread); {@link io.sabot.ffi.uring.FileReaders}
 * is thread-safe.
 */
package io.sabot.ffi.uring;
