package importfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/reboundhq/rebound/internal/model"
)

// Chunk bounds: an import is stored and worked through one chunk of whole lines at a time, so
// a batch is at most ChunkLines lines (and its transaction stays short) and a chunk row at most
// about ChunkBytes.
const (
	ChunkLines = 1000
	ChunkBytes = 1 << 20
)

// Chunk is a run of whole lines of a file, with the number of its first line (1-based,
// counting blank lines, as an editor does).
type Chunk struct {
	FirstLine int
	Lines     int
	Data      []byte
}

// ErrLineTooLong means a line exceeds model.MaxImportLineBytes; the file is refused.
var ErrLineTooLong = errors.New("importfile: line too long")

// LineTooLongError names the line.
type LineTooLongError struct{ Line int }

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d is longer than %d bytes", e.Line, model.MaxImportLineBytes)
}

// Unwrap lets errors.Is(err, ErrLineTooLong) match.
func (e *LineTooLongError) Unwrap() error { return ErrLineTooLong }

// Reader cuts a file into chunks as it streams in, never holding more than a chunk, and checks
// on the way what needs no decoding: that no line is too long and how many lines look like JSON
// objects at all (a file where none does is not an import file).
type Reader struct {
	in      *bufio.Reader
	line    int // lines read so far
	Lines   int // non-blank lines
	Objects int // non-blank lines that are syntactically a JSON object
	done    bool
}

// NewReader reads r.
func NewReader(r io.Reader) *Reader {
	return &Reader{in: bufio.NewReaderSize(r, model.MaxImportLineBytes+2)}
}

// Next returns the next chunk, or io.EOF after the last. Read errors (a body over its limit, a
// client that went away) are returned as they are.
func (r *Reader) Next() (Chunk, error) {
	if r.done {
		return Chunk{}, io.EOF
	}
	c := Chunk{FirstLine: r.line + 1}
	var buf bytes.Buffer
	for c.Lines < ChunkLines && buf.Len() < ChunkBytes {
		raw, err := r.in.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			return Chunk{}, &LineTooLongError{Line: r.line + 1}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return Chunk{}, err
		}
		if len(raw) > 0 {
			r.line++
			c.Lines++
			content := bytes.TrimRight(raw, "\r\n")
			if len(content) > model.MaxImportLineBytes {
				return Chunk{}, &LineTooLongError{Line: r.line}
			}
			if trimmed := bytes.TrimSpace(content); len(trimmed) > 0 {
				r.Lines++
				if trimmed[0] == '{' && json.Valid(trimmed) {
					r.Objects++
				}
			}
			buf.Write(raw)
			if raw[len(raw)-1] != '\n' {
				buf.WriteByte('\n') // the last line had no line end
			}
		}
		if errors.Is(err, io.EOF) {
			r.done = true
			break
		}
	}
	if c.Lines == 0 {
		return Chunk{}, io.EOF
	}
	c.Data = buf.Bytes()
	return c, nil
}

// Parse decodes a chunk's lines, blank ones left out.
func (c Chunk) Parse() []Line {
	var out []Line
	n := c.FirstLine
	for data := c.Data; len(data) > 0; n++ {
		raw, rest, _ := bytes.Cut(data, []byte{'\n'})
		data = rest
		raw = bytes.TrimRight(raw, "\r")
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		out = append(out, ParseLine(n, raw))
	}
	return out
}
