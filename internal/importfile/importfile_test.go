package importfile

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/reboundhq/rebound/internal/model"
)

func TestParseLineKindsAndErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		line, pointer string
		kind          Kind
		rejections    int
	}{
		{`{"candidate": {"external_id": "u", "timezone": "UTC"}, "rejections": [{"company": "C", "role_title": "R", "stage": "interview", "received_at": "2025-01-01", "external_ref": "a"}]}`, "", CandidateLine, 1},
		{`{"candidate": {"external_id": "u"}}`, "", CandidateLine, 0},
		{`{"candidate_external_id": "u", "company": "C", "role_title": "R", "stage": "interview", "received_at": "2025-01-01T10:00:00+02:00", "external_ref": "a"}`, "", RejectionLine, 1},
		{`{"candidate_external_id": "u", "company": "C", "received_at": "yesterday", "external_ref": "a"}`, "/received_at", RejectionLine, 0},
		{`{"candidate_external_id": "u", "company": "C", "external_ref": "a"}`, "/received_at", RejectionLine, 0},
		{`{"candidate_external_id": "u", "company": "C", "received_at": "2025-01-01"}`, "/external_ref", RejectionLine, 0},
		{`{"company": "C", "received_at": "2025-01-01", "external_ref": "a"}`, "/candidate_external_id", RejectionLine, 0},
		{`{"candidate_external_id": "u", "colour": "blue"}`, "/colour", RejectionLine, 0},
		{`{"candidate_external_id": "u", "emotional_impact": "high"}`, "/emotional_impact", RejectionLine, 0},
		{`{"candidate": {"external_id": "u"}, "rejections": [{"candidate_external_id": "v"}]}`, "/rejections/0/candidate_external_id", CandidateLine, 0},
		{`{"candidate": {"external_id": "u", "nickname": "x"}}`, "/candidate/nickname", CandidateLine, 0},
		{`{"rejections": []}`, "/candidate", CandidateLine, 0},
		{`{"candidate": "u"}`, "/candidate", CandidateLine, 0},
		{`[1, 2]`, "", RejectionLine, 0},
		{`{"candidate_external_id": "u"} {}`, "", RejectionLine, 0},
		{"{\"candidate_external_id\": \"\xff\"}", "", RejectionLine, 0},
	}
	for _, c := range cases {
		l := ParseLine(7, []byte(c.line))
		if len(l.Rejections) != c.rejections || (!l.Failed() || l.Errors[0].Pointer != "") && l.Kind != c.kind {
			t.Errorf("%s: kind %v with %d rejections, want %v with %d (%v)", c.line, l.Kind, len(l.Rejections), c.kind, c.rejections, l.Errors)
		}
		switch {
		case c.pointer == "" && c.rejections+btoi(c.kind == CandidateLine) > 0 && l.Failed():
			t.Errorf("%s: unexpected errors %v", c.line, l.Errors)
		case c.pointer != "" && (!l.Failed() || l.Errors[0].Pointer != c.pointer || l.Errors[0].Line != 7):
			t.Errorf("%s: errors %v, want the first at %s on line 7", c.line, l.Errors, c.pointer)
		}
	}
	l := ParseLine(1, []byte(`{"candidate": {"external_id": "u", "display_name": "Dana", "metadata": {"k": "v"}}}`))
	if !l.Candidate.Given.DisplayName || !l.Candidate.Given.Metadata || l.Candidate.Given.Email || l.Candidate.Given.Timezone {
		t.Errorf("given fields: %+v", l.Candidate.Given)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestReaderCutsWholeLines: chunks hold whole lines, at most ChunkLines each, numbered as an
// editor numbers them (blank lines count); CRLF and a missing final line end are fine; a line
// over the limit stops the file with its number.
func TestReaderCutsWholeLines(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; i < ChunkLines+5; i++ {
		if i == 3 {
			b.WriteString("\r\n")
			continue
		}
		b.WriteString(`{"candidate_external_id": "u"}` + "\r\n")
	}
	b.WriteString("not json") // no line end
	r := NewReader(strings.NewReader(b.String()))
	var chunks []Chunk
	for {
		c, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		chunks = append(chunks, c)
	}
	if len(chunks) != 2 || chunks[0].Lines != ChunkLines || chunks[1].FirstLine != ChunkLines+1 || chunks[1].Lines != 6 {
		t.Fatalf("chunks: %d, first %d lines, second from line %d with %d", len(chunks), chunks[0].Lines, chunks[1].FirstLine, chunks[1].Lines)
	}
	if r.Lines != ChunkLines+5 || r.Objects != ChunkLines+4 {
		t.Fatalf("%d non-blank lines, %d objects", r.Lines, r.Objects)
	}
	last := chunks[1].Parse()
	if n := last[len(last)-1].Number; n != ChunkLines+6 || !last[len(last)-1].Failed() {
		t.Fatalf("the last line is line %d (failed %v), want %d, failed", n, last[len(last)-1].Failed(), ChunkLines+6)
	}
	if lines := chunks[0].Parse(); len(lines) != ChunkLines-1 || lines[3].Number != 5 {
		t.Fatalf("the first chunk parses to %d lines, the fourth numbered %d", len(lines), lines[3].Number)
	}
	long := `{"x": 1}` + "\n" + strings.Repeat("y", model.MaxImportLineBytes+1) + "\n"
	_, err := NewReader(strings.NewReader(long)).Next()
	var tooLong *LineTooLongError
	if !errors.As(err, &tooLong) || tooLong.Line != 2 {
		t.Fatalf("an over-long second line: %v", err)
	}
}
