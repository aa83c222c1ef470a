package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
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
func (tx *Tx) CreateReflection(ctx context.Context, r *model.Reflection) error {
	return translate(tx.db.WithContext(ctx).Create(r).Error, "create reflection")
}

// Reflection returns one of the tenant's reflections.
func (q *queries) Reflection(ctx context.Context, tenantID, id string) (model.Reflection, error) {
	var r model.Reflection
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&r).Error
	return r, translate(err, "reflection")
}

// Reflections lists a rejection's reflections, newest first.
func (q *queries) Reflections(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.Reflection, bool, error) {
	return list[model.Reflection](q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID), p, "list reflections")
}

// AllReflections returns a rejection's newest reflections, at most MaxReflectionsPerRejection,
// oldest first, for the plan rules: past the bound the newest answers must still count.
func (q *queries) AllReflections(ctx context.Context, tenantID, rejectionID string) ([]model.Reflection, error) {
	var rows []model.Reflection
	err := q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Order("id DESC").Limit(MaxReflectionsPerRejection).Find(&rows).Error
	slices.Reverse(rows)
	return rows, translate(err, "reflections for rejection")
}

// UpdateReflection reads a reflection under a row lock, lets change modify it and writes it back.
func (tx *Tx) UpdateReflection(ctx context.Context, tenantID, id string, change func(*model.Reflection) error) (model.Reflection, error) {
	var r model.Reflection
	if err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&r).Error; err != nil {
		return r, translate(err, "reflection")
	}
	if err := change(&r); err != nil {
		return r, err
	}
	r.TenantID, r.ID = tenantID, id
	if err := tx.db.WithContext(ctx).Save(&r).Error; err != nil {
		return r, translate(err, "update reflection")
	}
	return r, nil
}

// CandidateReflections returns a candidate's reflections, newest first, bounded.
func (q *queries) CandidateReflections(ctx context.Context, tenantID, candidateID string, limit int) ([]model.Reflection, error) {
	var rows []model.Reflection
	err := q.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate reflections")
}

// CandidatePlans returns a candidate's plans, newest first, bounded.
func (q *queries) CandidatePlans(ctx context.Context, tenantID, candidateID string, limit int) ([]model.RecoveryPlan, error) {
	var rows []model.RecoveryPlan
	err := q.scoped(ctx, tenantID).Where("candidate_id = ?", candidateID).Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "candidate plans")
}

// OpenPlansOfCandidate returns the candidate's active plans, newest first, at most limit: the
// siblings whose candidate-wide advice a plan must not repeat, and the agenda.
func (q *queries) OpenPlansOfCandidate(ctx context.Context, tenantID, candidateID string, limit int) ([]model.RecoveryPlan, error) {
	var rows []model.RecoveryPlan
	err := q.scoped(ctx, tenantID).Where("candidate_id = ? AND status = ?", candidateID, "active").Order("id DESC").Limit(limit).Find(&rows).Error
	return rows, translate(err, "open plans of candidate")
}

// PlanForRejection returns the plan of a rejection; on a Tx, PlanForRejectionForUpdate locks it.
func (q *queries) PlanForRejection(ctx context.Context, tenantID, rejectionID string) (model.RecoveryPlan, error) {
	var p model.RecoveryPlan
	return p, translate(q.scoped(ctx, tenantID).Where("rejection_id = ?", rejectionID).Take(&p).Error, "recovery plan")
}

// PlanForRejectionForUpdate reads the plan of a rejection under a row lock (after the
// rejection's lock, see the lock order).
func (tx *Tx) PlanForRejectionForUpdate(ctx context.Context, tenantID, rejectionID string) (model.RecoveryPlan, error) {
	var p model.RecoveryPlan
	return p, translate(tx.forUpdate(tx.scoped(ctx, tenantID)).Where("rejection_id = ?", rejectionID).Take(&p).Error, "recovery plan")
}

// Plan returns one of the tenant's plans.
func (q *queries) Plan(ctx context.Context, tenantID, id string) (model.RecoveryPlan, error) {
	var p model.RecoveryPlan
	return p, translate(q.scoped(ctx, tenantID).Where("id = ?", id).Take(&p).Error, "recovery plan")
}

// Plans lists the tenant's plans, newest first.
func (q *queries) Plans(ctx context.Context, tenantID string, f model.PlanFilter, p model.Page) ([]model.RecoveryPlan, bool, error) {
	db := q.scoped(ctx, tenantID)
	if f.CandidateID != "" {
		db = db.Where("candidate_id = ?", f.CandidateID)
	}
	if f.Status != "" {
		db = db.Where("status = ?", f.Status)
	}
	return list[model.RecoveryPlan](db, p, "list plans")
}

// PlansByID returns the given plans of the tenant, keyed by id, in one query.
func (q *queries) PlansByID(ctx context.Context, tenantID string, ids []string) (map[string]model.RecoveryPlan, error) {
	out := map[string]model.RecoveryPlan{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []model.RecoveryPlan
	if err := q.scoped(ctx, tenantID).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, translate(err, "plans by id")
	}
	for _, p := range rows {
		out[p.ID] = p
	}
	return out, nil
}

// PlanSteps returns the steps of the given plans in one query (no N+1), in plan order.
func (q *queries) PlanSteps(ctx context.Context, tenantID string, planIDs ...string) (map[string][]model.PlanStep, error) {
	return q.planSteps(ctx, q.scoped(ctx, tenantID), planIDs)
}

// PlanStepsForUpdate reads a plan's steps under row locks, so that nothing else (the step-due
// claim, a step update) writes them while the plan is regenerated from them.
func (tx *Tx) PlanStepsForUpdate(ctx context.Context, tenantID, planID string) ([]model.PlanStep, error) {
	m, err := tx.planSteps(ctx, tx.forUpdate(tx.scoped(ctx, tenantID)), []string{planID})
	return m[planID], err
}

func (q *queries) planSteps(ctx context.Context, db *gorm.DB, planIDs []string) (map[string][]model.PlanStep, error) {
	out := map[string][]model.PlanStep{}
	if len(planIDs) == 0 {
		return out, nil
	}
	var rows []model.PlanStep
	if err := db.Where("plan_id IN ?", planIDs).Order("plan_id, position").Find(&rows).Error; err != nil {
		return nil, translate(err, "plan steps")
	}
	for _, st := range rows {
		out[st.PlanID] = append(out[st.PlanID], st)
	}
	return out, nil
}

// PlanWrite is what one regeneration or step update changes: the plan row's own columns, and
// exactly the steps added, changed (only the columns that changed) and removed. Writing only
// what changed is what keeps a concurrent step-due claim from being undone by a stale copy.
type PlanWrite struct {
	Plan    model.RecoveryPlan
	Created bool // insert the plan row instead of updating it
	Insert  []model.PlanStep
	Update  []StepUpdate
	Delete  []string // step ids
	// Revision, when set, is recorded with the plan (what the regeneration changed).
	Revision *model.PlanRevision
}

// StepUpdate is one step's new row and the columns of it that changed.
type StepUpdate struct {
	Step    model.PlanStep
	Columns []string
}

// SavePlan applies a PlanWrite. Call it inside the transaction that locked the plan and its
// steps.
func (tx *Tx) SavePlan(ctx context.Context, w PlanWrite) error {
	p := w.Plan
	if w.Created && tx.dialect == DialectPostgres {
		return tx.createPlanTogether(ctx, w)
	}
	if w.Created {
		if err := tx.db.WithContext(ctx).Create(&p).Error; err != nil {
			return translate(err, "create plan")
		}
	} else {
		err := tx.scoped(ctx, p.TenantID).Model(&model.RecoveryPlan{}).Where("id = ?", p.ID).Updates(map[string]any{
			"status": p.Status, "revision": p.Revision, "completed_at": p.CompletedAt, "updated_at": p.UpdatedAt,
			"historical": p.Historical,
		}).Error
		if err != nil {
			return translate(err, "update plan")
		}
	}
	if len(w.Delete) > 0 {
		if err := tx.scoped(ctx, p.TenantID).Where("plan_id = ? AND id IN ?", p.ID, w.Delete).Delete(&model.PlanStep{}).Error; err != nil {
			return translate(err, "delete removed steps")
		}
	}
	if tx.dialect == DialectPostgres {
		if err := tx.updateStepsTogether(ctx, p, w.Update); err != nil {
			return err
		}
		w.Update = nil
	}
	for _, u := range w.Update {
		if len(u.Columns) == 0 {
			continue
		}
		st := u.Step
		st.TenantID = p.TenantID
		if err := tx.scoped(ctx, p.TenantID).Model(&st).Select(u.Columns).Updates(&st).Error; err != nil {
			return translate(err, "update step")
		}
	}
	if len(w.Insert) > 0 {
		// New steps go in with one statement: on PostgreSQL a column per array parameter
		// (bulkSteps; a new plan's ten steps as 210 parameters cost the API measurably more to
		// encode and the server to parse), elsewhere GORM's multi-row insert.
		if tx.dialect == DialectPostgres {
			if err := tx.bulkSteps(ctx, w.Insert); err != nil {
				return err
			}
		} else if err := tx.db.WithContext(ctx).Create(&w.Insert).Error; err != nil {
			return translate(err, "create steps")
		}
	}
	if w.Revision != nil {
		return tx.RecordPlanRevision(ctx, w.Revision)
	}
	return nil
}

// updateStepsTogether applies step updates with one statement per set of changed columns
// (PostgreSQL): a regeneration that drops a step shifts every later one's position, the same
// columns on several rows, which would otherwise be an UPDATE each. Only the changed columns
// are written, as for a single step.
func (tx *Tx) updateStepsTogether(ctx context.Context, p model.RecoveryPlan, updates []StepUpdate) error {
	groups := map[string][]model.PlanStep{}
	var order []string
	columnsOf := map[string][]string{}
	for _, u := range updates {
		if len(u.Columns) == 0 {
			continue
		}
		key := strings.Join(u.Columns, ",")
		if _, ok := groups[key]; !ok {
			order = append(order, key)
			columnsOf[key] = u.Columns
		}
		groups[key] = append(groups[key], u.Step)
	}
	for _, key := range order {
		all, err := stepColumns(groups[key])
		if err != nil {
			return err
		}
		byName := make(map[string]column, len(all))
		for _, c := range all {
			byName[c.name] = c
		}
		cols := []column{byName["id"]}
		for _, name := range columnsOf[key] {
			c, ok := byName[name]
			if !ok {
				return fmt.Errorf("store: update step column %q", name)
			}
			cols = append(cols, c)
		}
		var sets, unnests, aliases []string
		args := make([]any, 0, len(cols)+2)
		for i, c := range cols {
			alias := "c" + strconv.Itoa(i)
			aliases, unnests = append(aliases, alias), append(unnests, "?::"+c.array+"[]")
			args = append(args, c.values)
			if i > 0 {
				value := "v." + alias
				if c.cast != "" {
					value += "::" + c.cast
				}
				sets = append(sets, c.name+" = "+value)
			}
		}
		args = append(args, p.TenantID, p.ID)
		// Column names come from stepColumns; only values are parameters.
		query := "UPDATE recovery_plan_steps AS s SET " + strings.Join(sets, ", ") + " FROM unnest(" + strings.Join(unnests, ", ") + ") AS v(" +
			strings.Join(aliases, ", ") + ") WHERE s.tenant_id = ? AND s.plan_id = ? AND s.id = v.c0"
		if err := tx.db.WithContext(ctx).Exec(query, args...).Error; err != nil {
			return translate(err, "update steps")
		}
	}
	return nil
}

// createPlanTogether inserts a new plan, its steps and its revision in one statement
// (PostgreSQL): the plan born with a rejection costs one round trip, not three.
func (tx *Tx) createPlanTogether(ctx context.Context, w PlanWrite) error {
	parts := []bulkTable{{"recovery_plans", planColumns([]model.RecoveryPlan{w.Plan})}}
	if len(w.Insert) > 0 {
		cols, err := stepColumns(w.Insert)
		if err != nil {
			return err
		}
		parts = append(parts, bulkTable{"recovery_plan_steps", cols})
	}
	if w.Revision != nil {
		cols, err := revisionColumns([]model.PlanRevision{*w.Revision})
		if err != nil {
			return err
		}
		parts = append(parts, bulkTable{"recovery_plan_revisions", cols})
	}
	return tx.bulkInsertTogether(ctx, parts)
}

// CreatePlans inserts many new plans and their steps with multi-row inserts (the importer).
func (tx *Tx) CreatePlans(ctx context.Context, plans []model.RecoveryPlan, steps []model.PlanStep) error {
	if tx.dialect == DialectPostgres {
		if len(plans) > 0 {
			if err := tx.bulkPlans(ctx, plans); err != nil {
				return err
			}
		}
		if len(steps) > 0 {
			return tx.bulkSteps(ctx, steps)
		}
		return nil
	}
	if len(plans) > 0 {
		if err := tx.db.WithContext(ctx).CreateInBatches(&plans, 500).Error; err != nil {
			return translate(err, "create plans")
		}
	}
	if len(steps) > 0 {
		if err := tx.db.WithContext(ctx).CreateInBatches(&steps, 500).Error; err != nil {
			return translate(err, "create steps")
		}
	}
	return nil
}

// RecordPlanRevision stores what a regeneration changed.
func (tx *Tx) RecordPlanRevision(ctx context.Context, r *model.PlanRevision) error {
	if tx.dialect == DialectPostgres {
		return tx.bulkRevisions(ctx, []model.PlanRevision{*r}) // see SavePlan
	}
	return translate(tx.db.WithContext(ctx).Create(r).Error, "record plan revision")
}

// PlanRevisions lists a plan's revisions, newest first.
func (q *queries) PlanRevisions(ctx context.Context, tenantID, planID string, p model.Page) ([]model.PlanRevision, bool, error) {
	return list[model.PlanRevision](q.scoped(ctx, tenantID).Where("plan_id = ?", planID), p, "list plan revisions")
}

// DueStep is a step that may have fallen due, with what announcing it needs.
type DueStep struct {
	Step      model.PlanStep
	Plan      model.RecoveryPlan
	Candidate model.Candidate
}

// DueSteps lists, across tenants, the unannounced pending or in-progress steps of live plans
// whose due date is on or before latestDate (the date somewhere on Earth right now), oldest
// first, at most limit, with their plans and candidates: three queries, whatever the number of
// tenants. The index recovery_plan_steps_status_due finds them; the caller checks each against
// its candidate's time zone.
func (q *queries) DueSteps(ctx context.Context, latestDate string, limit int) ([]DueStep, error) {
	var steps []model.PlanStep
	err := q.db.WithContext(ctx).Where("due_emitted_at IS NULL AND nudge AND due_on <= ? AND status IN ?", latestDate, []string{"pending", "in_progress"}).
		Order("due_on, tenant_id, id").Limit(limit).Find(&steps).Error
	if err != nil {
		return nil, translate(err, "due steps")
	}
	if len(steps) == 0 {
		return nil, nil
	}
	type key struct{ tenant, id string }
	planKeys := map[key]bool{}
	var tenants, planIDs []string
	for _, st := range steps {
		if !planKeys[key{st.TenantID, st.PlanID}] {
			planKeys[key{st.TenantID, st.PlanID}] = true
			tenants, planIDs = append(tenants, st.TenantID), append(planIDs, st.PlanID)
		}
	}
	plans, err := byKeys[model.RecoveryPlan](ctx, q, tenants, planIDs, "plans of due steps")
	if err != nil {
		return nil, err
	}
	planBy := map[key]model.RecoveryPlan{}
	candKeys := map[key]bool{}
	var candTenants, candIDs []string
	for _, p := range plans {
		planBy[key{p.TenantID, p.ID}] = p
		if !candKeys[key{p.TenantID, p.CandidateID}] {
			candKeys[key{p.TenantID, p.CandidateID}] = true
			candTenants, candIDs = append(candTenants, p.TenantID), append(candIDs, p.CandidateID)
		}
	}
	var cands []model.Candidate
	if len(candIDs) > 0 {
		if cands, err = byKeys[model.Candidate](ctx, q, candTenants, candIDs, "candidates of due steps"); err != nil {
			return nil, err
		}
	}
	candBy := map[key]model.Candidate{}
	for _, c := range cands {
		candBy[key{c.TenantID, c.ID}] = c
	}
	out := make([]DueStep, 0, len(steps))
	for _, st := range steps {
		p, ok := planBy[key{st.TenantID, st.PlanID}]
		if !ok || p.Historical {
			continue
		}
		c, ok := candBy[key{p.TenantID, p.CandidateID}]
		if !ok {
			continue
		}
		out = append(out, DueStep{Step: st, Plan: p, Candidate: c})
	}
	return out, nil
}

// pairs builds the value list of a row-value IN condition.
// byKeys reads the rows of T whose (tenant_id, id) is one of the pairs (tenants[i], ids[i]),
// across tenants: one query per tenant among the pairs, tenant_id = ? AND id IN (its ids), which
// the primary key answers with one probe per id. A row-value IN list of all the pairs was
// planned as a walk of the tenant's whole index filtering every row against every pair
// (measured: 0.56 s for 500 candidates of a tenant of 100,000, on every scheduler tick).
func byKeys[T any](ctx context.Context, q *queries, tenants, ids []string, what string) ([]T, error) {
	byTenant := map[string][]string{}
	var order []string
	for i := range ids { // the callers pass each pair once
		if _, ok := byTenant[tenants[i]]; !ok {
			order = append(order, tenants[i])
		}
		byTenant[tenants[i]] = append(byTenant[tenants[i]], ids[i])
	}
	var out []T
	for _, tenant := range order {
		var rows []T
		if err := q.db.WithContext(ctx).Where("tenant_id = ? AND id IN ?", tenant, byTenant[tenant]).Find(&rows).Error; err != nil {
			return nil, translate(err, what)
		}
		out = append(out, rows...)
	}
	return out, nil
}

// StepDueClaim names a step to announce with the due date the caller read.
type StepDueClaim struct {
	StepID, DueOn string
}

// ClaimStepsDue marks the tenant's given steps as announced, exactly once across replicas, in
// one statement: the conditional update succeeds for one caller only, and only while a step is
// still unannounced, still pending or in progress and still due on the date the caller read (a
// regeneration that moved it wins). It returns the ids it claimed.
func (tx *Tx) ClaimStepsDue(ctx context.Context, tenantID string, claims []StepDueClaim, now time.Time) ([]string, error) {
	if len(claims) == 0 {
		return nil, nil
	}
	rows := make([][]any, len(claims))
	for i, c := range claims {
		rows[i] = []any{c.StepID, c.DueOn}
	}
	// Within the tenant, PostgreSQL probes the primary key once per pair (a BitmapOr: 17 ms for
	// 500 steps of a tenant of 90,000).
	var claimed []model.PlanStep
	err := tx.scoped(ctx, tenantID).Model(&claimed).Clauses(clause.Returning{Columns: []clause.Column{{Name: "id"}}}).
		Where("(id, due_on) IN ? AND due_emitted_at IS NULL AND status IN ?", rows, []string{"pending", "in_progress"}).
		Update("due_emitted_at", now).Error
	out := make([]string, len(claimed))
	for i, st := range claimed {
		out[i] = st.ID
	}
	return out, translate(err, "claim steps due")
}

// OldestUnannouncedDueOn is the earliest due date of an unannounced, nudging, pending step
// across tenants ("" when there is none): the step-due lag metric.
func (q *queries) OldestUnannouncedDueOn(ctx context.Context) (string, error) {
	var due []string
	err := q.db.WithContext(ctx).Model(&model.PlanStep{}).Where("due_emitted_at IS NULL AND nudge AND status IN ?", []string{"pending", "in_progress"}).
		Order("due_on").Limit(1).Pluck("due_on", &due).Error
	if err != nil || len(due) == 0 {
		return "", translate(err, "oldest due step")
	}
	return due[0], nil
}
