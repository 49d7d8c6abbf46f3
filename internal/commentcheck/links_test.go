package commentcheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// Markdown links: every relative link of a tracked document names a file
// of the repository, and an anchor into a Markdown file names one of its
// headings (GitHub's slug). Links to the web and source-line anchors
// (`#L12` after a source file) are not followed.

var (
	mdLink    = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	mdHeading = regexp.MustCompile(`^#{1,6}\s+(.*?)\s*#*\s*$`)
	slugDrop  = regexp.MustCompile(`[^\p{L}\p{N} _-]`)
)

// slug is GitHub's anchor for a heading: lower case, punctuation dropped
// (hyphens and underscores kept), spaces made hyphens.
func slug(h string) string {
	return strings.ReplaceAll(slugDrop.ReplaceAllString(strings.ToLower(h), ""), " ", "-")
}

// mdDoc is what links need of one Markdown file: its links (outside code
// blocks) with their line numbers, and its headings' anchors.
type mdDoc struct {
	links   []mdRef
	anchors map[string]bool
}

type mdRef struct {
	line   int
	target string
}

func readMD(text string) mdDoc {
	d := mdDoc{anchors: map[string]bool{}}
	seen := map[string]int{}
	fence := false
	for i, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fence = !fence
			continue
		}
		if fence {
			continue
		}
		if m := mdHeading.FindStringSubmatch(line); m != nil {
			s := slug(m[1])
			if n := seen[s]; n > 0 {
				d.anchors[s+"-"+strconv.Itoa(n)] = true
			} else {
				d.anchors[s] = true
			}
			seen[s]++
		}
		// Code spans may hold text that looks like a link.
		for _, m := range mdLink.FindAllStringSubmatch(stripCode(line), -1) {
			d.links = append(d.links, mdRef{line: i + 1, target: m[1]})
		}
	}
	return d
}

// stripCode removes the `code spans` of a line.
func stripCode(line string) string {
	parts := strings.Split(line, "`")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(p)
		}
	}
	return b.String()
}

// brokenLinks returns "file:line: target: why" for each relative link of
// the Markdown files under root that does not resolve.
func brokenLinks(root string) ([]string, error) {
	docs := map[string]mdDoc{}
	err := walkFiles(root, func(p, rel string) error {
		if strings.HasSuffix(rel, ".md") {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			docs[rel] = readMD(string(b))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var bad []string
	for rel, d := range docs {
		for _, l := range d.links {
			t := l.target
			if strings.Contains(t, "://") || strings.HasPrefix(t, "mailto:") {
				continue
			}
			file, anchor, _ := strings.Cut(t, "#")
			target := rel
			if file != "" {
				target = filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(rel), file)))
			}
			where := rel + ":" + strconv.Itoa(l.line) + ": " + t + ": "
			if target == ".." || strings.HasPrefix(target, "../") || filepath.IsAbs(file) {
				bad = append(bad, where+"outside the repository (a clone does not have it)")
				continue
			}
			if _, err := os.Stat(filepath.Join(root, target)); err != nil {
				bad = append(bad, where+"no such file")
				continue
			}
			if td, ok := docs[target]; ok && anchor != "" && !td.anchors[anchor] {
				bad = append(bad, where+"no heading with anchor #"+anchor+" in "+target)
			}
		}
	}
	return bad, nil
}

// TestMarkdownLinksResolve: every relative link in the repository's
// Markdown files resolves (file, and heading anchor for Markdown targets).
func TestMarkdownLinksResolve(t *testing.T) {
	bad, err := brokenLinks(moduleRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bad {
		t.Error(b)
	}
}

// TestBrokenLinksFound: the link check reports a missing file, a missing
// heading, a link out of the tree, and accepts good links, links in code
// and web links.
func TestBrokenLinksFound(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("sub/b.md", "# Title\n\n## The `x` section (2)\n\n## Title\n")
	write("a.md", strings.Join([]string{
		"[ok](sub/b.md) [ok](sub/b.md#the-x-section-2) [ok](sub/b.md#title-1) [ok](#here)",
		"# Here",
		"[gone](sub/c.md) [noanchor](sub/b.md#nope) [out](../x.md)",
		"`[code](nowhere.md)` [web](https://example.com/x.md)",
		"```",
		"[fenced](nowhere.md)",
		"```",
	}, "\n"))
	bad, err := brokenLinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.md:3: sub/c.md: no such file",
		"a.md:3: sub/b.md#nope: no heading with anchor #nope in sub/b.md",
		"a.md:3: ../x.md: outside the repository (a clone does not have it)",
	}
	if strings.Join(bad, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(bad, "\n"), strings.Join(want, "\n"))
	}
}
