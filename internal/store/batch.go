package store

import (
	"context"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// The importer's batch writes: a whole batch of candidates, rejections, plans, steps and
// revisions each go in with multi-row inserts instead of one statement per record.

// batchSize is how many rows one multi-row insert carries: PostgreSQL allows 65,535 bind
// parameters per statement, and the widest row (a plan step) has 20 columns.
const batchSize = 1000

// CreateCandidates inserts new candidates; one whose external_id the tenant already has (a
// concurrent create won) is left out silently. Read them back with CandidatesByExternalID to
// learn which row holds each external_id.
func (tx *Tx) CreateCandidates(ctx context.Context, cs []model.Candidate) error {
	if len(cs) == 0 {
		return nil
	}
	return translate(tx.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "tenant_id"}, {Name: "external_id"}}, DoNothing: true,
	}).CreateInBatches(&cs, batchSize).Error, "create candidates")
}

// UpdateCandidateProfile writes a candidate's profile fields (what an import line may change).
func (tx *Tx) UpdateCandidateProfile(ctx context.Context, c model.Candidate) error {
	return translate(tx.scoped(ctx, c.TenantID).Model(&model.Candidate{}).Where("id = ?", c.ID).Updates(map[string]any{
		"display_name": c.DisplayName, "email": c.Email, "timezone": c.Timezone, "locale": c.Locale,
		"metadata": jsonColumn(c.Metadata), "updated_at": c.UpdatedAt,
	}).Error, "update candidate")
}

// CreatePlanRevisions inserts many plan revisions with multi-row inserts.
func (tx *Tx) CreatePlanRevisions(ctx context.Context, revs []model.PlanRevision) error {
	if len(revs) == 0 {
		return nil
	}
	if tx.dialect == DialectPostgres {
		return tx.bulkRevisions(ctx, revs)
	}
	return translate(tx.db.WithContext(ctx).CreateInBatches(&revs, batchSize).Error, "create plan revisions")
}

// refLockBuckets is how many advisory locks a tenant's external refs share. Locking one per
// ref would let a batch of thousands of refs exhaust PostgreSQL's shared lock table (64 entries
// per connection by default); hashing refs into buckets bounds a transaction to this many locks
// at the price of unrelated refs sometimes waiting for each other.
const refLockBuckets = 64

// LockExternalRefs takes, until the transaction ends, the locks of the tenant's external refs
// (one per bucket of refs, see refLockBuckets), in a fixed order, so that two writers recording
// the same ref (an ATS retrying a delivery while the first is still being recorded, two imports
// of one file) take turns, and the second sees the first's rejection. PostgreSQL only: SQLite
// runs one writing transaction at a time.
func (tx *Tx) LockExternalRefs(ctx context.Context, tenantID string, refs []string) error {
	if tx.dialect != DialectPostgres || len(refs) == 0 {
		return nil
	}
	buckets := map[uint64]bool{}
	for _, ref := range refs {
		h := fnv.New64a()
		h.Write([]byte(ref))
		buckets[h.Sum64()%refLockBuckets] = true
	}
	keys := make([]int64, 0, len(buckets))
	for b := range buckets {
		h := fnv.New64a()
		h.Write([]byte("rejection-ref\x00" + tenantID + "\x00" + strconv.FormatUint(b, 10)))
		keys = append(keys, int64(h.Sum64()))
	}
	slices.Sort(keys)
	var sb strings.Builder
	for i, k := range keys {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.FormatInt(k, 10))
	}
	// The keys are integers formatted here, not client input; one statement locks them all.
	err := tx.db.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[" + sb.String() + "]::bigint[]) AS k ORDER BY k").Error
	return translate(err, "lock external refs")
}

// RecentRejectionsOfCandidates returns, per candidate, their rejections received since since,
// newest first (received_at, then id), at most perCandidate each: the history of a whole
// import batch in one query.
func (q *queries) RecentRejectionsOfCandidates(ctx context.Context, tenantID string, candidateIDs []string, since time.Time, perCandidate int) (map[string][]model.Rejection, error) {
	out := map[string][]model.Rejection{}
	if len(candidateIDs) == 0 {
		return out, nil
	}
	ranked := q.scoped(ctx, tenantID).Model(&model.Rejection{}).
		Select("id, candidate_id, stage, role_title, received_at, ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY received_at DESC, id DESC) AS rn").
		Where("candidate_id IN ? AND received_at >= ?", candidateIDs, since.UTC())
	var rows []model.Rejection
	err := q.db.WithContext(ctx).Table("(?) AS ranked", ranked).Select("id, candidate_id, stage, role_title, received_at").
		Where("rn <= ?", perCandidate).Order("candidate_id, received_at DESC, id DESC").Find(&rows).Error
	if err != nil {
		return nil, translate(err, "recent rejections of candidates")
	}
	for _, r := range rows {
		r.TenantID = tenantID
		out[r.CandidateID] = append(out[r.CandidateID], r)
	}
	return out, nil
}

// OpenPlansOfCandidates returns the given candidates' active plans, per candidate the newest
// perCandidate of them: the siblings of a whole import batch's new plans in one query.
func (q *queries) OpenPlansOfCandidates(ctx context.Context, tenantID string, candidateIDs []string, perCandidate int) ([]model.RecoveryPlan, error) {
	if len(candidateIDs) == 0 {
		return nil, nil
	}
	ranked := q.scoped(ctx, tenantID).Model(&model.RecoveryPlan{}).
		Select("*, ROW_NUMBER() OVER (PARTITION BY candidate_id ORDER BY id DESC) AS rn").
		Where("candidate_id IN ? AND status = ?", candidateIDs, "active")
	var rows []model.RecoveryPlan
	err := q.db.WithContext(ctx).Table("(?) AS ranked", ranked).Where("rn <= ?", perCandidate).Order("candidate_id, id DESC").Find(&rows).Error
	return rows, translate(err, "open plans of candidates")
}
