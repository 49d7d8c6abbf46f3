//go:build !linux

package impl

// veralloc maps its memory with mmap and gives it back with madvise, which
// it calls directly as Linux system calls. On any other system the build
// stops here, with the message below in the compiler's error.

var _ int = "veralloc needs Linux (mmap, madvise)"
