package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// ImportCounts says what an import did so far. Lines are the file's non-blank lines; a line
// holds one candidate and any number of rejections.
type ImportCounts struct {
	// Read is how many lines were read, Failed how many of them were not imported (see
	// line_errors); Created, Updated and Skipped count records (candidates and rejections).
	Read    int `json:"read" example:"1200"`
	Created int `json:"created" example:"1390"`
	Updated int `json:"updated" example:"3"`
	Skipped int `json:"skipped" example:"12"`
	Failed  int `json:"failed" example:"2"`
	// The same, per record type.
	CandidatesCreated int `json:"candidates_created" example:"200"`
	CandidatesUpdated int `json:"candidates_updated" example:"3"`
	CandidatesSkipped int `json:"candidates_skipped" example:"10"`
	RejectionsCreated int `json:"rejections_created" example:"1190"`
	RejectionsSkipped int `json:"rejections_skipped" example:"2"`
} //	@name	ImportCounts

// LineError is why one line of an import file was not imported.
type LineError struct {
	Line    int    `json:"line" example:"17"`
	Pointer string `json:"pointer,omitempty" example:"/rejections/0/stage"`
	Detail  string `json:"detail" example:"must be one of application, screening, phone_screen, assessment, interview, final_round, offer"`
} //	@name	ImportLineError

// Import is a history import as the API returns it.
type Import struct {
	Object   string `json:"object" example:"import"`
	ID       string `json:"id" example:"imp_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Status   string `json:"status" enums:"queued,running,completed,cancelled,failed" example:"running"`
	Filename string `json:"filename" example:"greenhouse-export-2024.ndjson"`
	Bytes    int64  `json:"bytes" example:"734003"`
	// Lines is the number of non-blank lines in the file.
	Lines int `json:"lines" example:"1200"`
	// Progress is the share of the file imported so far, from 0 to 1.
	Progress float64      `json:"progress" example:"0.5"`
	Counts   ImportCounts `json:"counts"`
	// LineErrors are the first 100 lines that could not be imported, in file order;
	// counts.failed has their total.
	LineErrors []LineError `json:"line_errors"`
	// CancelRequested is true once a running import was asked to stop; it stops after the
	// batch in progress.
	CancelRequested bool `json:"cancel_requested" example:"false"`
	// Failure explains a failed import.
	Failure    string     `json:"failure,omitempty" example:""`
	CreatedAt  time.Time  `json:"created_at" example:"2026-11-20T09:30:00Z"`
	StartedAt  *time.Time `json:"started_at" example:"2026-11-20T09:30:01Z" extensions:"x-nullable"`
	FinishedAt *time.Time `json:"finished_at" example:"2026-11-20T09:30:04Z" extensions:"x-nullable"`
} //	@name	Import

// FromImport renders an import.
func FromImport(i model.Import) Import {
	errs := make([]LineError, 0, len(i.LineErrors))
	for _, e := range i.LineErrors {
		errs = append(errs, LineError(e))
	}
	progress := 0.0
	switch {
	case i.Status == model.ImportCompleted:
		progress = 1
	case i.ChunksTotal > 0:
		progress = float64(i.ChunksDone) / float64(i.ChunksTotal)
	}
	return Import{
		Object: "import", ID: i.ID, Status: i.Status, Filename: i.Filename, Bytes: i.Bytes, Lines: i.LinesTotal,
		Progress: progress,
		Counts: ImportCounts{
			Read: i.LinesRead, Created: i.CandidatesCreated + i.RejectionsCreated, Updated: i.CandidatesUpdated,
			Skipped: i.CandidatesSkipped + i.RejectionsSkipped, Failed: i.LinesFailed,
			CandidatesCreated: i.CandidatesCreated, CandidatesUpdated: i.CandidatesUpdated, CandidatesSkipped: i.CandidatesSkipped,
			RejectionsCreated: i.RejectionsCreated, RejectionsSkipped: i.RejectionsSkipped,
		},
		LineErrors: errs, CancelRequested: i.CancelRequested, Failure: i.Failure,
		CreatedAt: i.CreatedAt.UTC(), StartedAt: utcPtr(i.StartedAt), FinishedAt: utcPtr(i.FinishedAt),
	}
}
