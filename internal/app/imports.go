package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/reboundhq/rebound/internal/importfile"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// Import work: an upload streams into the database chunk by chunk (status uploading), is
// queued once it is whole, and is then worked through by whichever replica claims it, one
// chunk per transaction. A worker holds a lease on the import, renewed with every batch; a
// worker that dies leaves a lease that runs out, and another takes over at the first chunk not
// yet committed. Nothing lives on local disk.
const (
	// ImportLease is how long a worker owns an import without renewing it.
	ImportLease = 2 * time.Minute
	// importMaxAttempts is how often a batch that fails for a reason other than its lines (the
	// database went away) is retried before the import is marked failed.
	importMaxAttempts = 5
	// importRetryPause is the pause before a failed batch's import is claimed again, times the
	// number of failures so far.
	importRetryPause = 30 * time.Second
	// staleUploadAge is how long an upload may go without a new chunk before the janitor takes
	// it for abandoned and deletes it.
	staleUploadAge = time.Hour
)

// ImportFileError refuses an uploaded file as a whole: empty, no line a JSON object, a line
// over the limit. Nothing of it is kept.
type ImportFileError struct {
	Detail string
}

func (e *ImportFileError) Error() string { return "import file: " + e.Detail }

// ImportReadError means the upload's body could not be read to its end: it passed its size
// limit, or the client went away.
type ImportReadError struct {
	Err error
}

func (e *ImportReadError) Error() string { return "read import upload: " + e.Err.Error() }

// Unwrap exposes the cause (an *http.MaxBytesError, a context error).
func (e *ImportReadError) Unwrap() error { return e.Err }

// UploadImport streams an NDJSON file into a new import without holding it in memory: each
// chunk of whole lines is stored as it arrives, and the import stays uploading until
// QueueImport. A file that is empty, has no line that is a JSON object or has a line over
// model.MaxImportLineBytes is refused with an *ImportFileError; a read error (the body passed
// its limit, the client went away) is returned as it is. Either way nothing is kept.
func (a *App) UploadImport(ctx context.Context, tenantID, filename string, body io.Reader) (model.Import, error) {
	var errs model.Errors
	model.CheckText(&errs, "filename", filename, false, model.MaxImportFilenameLength)
	if err := errs.Err(); err != nil {
		return model.Import{}, err
	}
	now := a.now()
	imp := model.Import{TenantID: tenantID, ID: a.newID(model.PrefixImport), Status: model.ImportUploading, Filename: filename,
		LineErrors: []model.LineError{}, CreatedAt: now, UpdatedAt: now}
	if err := a.store.CreateImport(ctx, &imp); err != nil {
		return imp, err
	}
	err := a.streamChunks(ctx, &imp, body)
	if err != nil {
		// The upload's rows go whatever happened to the request's context.
		if derr := a.store.DeleteImport(context.WithoutCancel(ctx), tenantID, imp.ID); derr != nil {
			a.log.Warn("delete failed upload", "import_id", imp.ID, "error", derr.Error())
		}
		return model.Import{}, err
	}
	return imp, nil
}

func (a *App) streamChunks(ctx context.Context, imp *model.Import, body io.Reader) error {
	counted := &countingReader{r: body}
	rd := importfile.NewReader(counted)
	lastTouch := a.now()
	for seq := 1; ; seq++ {
		c, err := rd.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooLong *importfile.LineTooLongError
		if errors.As(err, &tooLong) {
			return &ImportFileError{Detail: fmt.Sprintf("line %d is longer than %d bytes; nothing was imported", tooLong.Line, model.MaxImportLineBytes)}
		}
		if err != nil {
			return &ImportReadError{Err: err}
		}
		if err := a.store.AddImportChunk(ctx, &model.ImportChunk{TenantID: imp.TenantID, ImportID: imp.ID, Seq: seq, FirstLine: c.FirstLine, Lines: c.Lines, Data: c.Data}); err != nil {
			return err
		}
		imp.ChunksTotal = seq
		if now := a.now(); now.Sub(lastTouch) > time.Minute {
			lastTouch = now
			if err := a.store.TouchImport(ctx, imp.TenantID, imp.ID, now); err != nil {
				return err
			}
		}
	}
	switch {
	case rd.Lines == 0:
		return &ImportFileError{Detail: "the file is empty; send one JSON object per line"}
	case rd.Objects == 0:
		return &ImportFileError{Detail: fmt.Sprintf("none of the file's %d lines is a JSON object; is it NDJSON?", rd.Lines)}
	}
	imp.LinesTotal, imp.Bytes = rd.Lines, counted.n
	return nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// QueueImport hands a finished upload (from UploadImport, which returned it) to the workers.
// It runs in the transaction on ctx, so the HTTP layer's idempotent response commits with it.
func (a *App) QueueImport(ctx context.Context, uploaded model.Import) (model.Import, error) {
	imp := uploaded
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		cur, err := tx.ImportForUpdate(ctx, imp.TenantID, imp.ID)
		if err != nil {
			return err
		}
		if cur.Status != model.ImportUploading {
			return &model.ConflictError{Detail: "the import is " + cur.Status + ", not uploading"}
		}
		imp.Status, imp.UpdatedAt = model.ImportQueued, a.now()
		return tx.SaveImport(ctx, imp)
	})
	if err == nil && a.importsQueued != nil {
		a.importsQueued()
	}
	return imp, err
}

// DiscardImport deletes an upload that will not be queued (its request failed, or replayed an
// earlier one). Only an import still uploading is deleted.
func (a *App) DiscardImport(ctx context.Context, tenantID, id string) error {
	imp, err := a.store.Import(ctx, tenantID, id)
	if err != nil || imp.Status != model.ImportUploading {
		return err
	}
	return a.store.DeleteImport(ctx, tenantID, id)
}

// Import returns one of the tenant's imports.
func (a *App) Import(ctx context.Context, tenantID, id string) (model.Import, error) {
	return a.store.Import(ctx, tenantID, id)
}

// Imports lists the tenant's imports, newest first.
func (a *App) Imports(ctx context.Context, tenantID, status string, p model.Page) ([]model.Import, bool, error) {
	return a.store.Imports(ctx, tenantID, status, p)
}

// CancelImport stops an import. A queued one is cancelled at once; a running one stops after
// the batch in progress (what was imported stays). A finished import is a conflict.
func (a *App) CancelImport(ctx context.Context, tenantID, id string) (model.Import, error) {
	var out model.Import
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		imp, err := tx.ImportForUpdate(ctx, tenantID, id)
		if err != nil {
			return err
		}
		switch imp.Status {
		case model.ImportQueued:
			if err := a.finishImport(ctx, tx, &imp, model.ImportCancelled, ""); err != nil {
				return err
			}
		case model.ImportRunning:
			imp.CancelRequested, imp.UpdatedAt = true, a.now()
			if err := tx.SaveImport(ctx, imp); err != nil {
				return err
			}
		case model.ImportUploading:
			return model.ErrNotFound // not yet visible: its upload has not finished
		default:
			return &model.ConflictError{Detail: "the import is " + imp.Status + "; only a queued or running import can be cancelled"}
		}
		out = imp
		return nil
	})
	return out, err
}

// finishImport ends an import, drops the chunks it did not get to, and records its event.
func (a *App) finishImport(ctx context.Context, tx *store.Tx, imp *model.Import, status, failure string) error {
	now := a.now()
	imp.Status, imp.Failure, imp.FinishedAt, imp.UpdatedAt = status, failure, &now, now
	imp.LeaseOwner, imp.LeaseUntil = nil, nil
	if err := tx.DeleteImportChunks(ctx, imp.TenantID, imp.ID, 0, imp.ChunksTotal); err != nil {
		return err
	}
	if err := tx.SaveImport(ctx, *imp); err != nil {
		return err
	}
	eventType := map[string]string{model.ImportCompleted: model.EventImportCompleted, model.ImportCancelled: model.EventImportCancelled,
		model.ImportFailed: model.EventImportFailed}[status]
	_, err := a.record(ctx, tx, imp.TenantID, eventType, wire.FromImport(*imp), eventRefs{subjectID: imp.ID})
	return err
}

// errLeaseLost means another worker took the import over (this one was too slow to renew).
var errLeaseLost = errors.New("import lease lost")

// RunImports works through imports until none is left to claim or ctx ends: it claims one
// (queued, or abandoned by a worker whose lease ran out), imports it chunk by chunk and claims
// the next. owner names this worker in leases. It returns how many imports it finished.
func (a *App) RunImports(ctx context.Context, owner string) (int, error) {
	done := 0
	for ctx.Err() == nil {
		now := a.now()
		candidates, err := a.store.ClaimableImports(ctx, now, 10)
		if err != nil || len(candidates) == 0 {
			return done, err
		}
		claimed := false
		for _, c := range candidates {
			ok, err := a.store.ClaimImport(ctx, c.TenantID, c.ID, owner, now, now.Add(ImportLease))
			if err != nil {
				return done, err
			}
			if !ok {
				continue // another worker was quicker
			}
			claimed = true
			finished, err := a.runImport(ctx, c.TenantID, c.ID, owner)
			if err != nil {
				return done, err
			}
			if finished {
				done++
			}
			break
		}
		if !claimed {
			return done, nil
		}
	}
	return done, ctx.Err()
}

// runImport imports a claimed import's chunks, one transaction each: the batch, the import's
// counts and lease, and the chunk's deletion commit together, so after a crash the next worker
// starts exactly at the first chunk not committed. It reports whether the import finished.
func (a *App) runImport(ctx context.Context, tenantID, id, owner string) (bool, error) {
	for ctx.Err() == nil {
		finished := false
		err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			imp, err := tx.ImportForUpdate(ctx, tenantID, id)
			if err != nil {
				return err
			}
			if imp.Status != model.ImportRunning || imp.LeaseOwner == nil || *imp.LeaseOwner != owner {
				return errLeaseLost
			}
			now := a.now()
			if imp.StartedAt == nil {
				imp.StartedAt = &now
			}
			if imp.CancelRequested {
				finished = true
				return a.finishImport(ctx, tx, &imp, model.ImportCancelled, "")
			}
			chunk, found, err := tx.NextImportChunk(ctx, tenantID, id)
			if err != nil {
				return err
			}
			if !found {
				finished = true
				return a.finishImport(ctx, tx, &imp, model.ImportCompleted, "")
			}
			progress, err := a.ImportRejections(ctx, tenantID, importfile.Chunk{FirstLine: chunk.FirstLine, Lines: chunk.Lines, Data: chunk.Data}.Parse())
			if err != nil {
				return err
			}
			addProgress(&imp, progress)
			imp.ChunksDone++
			imp.UpdatedAt = now
			until := now.Add(ImportLease)
			imp.LeaseUntil = &until
			if err := tx.DeleteImportChunks(ctx, tenantID, id, chunk.Seq, chunk.Seq); err != nil {
				return err
			}
			return tx.SaveImport(ctx, imp)
		})
		switch {
		case errors.Is(err, errLeaseLost), errors.Is(err, model.ErrNotFound):
			return false, nil // taken over, or the tenant went away
		case err != nil && ctx.Err() != nil:
			// Stopping: let go of the import so the next worker resumes it at once rather than
			// after the lease.
			a.releaseImport(context.WithoutCancel(ctx), tenantID, id, owner)
			return false, nil
		case err != nil:
			return a.importBatchFailed(ctx, tenantID, id, owner, err)
		case finished:
			return true, nil
		}
	}
	return false, nil
}

// importBatchFailed counts a batch that failed for a reason other than its lines, and marks
// the import failed once it has failed importMaxAttempts times; until then the worker lets go
// of it, and it may be claimed again after a pause that grows with each failure
// (importRetryPause), so a database that is briefly away does not fail the import.
func (a *App) importBatchFailed(ctx context.Context, tenantID, id, owner string, cause error) (bool, error) {
	a.log.Warn("import batch failed", "tenant_id", tenantID, "import_id", id, "error", cause.Error())
	finished := false
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		imp, err := tx.ImportForUpdate(ctx, tenantID, id)
		if err != nil || imp.LeaseOwner == nil || *imp.LeaseOwner != owner {
			return err
		}
		imp.Attempts++
		if imp.Attempts >= importMaxAttempts {
			finished = true
			return a.finishImport(ctx, tx, &imp, model.ImportFailed, "A batch could not be stored after several attempts; lines before it were imported. Re-run the file to import the rest: what is there already is skipped.")
		}
		retryAt := a.now().Add(time.Duration(imp.Attempts) * importRetryPause)
		imp.LeaseOwner, imp.LeaseUntil, imp.UpdatedAt = nil, &retryAt, a.now()
		return tx.SaveImport(ctx, imp)
	})
	return finished, err
}

// releaseImport clears this worker's lease on an import, best effort (a lease that is not
// cleared just runs out).
func (a *App) releaseImport(ctx context.Context, tenantID, id, owner string) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		imp, err := tx.ImportForUpdate(ctx, tenantID, id)
		if err != nil || imp.LeaseOwner == nil || *imp.LeaseOwner != owner {
			return err
		}
		imp.LeaseOwner, imp.LeaseUntil, imp.UpdatedAt = nil, nil, a.now()
		return tx.SaveImport(ctx, imp)
	})
	if err != nil {
		a.log.Warn("release import", "import_id", id, "error", err.Error())
	}
}

// addProgress adds a batch's progress to the import, keeping the first line errors.
func addProgress(imp *model.Import, p model.ImportProgress) {
	imp.LinesRead += p.LinesRead
	imp.LinesFailed += p.LinesFailed
	imp.CandidatesCreated += p.CandidatesCreated
	imp.CandidatesUpdated += p.CandidatesUpdated
	imp.CandidatesSkipped += p.CandidatesSkipped
	imp.RejectionsCreated += p.RejectionsCreated
	imp.RejectionsSkipped += p.RejectionsSkipped
	for _, e := range p.LineErrors {
		if len(imp.LineErrors) >= model.MaxImportLineErrors {
			break
		}
		imp.LineErrors = append(imp.LineErrors, e)
	}
}

// PurgeStaleUploads deletes uploads that stopped streaming more than an hour ago (the client
// or the process went away mid-upload), at most limit per call.
func (a *App) PurgeStaleUploads(ctx context.Context, limit int) (int, error) {
	stale, err := a.store.StaleUploads(ctx, a.now().Add(-staleUploadAge), limit)
	if err != nil {
		return 0, err
	}
	for _, imp := range stale {
		if err := a.store.DeleteImport(ctx, imp.TenantID, imp.ID); err != nil {
			return 0, err
		}
	}
	return len(stale), nil
}
