package webhook

import (
	"io"
	"unicode/utf8"
)

// ReadResponseSnippet reads at most MaxResponseBody bytes of a receiver's answer and returns at
// most its first KiB as valid UTF-8, for the delivery log. Reading (rather than discarding) up
// to the cap lets small answers finish so the connection can be reused, while the cap keeps a
// hostile receiver from streaming forever. Invalid bytes become U+FFFD, a rune cut by the 1 KiB
// limit is dropped, and the result never exceeds 1 KiB. On a read error the text read so far is
// returned together with the error.
func ReadResponseSnippet(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxResponseBody))
	if len(b) > maxSnippet {
		b = b[:maxSnippet]
		// Drop a rune the cut split in two, rather than turning it into U+FFFD.
		for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
			if utf8.RuneStart(b[i]) {
				if !utf8.FullRune(b[i:]) {
					b = b[:i]
				}
				break
			}
		}
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if len(out)+utf8.RuneLen(r) > maxSnippet { // replacements are wider than the bytes they replace
			break
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out), err
}
