package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// Bounds on what the plan rules and insights read, so one candidate cannot make a request
// unbounded. They are far above what a real job search produces.
const (
	MaxReflectionsPerRejection = 100
	MaxHistoryRejections       = 500
)

// CreateReflection inserts a reflection.
func (s *Store) CreateReflection(ctx context.Context, r *model.Reflection) error {
	now := Now()
	r.CreatedAt, r.UpdatedAt = now, now
	return translate(s.db.WithContext(ctx).Create(r).Error, "create reflection")
}

// Reflection returns one of the tenant's reflections.
func (s *Store) Reflection(ctx context.Context, tenantID, id string) (model.Reflection, error) {
	var r model.Reflection
	err := s.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "reflection")
}

// Reflections lists a rejection's reflections, newest first.
func (s *Store) Reflections(ctx context.Context, tenantID, rejectionID string, p Page) ([]model.Reflection, bool, error) {
	var rows []model.Reflection
	if err := p.apply(s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list reflections")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// AllReflections returns a rejection's reflections oldest first, bounded, for the plan rules.
func (s *Store) AllReflections(ctx context.Context, tenantID, rejectionID string) ([]model.Reflection, error) {
	var rows []model.Reflection
	err := s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Order("id").Limit(MaxReflectionsPerRejection).Find(&rows).Error
	return rows, translate(err, "reflections for rejection")
}

// UpdateReflection reads a reflection under a row lock, lets change modify it and writes it back.
func (s *Store) UpdateReflection(ctx context.Context, tenantID, id string, change func(*model.Reflection) error) (model.Reflection, error) {
	var out model.Reflection
	err := s.WithTx(ctx, func(tx *Store) error {
		var r model.Reflection
		if err := tx.scoped(ctx, tenantID).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&r).Error; err != nil {
			return translate(err, "reflection")
		}
		if err := change(&r); err != nil {
			return err
		}
		r.TenantID, r.ID = tenantID, id
		r.UpdatedAt = Now()
		if err := tx.db.WithContext(ctx).Save(&r).Error; err != nil {
			return translate(err, "update reflection")
		}
		out = r
		return nil
	})
	return out, err
}

// CandidateRejections returns a candidate's rejections received in [since, now], newest first,
// at most MaxHistoryRejections: the history the plan rules and insights look at.
func (s *Store) CandidateRejections(ctx context.Context, tenantID, candidateID string, since time.Time) ([]model.Rejection, error) {
	var rows []model.Rejection
	err := s.scoped(ctx, tenantID).Where("candidate_id = ? AND received_at >= ?", candidateID, since.UTC()).
		Order("received_at DESC").Limit(MaxHistoryRejections).Find(&rows).Error
	return rows, translate(err, "candidate rejections")
}

// CandidateFeedback returns the feedback on the given rejections, bounded.
func (s *Store) CandidateFeedback(ctx context.Context, tenantID, candidateID string, limit int) ([]model.Feedback, error) {
	var rows []model.Feedback
	err := s.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate feedback")
}

// CandidateReflections returns a candidate's reflections, newest first, bounded.
func (s *Store) CandidateReflections(ctx context.Context, tenantID, candidateID string, limit int) ([]model.Reflection, error) {
	var rows []model.Reflection
	err := s.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate reflections")
}

// CandidatePlans returns a candidate's plans, newest first, bounded.
func (s *Store) CandidatePlans(ctx context.Context, tenantID, candidateID string, limit int) ([]model.RecoveryPlan, error) {
	var rows []model.RecoveryPlan
	err := s.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate plans")
}

// PlanForRejection returns the plan of a rejection; lock takes a row lock for regeneration.
func (s *Store) PlanForRejection(ctx context.Context, tenantID, rejectionID string, lock bool) (model.RecoveryPlan, error) {
	q := s.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var p model.RecoveryPlan
	return p, translate(q.Take(&p).Error, "recovery plan")
}

// Plan returns one of the tenant's plans; lock takes a row lock.
func (s *Store) Plan(ctx context.Context, tenantID, id string, lock bool) (model.RecoveryPlan, error) {
	q := s.scoped(ctx, tenantID).Where("id = ?", id)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var p model.RecoveryPlan
	return p, translate(q.Take(&p).Error, "recovery plan")
}

// PlanFilter narrows a plan list.
type PlanFilter struct {
	CandidateID string
	Status      string
}

// Plans lists the tenant's plans, newest first.
func (s *Store) Plans(ctx context.Context, tenantID string, f PlanFilter, p Page) ([]model.RecoveryPlan, bool, error) {
	q := s.scoped(ctx, tenantID)
	if f.CandidateID != "" {
		q = q.Where("candidate_id = ?", f.CandidateID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var rows []model.RecoveryPlan
	if err := p.apply(q).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list plans")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// PlanSteps returns the steps of the given plans in one query (no N+1), in plan order.
func (s *Store) PlanSteps(ctx context.Context, tenantID string, planIDs ...string) (map[string][]model.PlanStep, error) {
	out := map[string][]model.PlanStep{}
	if len(planIDs) == 0 {
		return out, nil
	}
	var rows []model.PlanStep
	if err := s.scoped(ctx, tenantID).Where("plan_id IN ?", planIDs).Order("plan_id, position").Find(&rows).Error; err != nil {
		return nil, translate(err, "plan steps")
	}
	for _, st := range rows {
		out[st.PlanID] = append(out[st.PlanID], st)
	}
	return out, nil
}

// SavePlan writes a plan and replaces its steps with steps (inserting, updating and deleting by
// id). Call it inside the transaction that locked the plan.
func (s *Store) SavePlan(ctx context.Context, p *model.RecoveryPlan, steps []model.PlanStep, created bool) error {
	now := Now()
	p.UpdatedAt = now
	if created {
		p.CreatedAt = now
		if err := s.db.WithContext(ctx).Create(p).Error; err != nil {
			return translate(err, "create plan")
		}
	} else if err := s.db.WithContext(ctx).Save(p).Error; err != nil {
		return translate(err, "save plan")
	}
	if created {
		// A new plan's steps go in with one multi-row insert.
		for i := range steps {
			steps[i].CreatedAt, steps[i].UpdatedAt = now, now
		}
		if len(steps) > 0 {
			if err := s.db.WithContext(ctx).Create(&steps).Error; err != nil {
				return translate(err, "create steps")
			}
		}
		return nil
	}
	keep := make([]string, 0, len(steps))
	for i := range steps {
		keep = append(keep, steps[i].ID)
	}
	del := s.scoped(ctx, p.TenantID).Where("plan_id = ?", p.ID)
	if len(keep) > 0 {
		del = del.Where("id NOT IN ?", keep)
	}
	if err := del.Delete(&model.PlanStep{}).Error; err != nil {
		return translate(err, "delete removed steps")
	}
	for i := range steps {
		steps[i].UpdatedAt = now
		if steps[i].CreatedAt.IsZero() {
			steps[i].CreatedAt = now
		}
		if err := s.db.WithContext(ctx).Save(&steps[i]).Error; err != nil {
			return translate(err, "save step")
		}
	}
	return nil
}

// RecordPlanRevision stores what a regeneration changed.
func (s *Store) RecordPlanRevision(ctx context.Context, r *model.PlanRevision) error {
	r.CreatedAt = Now()
	return translate(s.db.WithContext(ctx).Create(r).Error, "record plan revision")
}

// PlanRevisions lists a plan's revisions, newest first.
func (s *Store) PlanRevisions(ctx context.Context, tenantID, planID string, p Page) ([]model.PlanRevision, bool, error) {
	var rows []model.PlanRevision
	if err := p.apply(s.scoped(ctx, tenantID).Where("plan_id = ?", planID)).Find(&rows).Error; err != nil {
		return nil, false, translate(err, "list plan revisions")
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}

// DueStepCandidates lists the tenant's steps that may have fallen due by latestDate (the date
// somewhere on Earth right now) and have not been announced: the caller checks each against its
// candidate's time zone. Bounded by limit.
func (s *Store) DueStepCandidates(ctx context.Context, tenantID, latestDate string, limit int) ([]model.PlanStep, error) {
	var rows []model.PlanStep
	err := s.scoped(ctx, tenantID).Where("due_emitted_at IS NULL AND due_on <= ? AND status IN ?", latestDate, []string{"pending", "in_progress"}).
		Order("due_on, id").Limit(limit).Find(&rows).Error
	return rows, translate(err, "due steps")
}

// ClaimStepDue marks a step as announced, exactly once across replicas: the conditional update
// succeeds for one caller only.
func (s *Store) ClaimStepDue(ctx context.Context, tenantID, stepID string) (bool, error) {
	res := s.scoped(ctx, tenantID).Model(&model.PlanStep{}).Where("id = ? AND due_emitted_at IS NULL", stepID).Update("due_emitted_at", Now())
	return res.RowsAffected == 1, translate(res.Error, "claim step due")
}

// PlansByID returns the given plans of the tenant, keyed by id, in one query.
func (s *Store) PlansByID(ctx context.Context, tenantID string, ids []string) (map[string]model.RecoveryPlan, error) {
	out := map[string]model.RecoveryPlan{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.RecoveryPlan
	if err := s.scoped(ctx, tenantID).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err, "plans by id")
	}
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, nil
}

// CandidatesByID returns the given candidates of the tenant, keyed by id, in one query.
func (s *Store) CandidatesByID(ctx context.Context, tenantID string, ids []string) (map[string]model.Candidate, error) {
	out := map[string]model.Candidate{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.Candidate
	if err := s.scoped(ctx, tenantID).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err, "candidates by id")
	}
	for _, c := range rows {
		out[c.ID] = c
	}
	return out, nil
}
