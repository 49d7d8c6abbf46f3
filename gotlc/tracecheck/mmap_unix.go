//go:build unix

package tracecheck

import (
	"os"
	"syscall"
)

// mapFile maps the regular file f into memory, read-only; ok false when it
// cannot (not a regular file, empty, or the mapping fails: the caller reads
// the file instead). unmap ends the mapping; nothing may use data after it.
func mapFile(f *os.File) (data []byte, unmap func(), ok bool) {
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() || st.Size() == 0 || int64(int(st.Size())) != st.Size() {
		return nil, nil, false
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { syscall.Munmap(data) }, true
}
