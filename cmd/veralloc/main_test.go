package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestHelpListsRegisteredCommands(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"--help"}, &out, &errb); code != 0 {
		t.Fatalf("--help exit %d, stderr %q", code, errb.String())
	}
	if len(commands) == 0 {
		t.Fatal("no subcommand registered")
	}
	for name, c := range commands {
		if !strings.Contains(out.String(), name) || !strings.Contains(out.String(), c.summary) {
			t.Errorf("--help does not list %s: %s", name, out.String())
		}
	}
}

func TestUnknownCommandIsAUsageError(t *testing.T) {
	var out, errb bytes.Buffer
	if code := dispatch([]string{"frobnicate"}, &out, &errb); code != 2 {
		t.Errorf("unknown command exit %d, want 2", code)
	}
	if !strings.Contains(errb.String(), `unknown command "frobnicate"`) {
		t.Errorf("stderr %q does not name the unknown command", errb.String())
	}
	if code := dispatch(nil, &out, &errb); code != 2 {
		t.Errorf("no command: exit %d, want 2", code)
	}
}
