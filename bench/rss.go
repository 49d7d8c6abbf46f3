package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// procStatusKB returns the value in kB of field (e.g. "VmRSS", "VmHWM") in
// /proc/self/status, or -1 when it cannot be read (not Linux).
func procStatusKB(field string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	prefix := []byte(field + ":")
	for sc.Scan() {
		line := sc.Bytes()
		if !bytes.HasPrefix(line, prefix) {
			continue
		}
		f := bytes.Fields(line[len(prefix):])
		if len(f) == 0 {
			return -1
		}
		v, err := strconv.ParseInt(string(f[0]), 10, 64)
		if err != nil {
			return -1
		}
		return v
	}
	return -1
}

// resetPeakRSS resets VmHWM to the current RSS (Linux >= 4.0). It reports
// whether the reset worked; when it did not, VmHWM covers the whole process.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// rssReturned says whether after is within 10% of before.
func rssReturned(before, after int64) bool {
	return before > 0 && after >= 0 && after*10 <= before*11
}

func kbString(v int64) string {
	if v < 0 {
		return "unknown"
	}
	return fmt.Sprint(v)
}
