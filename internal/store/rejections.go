package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/reboundhq/rebound/internal/model"
)

// errNotFound is what a delete that matched nothing reports, mapped to model.ErrNotFound.
var errNotFound = gorm.ErrRecordNotFound

// ErrUnknownCandidate means a write named a candidate the tenant does not have.
var ErrUnknownCandidate = errors.New("no such candidate")

// FoldCompany is the case-folded form of a company name that the company filter compares:
// Unicode-aware (unlike SQLite's lower()), and kept in its own indexed column.
func FoldCompany(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// rejectionRow adds the stored-only columns to a rejection.
type rejectionRow struct {
	model.Rejection
	CompanyFolded string
}

func (rejectionRow) TableName() string { return "rejections" }

// CreateRejection inserts a rejection for one of the tenant's candidates and returns the
// candidate, which the plan that follows needs (one read, not two). The candidate must exist:
// ErrUnknownCandidate otherwise.
func (tx *Tx) CreateRejection(ctx context.Context, r *model.Rejection) (model.Candidate, error) {
	cand, err := tx.Candidate(ctx, r.TenantID, r.CandidateID)
	if err != nil {
		if errors.Is(err, model.ErrNotFound) {
			return cand, ErrUnknownCandidate
		}
		return cand, err
	}
	if tx.dialect == DialectPostgres {
		return cand, tx.bulkRejections(ctx, []model.Rejection{*r}) // see SavePlan
	}
	row := rejectionRow{Rejection: *r, CompanyFolded: FoldCompany(r.Company)}
	return cand, translate(tx.db.WithContext(ctx).Create(&row).Error, "create rejection")
}

// CreateRejections inserts many rejections in one multi-row statement (the importer's batch).
// The caller has checked that every candidate exists.
func (tx *Tx) CreateRejections(ctx context.Context, rs []model.Rejection) error {
	if len(rs) == 0 {
		return nil
	}
	if tx.dialect == DialectPostgres {
		return tx.bulkRejections(ctx, rs)
	}
	rows := make([]rejectionRow, len(rs))
	for i := range rs {
		rows[i] = rejectionRow{Rejection: rs[i], CompanyFolded: FoldCompany(rs[i].Company)}
	}
	return translate(tx.db.WithContext(ctx).CreateInBatches(&rows, 500).Error, "create rejections")
}

// Rejection returns one of the tenant's rejections.
func (q *queries) Rejection(ctx context.Context, tenantID, id string) (model.Rejection, error) {
	var r model.Rejection
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "rejection")
}

// RejectionForUpdate reads a rejection under a row lock: the first lock of every use case that
// changes the rejection or anything under it (see the package's lock order).
func (tx *Tx) RejectionForUpdate(ctx context.Context, tenantID, id string) (model.Rejection, error) {
	var r model.Rejection
	err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "rejection")
}

// RejectionsByID returns the given rejections of the tenant, keyed by id, in one query.
func (q *queries) RejectionsByID(ctx context.Context, tenantID string, ids []string) (map[string]model.Rejection, error) {
	out := map[string]model.Rejection{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.Rejection
	if err := q.scoped(ctx, tenantID).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err, "rejections by id")
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// RejectionsByExternalRef returns the tenant's rejections with the given external refs, keyed
// by ref, in one query (the importer and the ATS connectors deduplicate on them).
func (q *queries) RejectionsByExternalRef(ctx context.Context, tenantID string, refs []string) (map[string]model.Rejection, error) {
	out := map[string]model.Rejection{}
	if len(refs) == 0 {
		return out, nil
	}
	var rows []model.Rejection
	if err := q.scoped(ctx, tenantID).Where("external_ref IN ?", refs).Find(&rows).Error; err != nil {
		return nil, translate(err, "rejections by external_ref")
	}
	for _, r := range rows {
		if r.ExternalRef != nil {
			out[*r.ExternalRef] = r
		}
	}
	return out, nil
}

// Rejections lists the tenant's rejections, newest first.
func (q *queries) Rejections(ctx context.Context, tenantID string, f model.RejectionFilter, p model.Page) ([]model.Rejection, bool, error) {
	db := q.scoped(ctx, tenantID)
	if f.CandidateID != "" {
		db = db.Where("candidate_id = ?", f.CandidateID)
	}
	if f.ExternalRef != "" {
		db = db.Where("external_ref = ?", f.ExternalRef)
	}
	if f.Stage != "" {
		db = db.Where("stage = ?", f.Stage)
	}
	if f.Status != "" {
		db = db.Where("status = ?", f.Status)
	}
	if f.Company != "" {
		db = db.Where("company_folded = ?", FoldCompany(f.Company))
	}
	if f.ReceivedAfter != nil {
		db = db.Where("received_at > ?", f.ReceivedAfter.UTC())
	}
	if f.ReceivedBefore != nil {
		db = db.Where("received_at < ?", f.ReceivedBefore.UTC())
	}
	return list[model.Rejection](db, p, "list rejections")
}

// CandidateRejections returns a candidate's rejections received in [since, now], newest first,
// at most MaxHistoryRejections: the history the plan rules and insights look at.
func (q *queries) CandidateRejections(ctx context.Context, tenantID, candidateID string, since time.Time) ([]model.Rejection, error) {
	var rows []model.Rejection
	err := q.scoped(ctx, tenantID).Where("candidate_id = ? AND received_at >= ?", candidateID, since.UTC()).
		Order("received_at DESC, id DESC").Limit(MaxHistoryRejections).Find(&rows).Error
	return rows, translate(err, "candidate rejections")
}

// CandidateHistory is CandidateRejections with only the columns the plan rules read (id,
// stage, role title, received_at): every regeneration reads the candidate's history, and the
// contacts, notes and metadata of up to MaxHistoryRejections rows are not needed there.
func (q *queries) CandidateHistory(ctx context.Context, tenantID, candidateID string, since time.Time) ([]model.Rejection, error) {
	var rows []model.Rejection
	err := q.scoped(ctx, tenantID).Select("tenant_id", "id", "candidate_id", "stage", "role_title", "received_at").
		Where("candidate_id = ? AND received_at >= ?", candidateID, since.UTC()).
		Order("received_at DESC, id DESC").Limit(MaxHistoryRejections).Find(&rows).Error
	return rows, translate(err, "candidate history")
}

// UpdateRejection reads the rejection under a row lock, lets change modify it and writes it
// back. The rejection's identity (tenant, id, candidate) cannot change.
func (tx *Tx) UpdateRejection(ctx context.Context, tenantID, id string, change func(*model.Rejection) error) (model.Rejection, error) {
	r, err := tx.RejectionForUpdate(ctx, tenantID, id)
	if err != nil {
		return r, err
	}
	candidate := r.CandidateID
	if err := change(&r); err != nil {
		return r, err
	}
	r.TenantID, r.ID, r.CandidateID = tenantID, id, candidate
	row := rejectionRow{Rejection: r, CompanyFolded: FoldCompany(r.Company)}
	if err := tx.db.WithContext(ctx).Save(&row).Error; err != nil {
		return r, translate(err, "update rejection")
	}
	return row.Rejection, nil
}

// DeleteRejection hard-deletes a rejection; its child records cascade, and the events that
// carry its personal data are redacted (RedactEvents).
func (tx *Tx) DeleteRejection(ctx context.Context, tenantID, id string) (model.Rejection, error) {
	r, err := tx.RejectionForUpdate(ctx, tenantID, id)
	if err != nil {
		return r, err
	}
	if err := tx.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Rejection{}).Error; err != nil {
		return r, translate(err, "delete rejection")
	}
	if err := tx.scoped(ctx, tenantID).Where("candidate_id = ? AND rejection_id = ?", r.CandidateID, id).Delete(&idempotencyRecord{}).Error; err != nil {
		return r, translate(err, "erase idempotent responses")
	}
	return r, nil
}
