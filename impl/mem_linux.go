//go:build linux

package impl

import (
	"syscall"
)

// Memory comes straight from the kernel with raw mmap/munmap/madvise system
// calls (the same calls syscall.Mmap makes; the raw form lets us unmap part
// of a mapping to align it, which syscall.Munmap refuses). None of it is Go
// heap memory: the garbage collector neither scans it nor moves it, so it
// must never hold the only reference to a Go object.

const pageSize = 4096

// sysMmap maps size bytes of zeroed, private, anonymous read-write memory.
func sysMmap(size uintptr) (uintptr, error) {
	p, _, e := syscall.Syscall6(syscall.SYS_MMAP, 0, size,
		syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS, ^uintptr(0), 0)
	if e != 0 {
		return 0, e
	}
	return p, nil
}

// sysMunmap unmaps [p, p+size).
func sysMunmap(p, size uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MUNMAP, p, size, 0); e != 0 {
		return e
	}
	return nil
}

// sysDecommit gives the pages of [p, p+size) back to the kernel; the range
// stays mapped and reads as zeros afterwards.
func sysDecommit(p, size uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MADVISE, p, size, syscall.MADV_DONTNEED); e != 0 {
		return e
	}
	return nil
}

// mmapAligned maps size bytes aligned to align (a power of two) by mapping
// size+align bytes and unmapping the ends.
func mmapAligned(size, align uintptr) (uintptr, error) {
	raw, err := sysMmap(size + align)
	if err != nil {
		return 0, err
	}
	p := (raw + align - 1) &^ (align - 1)
	if pre := p - raw; pre > 0 {
		_ = sysMunmap(raw, pre)
	}
	if post := raw + size + align - (p + size); post > 0 {
		_ = sysMunmap(p+size, post)
	}
	return p, nil
}
