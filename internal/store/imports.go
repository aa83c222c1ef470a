package store

import (
	"context"
	"time"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateImport inserts an import (status uploading).
func (q *queries) CreateImport(ctx context.Context, imp *model.Import) error {
	return translate(q.db.WithContext(ctx).Create(imp).Error, "create import")
}

// AddImportChunk stores one chunk of an upload. It is its own statement, not part of a long
// transaction, so an upload of minutes never holds a transaction (or SQLite's write lock) open.
func (q *queries) AddImportChunk(ctx context.Context, c *model.ImportChunk) error {
	return translate(q.db.WithContext(ctx).Create(c).Error, "store import chunk")
}

// Import returns one of the tenant's imports.
func (q *queries) Import(ctx context.Context, tenantID, id string) (model.Import, error) {
	var imp model.Import
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&imp).Error
	return imp, translate(err, "import")
}

// ImportForUpdate reads an import under a row lock: the worker holds it for one batch, so a
// cancellation waits for the batch in progress and is seen by the next one.
func (tx *Tx) ImportForUpdate(ctx context.Context, tenantID, id string) (model.Import, error) {
	var imp model.Import
	err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&imp).Error
	return imp, translate(err, "import")
}

// Imports lists the tenant's imports, newest first; uploads still streaming in are not
// imports yet and are left out.
func (q *queries) Imports(ctx context.Context, tenantID string, status string, p model.Page) ([]model.Import, bool, error) {
	db := q.scoped(ctx, tenantID).Where("status <> ?", model.ImportUploading)
	if status != "" {
		db = db.Where("status = ?", status)
	}
	return list[model.Import](db, p, "list imports")
}

// SaveImport writes an import's state and counts (everything but its identity and creation).
func (tx *Tx) SaveImport(ctx context.Context, imp model.Import) error {
	return translate(tx.scoped(ctx, imp.TenantID).Model(&model.Import{}).Where("id = ?", imp.ID).Updates(map[string]any{
		"status": imp.Status, "bytes": imp.Bytes, "lines_total": imp.LinesTotal, "chunks_total": imp.ChunksTotal,
		"chunks_done": imp.ChunksDone, "lines_read": imp.LinesRead, "lines_failed": imp.LinesFailed,
		"candidates_created": imp.CandidatesCreated, "candidates_updated": imp.CandidatesUpdated, "candidates_skipped": imp.CandidatesSkipped,
		"rejections_created": imp.RejectionsCreated, "rejections_skipped": imp.RejectionsSkipped,
		"line_errors": jsonColumn(imp.LineErrors), "failure": imp.Failure, "attempts": imp.Attempts,
		"cancel_requested": imp.CancelRequested, "lease_owner": imp.LeaseOwner, "lease_until": imp.LeaseUntil,
		"updated_at": imp.UpdatedAt, "started_at": imp.StartedAt, "finished_at": imp.FinishedAt,
	}).Error, "save import")
}

// DeleteImport deletes an import and its chunks (an upload that failed or was replayed).
func (q *queries) DeleteImport(ctx context.Context, tenantID, id string) error {
	return translate(q.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Import{}).Error, "delete import")
}

// NextImportChunk returns the import's first chunk not yet imported.
func (tx *Tx) NextImportChunk(ctx context.Context, tenantID, importID string) (model.ImportChunk, bool, error) {
	var rows []model.ImportChunk
	err := tx.scoped(ctx, tenantID).Where("import_id = ?", importID).Order("seq").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return model.ImportChunk{}, false, translate(err, "next import chunk")
	}
	return rows[0], true, nil
}

// DeleteImportChunks deletes an import's chunks from seq on (all of them with 0): an imported
// chunk goes in the transaction that imported it, the rest when the import is cancelled.
func (tx *Tx) DeleteImportChunks(ctx context.Context, tenantID, importID string, fromSeq, toSeq int) error {
	return translate(tx.scoped(ctx, tenantID).Where("import_id = ? AND seq >= ? AND seq <= ?", importID, fromSeq, toSeq).
		Delete(&model.ImportChunk{}).Error, "delete import chunks")
}

// ClaimableImports lists, across tenants, imports a worker may take: queued ones, and running
// ones whose worker's lease ran out (it crashed or was stopped), oldest first, at most limit.
func (q *queries) ClaimableImports(ctx context.Context, now time.Time, limit int) ([]model.Import, error) {
	var rows []model.Import
	err := q.db.WithContext(ctx).Where("status IN ? AND (status = ? OR lease_until IS NULL OR lease_until < ?)",
		[]string{model.ImportQueued, model.ImportRunning}, model.ImportQueued, now).
		Order("created_at").Limit(limit).Find(&rows).Error
	return rows, translate(err, "claimable imports")
}

// ClaimImport gives the import to owner until leaseUntil, exactly once across replicas: the
// update succeeds only while the import is still queued or its previous lease has run out.
func (q *queries) ClaimImport(ctx context.Context, tenantID, id, owner string, now, leaseUntil time.Time) (bool, error) {
	res := q.scoped(ctx, tenantID).Model(&model.Import{}).
		Where("id = ? AND (status = ? OR (status = ? AND (lease_until IS NULL OR lease_until < ?)))", id, model.ImportQueued, model.ImportRunning, now).
		Updates(map[string]any{"status": model.ImportRunning, "lease_owner": owner, "lease_until": leaseUntil, "updated_at": now})
	return res.RowsAffected == 1, translate(res.Error, "claim import")
}

// StaleUploads lists, across tenants, uploads that stopped without finishing (the client or
// the process went away) and were last touched before olderThan.
func (q *queries) StaleUploads(ctx context.Context, olderThan time.Time, limit int) ([]model.Import, error) {
	var rows []model.Import
	err := q.db.WithContext(ctx).Select("tenant_id", "id").Where("status = ? AND updated_at < ?", model.ImportUploading, olderThan).
		Order("updated_at").Limit(limit).Find(&rows).Error
	return rows, translate(err, "stale uploads")
}

// TouchImport records that an upload is still streaming, so it is not taken for stale.
func (q *queries) TouchImport(ctx context.Context, tenantID, id string, now time.Time) error {
	return translate(q.scoped(ctx, tenantID).Model(&model.Import{}).Where("id = ? AND status = ?", id, model.ImportUploading).
		Update("updated_at", now).Error, "touch import")
}
