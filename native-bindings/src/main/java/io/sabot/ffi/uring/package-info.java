/**
 * io_uring through the raw syscalls ({@link io.sabot.ffi.uring.IoUring}: mmapped rings, no liburing) and block file
 * readers on top of it ({@link io.sabot.ffi.uring.FileBlockReader}, chosen by
 * {@link io.sabot.ffi.uring.FileReaders}) that fall back to FileChannel when io_uring is unavailable
 * ({@code -Dsabot.native.disable=io_uring}, {@code kernel.io_uring_disabled}, or a failing setup).
 *
 * <p>Regenerating the libc handles with jextract (not installable here) would be
 * {@code jextract --target-package io.sabot.ffi.uring --include-function syscall --include-function mmap
 * --include-function munmap --include-function open --include-function close /usr/include/unistd.h
 * /usr/include/sys/mman.h /usr/include/fcntl.h}; the io_uring structs come from {@code /usr/include/linux/io_uring.h}.
 */
package io.sabot.ffi.uring;
