package model

import "time"

// PrefixImport names import ids.
const PrefixImport = "imp"

// Import events: one when an import ends, however it ended. Imports record no per-record
// events (a 100,000-line file would flood every webhook endpoint); the import object carries
// the counts and the line errors instead.
const (
	EventImportCompleted = "import.completed"
	EventImportFailed    = "import.failed"
	EventImportCancelled = "import.cancelled"
)

func init() {
	EventTypes = append(EventTypes, EventImportCompleted, EventImportFailed, EventImportCancelled)
}

// Import statuses. uploading while the file streams in; queued until a worker claims it;
// running while batches are imported; then completed, cancelled or failed.
const (
	ImportUploading = "uploading"
	ImportQueued    = "queued"
	ImportRunning   = "running"
	ImportCompleted = "completed"
	ImportCancelled = "cancelled"
	ImportFailed    = "failed"
)

// ImportStatuses lists every import status, for filters and the documentation.
var ImportStatuses = []string{ImportUploading, ImportQueued, ImportRunning, ImportCompleted, ImportCancelled, ImportFailed}

// Limits of an import file.
const (
	// MaxImportBytes bounds one uploaded file (100 MB).
	MaxImportBytes = 100 << 20
	// MaxImportLineBytes bounds one line: a candidate with MaxImportRejectionsPerLine full
	// rejections fits.
	MaxImportLineBytes = 1 << 20
	// MaxImportRejectionsPerLine bounds the rejections of one candidate line.
	MaxImportRejectionsPerLine = 100
	// MaxImportLineErrors is how many line errors an import keeps (the first ones); the count
	// of failed lines is kept whatever their number.
	MaxImportLineErrors = 100
	// MaxImportFilenameLength bounds the optional file name.
	MaxImportFilenameLength = 200
)

// Import is one history import: its file's progress and what it did.
type Import struct {
	TenantID          string `gorm:"primaryKey"`
	ID                string `gorm:"primaryKey"`
	Status            string
	Filename          string
	Bytes             int64
	LinesTotal        int
	ChunksTotal       int
	ChunksDone        int
	LinesRead         int
	LinesFailed       int
	CandidatesCreated int
	CandidatesUpdated int
	CandidatesSkipped int
	RejectionsCreated int
	RejectionsSkipped int
	LineErrors        []LineError `gorm:"serializer:json"`
	Failure           string
	Attempts          int
	CancelRequested   bool
	LeaseOwner        *string
	LeaseUntil        *time.Time
	CreatedAt         time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt         time.Time `gorm:"autoUpdateTime:false"`
	StartedAt         *time.Time
	FinishedAt        *time.Time
}

// Finished reports whether the import has ended (completed, cancelled or failed).
func (i Import) Finished() bool {
	return i.Status == ImportCompleted || i.Status == ImportCancelled || i.Status == ImportFailed
}

// LineError is why one line of an import file was not imported. Pointer locates the field
// inside the line's JSON (empty when the line as a whole is at fault).
type LineError struct {
	Line    int    `json:"line"`
	Pointer string `json:"pointer,omitempty"`
	Detail  string `json:"detail"`
}

// ImportChunk is a run of whole lines of an uploaded file, in file order.
type ImportChunk struct {
	TenantID  string `gorm:"primaryKey"`
	ImportID  string `gorm:"primaryKey"`
	Seq       int    `gorm:"primaryKey"`
	FirstLine int
	Lines     int
	Data      []byte
}

// ImportProgress is what one imported batch adds to its import.
type ImportProgress struct {
	LinesRead, LinesFailed                                  int
	CandidatesCreated, CandidatesUpdated, CandidatesSkipped int
	RejectionsCreated, RejectionsSkipped                    int
	LineErrors                                              []LineError
}
