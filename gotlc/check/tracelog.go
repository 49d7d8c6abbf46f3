package check

import (
	"encoding/binary"
	"fmt"
	"os"
)

// traceLog records, for every distinct state in the order it was found
// (its index), its fingerprint and the index of the state it was first
// reached from (noParent for an initial state). This is all the search
// keeps to rebuild an error trace: it follows the parents back to an
// initial state and then replays the spec forward, matching fingerprints,
// as TLC does with its trace file. Records are 16 bytes; they are buffered
// in memory and appended to a temporary file once the buffer holds
// traceBufRecords of them, so the log costs no memory per state beyond the
// buffer. If no temporary file can be created, the log stays in memory.
type traceLog struct {
	dir     string
	buf     []byte // records not yet written
	f       *os.File
	flushed int64 // records in the file
	noFile  bool
}

const (
	traceRec = 16
	noParent = -1
)

// traceBufRecords is the number of records buffered before they go to the
// file (a variable so that tests can make it small).
var traceBufRecords = 1 << 16

func (l *traceLog) Len() int64 { return l.flushed + int64(len(l.buf)/traceRec) }

// Append records the next state; it returns the state's index.
func (l *traceLog) Append(fp uint64, parent int64) (int64, error) {
	idx := l.Len()
	l.buf = binary.LittleEndian.AppendUint64(l.buf, fp)
	l.buf = binary.LittleEndian.AppendUint64(l.buf, uint64(parent))
	if len(l.buf) >= traceBufRecords*traceRec && !l.noFile {
		if l.f == nil {
			if l.dir != "" {
				os.MkdirAll(l.dir, 0o755)
			}
			f, err := os.CreateTemp(l.dir, "gotlc-trace-*")
			if err != nil {
				l.noFile = true // keep everything in memory
				return idx, nil
			}
			l.f = f
		}
		if _, err := l.f.WriteAt(l.buf, l.flushed*traceRec); err != nil {
			return idx, fmt.Errorf("writing the trace file: %w", err)
		}
		l.flushed += int64(len(l.buf) / traceRec)
		l.buf = l.buf[:0]
	}
	return idx, nil
}

// Get returns the fingerprint and parent index of state idx.
func (l *traceLog) Get(idx int64) (fp uint64, parent int64, err error) {
	var rec []byte
	if idx >= l.flushed {
		off := (idx - l.flushed) * traceRec
		if idx < 0 || off+traceRec > int64(len(l.buf)) {
			return 0, 0, fmt.Errorf("trace: no state %d", idx)
		}
		rec = l.buf[off : off+traceRec]
	} else {
		var b [traceRec]byte
		if _, err := l.f.ReadAt(b[:], idx*traceRec); err != nil {
			return 0, 0, fmt.Errorf("reading the trace file: %w", err)
		}
		rec = b[:]
	}
	return binary.LittleEndian.Uint64(rec), int64(binary.LittleEndian.Uint64(rec[8:])), nil
}

// Close removes the trace file.
func (l *traceLog) Close() {
	if l.f != nil {
		name := l.f.Name()
		l.f.Close()
		os.Remove(name)
		l.f = nil
	}
}
