package impl

// Size classes. Requests of 1..128 bytes are rounded up to a multiple of
// 16 (8 classes: 16, 32, ..., 128); above that each power of two is split
// into 4 classes 25% apart (160, 192, 224, 256; 320, ..., 512; 640, ...,
// 1024; ... up to 8192): 32 classes in all, the spacing mimalloc's bins use
// above 64 bytes. Fewer classes than one per 16 bytes keep a mixed-size
// program's blocks on fewer slabs and cache lines (each class in use holds
// a slab and a carved batch of its own), at the price of up to 25%
// internal waste (bench/results/2026-12-04.md has the measurements). A
// class's block size is its stride: blocks carry no header. Classes whose
// block does not fit a slab (small SlabSize) are served as large
// allocations. Sizes such as 640 (the class of 513 bytes) do not divide
// the page-aligned slab base, which is what check B2 is about.

const (
	numClasses  = 32
	maxClassCap = 8192
)

// classSize[c] is the block size of class c.
var classSize [numClasses]int

// sizeToClass[(n+15)>>4] is the class of an n-byte request, 0 < n <= 8192.
// The table has 1024 entries so that masking the index with 1023 removes
// the bounds check.
var sizeToClass [1024]uint8

func init() {
	c := 0
	for s := 16; s <= 128; s += 16 {
		classSize[c] = s
		c++
	}
	for lo := 128; lo < maxClassCap; lo *= 2 {
		for s := lo + lo/4; s <= 2*lo; s += lo / 4 {
			classSize[c] = s
			c++
		}
	}
	if c != numClasses {
		panic("impl: size class table")
	}
	c = 0
	for i := 1; i <= maxClassCap>>4; i++ {
		for classSize[c] < i<<4 {
			c++
		}
		sizeToClass[i] = uint8(c)
	}
	sizeToClass[0] = 0
}

// ClassOf returns the size class that serves an n-byte request (n = 0 is
// served by class 0), or -1 when n is negative or larger than the largest
// class this allocator has (such requests get their own mapping).
func (a *Allocator) ClassOf(n int) int {
	if n < 0 || n > a.maxSmall {
		return -1
	}
	return int(sizeToClass[(uint(n)+15)>>4&1023])
}

// ClassSize returns the block size (stride) of class c, or 0 when c is not
// a class of this allocator.
func (a *Allocator) ClassSize(c int) int {
	if c < 0 || c >= a.nclasses {
		return 0
	}
	return classSize[c]
}

// NumClasses returns the number of size classes this allocator serves
// (classes 0..NumClasses()-1).
func (a *Allocator) NumClasses() int { return a.nclasses }
