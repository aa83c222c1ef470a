package webhook

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// endless yields 'a' forever and counts what was read from it.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestReadResponseSnippetCapsReading(t *testing.T) {
	src := &endless{}
	s, err := ReadResponseSnippet(src)
	if err != nil {
		t.Fatal(err)
	}
	if src.n != MaxResponseBody {
		t.Fatalf("read %d bytes from an endless body, want exactly %d", src.n, MaxResponseBody)
	}
	if s != strings.Repeat("a", 1024) {
		t.Fatalf("snippet is %d bytes, want 1024 'a'", len(s))
	}
	if MaxResponseBody != 64<<10 {
		t.Fatalf("MaxResponseBody = %d", MaxResponseBody)
	}
}

func TestReadResponseSnippetText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{`{"ok":true}`, `{"ok":true}`},
		{"héllo wörld ✓", "héllo wörld ✓"},
		{"ok\xffok", "ok\uFFFDok"},
		{"\xc3", "\uFFFD"},                                                         // truncated rune inside the body
		{strings.Repeat("a", 1023) + "é", strings.Repeat("a", 1023)},               // rune cut by the limit is dropped
		{strings.Repeat("a", 1022) + "é" + "zzz", strings.Repeat("a", 1022) + "é"}, // fits exactly
		{strings.Repeat("a", 1021) + "✓✓", strings.Repeat("a", 1021) + "✓"},
		{strings.Repeat("a", 1021) + "😀", strings.Repeat("a", 1021)},  // 3 of 4 bytes fit: dropped, not U+FFFD
		{strings.Repeat("\xff", 2000), strings.Repeat("\uFFFD", 341)}, // replacements stay within 1 KiB
	}
	for _, c := range cases {
		got, err := ReadResponseSnippet(strings.NewReader(c.in))
		if err != nil || got != c.want {
			t.Errorf("ReadResponseSnippet(%.40q…) = %.40q… (%d bytes), %v; want %.40q… (%d bytes)", c.in, got, len(got), err, c.want, len(c.want))
		}
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 500 {
		b := make([]byte, rng.IntN(3000))
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		got, err := ReadResponseSnippet(strings.NewReader(string(b)))
		if err != nil || !utf8.ValidString(got) || len(got) > 1024 {
			t.Fatalf("random body of %d bytes: %d-byte snippet, valid=%v, err=%v", len(b), len(got), utf8.ValidString(got), err)
		}
	}
}

type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadResponseSnippetError(t *testing.T) {
	boom := errors.New("connection reset")
	got, err := ReadResponseSnippet(&failingReader{data: "partial", err: boom})
	if !errors.Is(err, boom) || got != "partial" {
		t.Fatalf("got %q, %v; want \"partial\" and the read error", got, err)
	}
	if _, err := ReadResponseSnippet(&failingReader{err: io.EOF}); err != nil {
		t.Fatalf("EOF reported as error: %v", err)
	}
}
