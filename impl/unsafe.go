package impl

import "unsafe"

// Word-level access to memory outside the Go heap (mmapped superslabs and
// large mappings), and the slice headers that hand it to the user. Nothing
// here depends on the operating system; mem_linux.go gets the memory.

// ptr converts an address of mmapped memory to an unsafe.Pointer. It
// reinterprets the bits of p rather than converting (go vet flags
// unsafe.Pointer(uintptr) conversions because they are wrong for Go heap
// memory; for memory the GC does not manage they are what we mean).
func ptr(p uintptr) unsafe.Pointer { return *(*unsafe.Pointer)(unsafe.Pointer(&p)) }

// word reads the machine word at address p (a block's first or second word).
func word(p uintptr) uintptr { return *(*uintptr)(ptr(p)) }

// setWord writes the machine word at address p.
func setWord(p, v uintptr) { *(*uintptr)(ptr(p)) = v }

// sliceHeader is the layout of a []byte (mkslicecap builds one).
type sliceHeader struct {
	data uintptr
	len  int
	cap  int
}

// mkslice returns the []byte of n bytes at p, 0 <= n <= maxLarge: slicing an
// array pointer costs one compare and keeps the header in registers (a
// header written through &b went through the stack: three stores and a
// reload on Alloc's fast path); unsafe.Slice checks more.
func mkslice(p uintptr, n int) []byte {
	return (*[maxLarge]byte)(ptr(p))[:n:n]
}

// addrOf returns the address of the first byte of b's backing array, also
// for len(b) == 0 (the gc compiler's unsafe.SliceData is the slice's data
// word whatever its cap; the Alloc(0) case of TestMisuseDefault checks it).
// Reading the header through &b put b on Free's stack: three stores and a
// reload a call.
func addrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
