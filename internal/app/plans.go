package app

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"sort"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// historyWindow is how far back the plan rules look at the candidate's other rejections.
const historyWindow = 365 * 24 * time.Hour

// syncPlan creates or regenerates the recovery plan of rejection r from everything known about
// it, inside the caller's transaction. The caller holds r's row lock (it created r in this
// transaction or read it with RejectionForUpdate), so every input read here is at least as new
// as r; the plan and its steps are locked next (the store's lock order). fresh says r was just
// created, so there is no plan, feedback, reflection or request to read. Regeneration is
// deterministic: the plan's creation date is fixed and the rules are pure. A revision and the
// plan's events are recorded only when something changed.
//
// Candidate-wide advice (the next application, a recruiter, a skill gap…) sits in one open plan
// only, so a change that can move it — a new, edited or deleted rejection, or a plan whose
// candidate-wide steps changed — refreshes every open plan of the candidate once after the
// commit (refreshPlans), in separate transactions: each locks only its own rejection, so two
// requests on two rejections of one candidate never wait for each other in a cycle.
func (a *App) syncPlan(ctx context.Context, tx *store.Tx, r model.Rejection, trigger string, fresh bool) error {
	_, err := a.regenerate(ctx, tx, r, trigger, fresh)
	return err
}

// regenerate is syncPlan; it reports whether the plan's candidate-wide advice changed.
func (a *App) regenerate(ctx context.Context, tx *store.Tx, r model.Rejection, trigger string, fresh bool) (bool, error) {
	cand, err := tx.Candidate(ctx, r.TenantID, r.CandidateID)
	if err != nil {
		return false, err
	}
	return a.regenerateFor(ctx, tx, r, cand, trigger, fresh)
}

// regenerateFor is regenerate with r's candidate already read in this transaction.
func (a *App) regenerateFor(ctx context.Context, tx *store.Tx, r model.Rejection, cand model.Candidate, trigger string, fresh bool) (bool, error) {
	var err error
	loc := cand.Location()
	now := a.now()
	created := fresh
	var plan model.RecoveryPlan
	if !fresh {
		plan, err = tx.PlanForRejectionForUpdate(ctx, r.TenantID, r.ID)
		created = errors.Is(err, model.ErrNotFound)
		if err != nil && !created {
			return false, err
		}
	}
	if created {
		isHistorical, err := a.isHistorical(ctx, tx, r, now)
		if err != nil {
			return false, err
		}
		plan = a.newPlan(r, loc, isHistorical, now)
	}
	in, err := a.planInput(ctx, tx, r, cand, plan, created)
	if err != nil {
		return false, err
	}
	var stored []model.PlanStep
	if !created {
		if stored, err = tx.PlanStepsForUpdate(ctx, r.TenantID, plan.ID); err != nil {
			return false, err
		}
	}
	if a.hooks.planLocked != nil {
		a.hooks.planLocked(r.ID)
	}
	before := plan.Status
	built := a.buildPlan(plan, stored, in, created, now)
	wideBefore := recovery.CandidateWideKeys(built.current)
	wideAfter := recovery.CandidateWideKeys(built.next)
	wideChanged := !reflect.DeepEqual(wideBefore, wideAfter)
	if cascades(trigger) || (wideChanged && trigger != triggerSiblings) {
		settled := &settledPlan{planID: plan.ID, against: make([]string, 0, len(in.Siblings))}
		for _, sp := range in.Siblings {
			settled.against = append(settled.against, sp.PlanID)
		}
		a.afterCommit(ctx, func(ctx context.Context) { a.refreshPlans(ctx, r.TenantID, r.CandidateID, trigger, settled) })
	}
	if !built.changed {
		return wideChanged, nil
	}
	plan = built.plan
	write := planWrite(plan, created, stored, built.rows)
	write.Revision = a.revision(plan, trigger, built.changes, now)
	if err := tx.SavePlan(ctx, write); err != nil {
		return false, err
	}
	return wideChanged, a.recordPlanEvents(ctx, tx, plan, built.rows, created, before)
}

// newPlan is the row of a rejection's new plan: active, revision 0 until its first steps, its
// creation date today in the candidate's time zone.
func (a *App) newPlan(r model.Rejection, loc *time.Location, historical bool, now time.Time) model.RecoveryPlan {
	return model.RecoveryPlan{TenantID: r.TenantID, ID: a.newID(model.PrefixPlan), RejectionID: r.ID, CandidateID: r.CandidateID,
		Status: recovery.PlanActive, StartsOn: now.In(loc).Format(model.DateLayout), Historical: historical, CreatedAt: now, UpdatedAt: now}
}

// builtPlan is a plan as the rules would have it now.
type builtPlan struct {
	plan          model.RecoveryPlan
	rows          []model.PlanStep
	changes       []model.PlanChange
	current, next []recovery.PlanStep // the steps before and after, for the candidate-wide comparison
	changed       bool                // false: an existing plan that stays as it is
}

// buildPlan is the pure heart of plan building, shared by regenerate and the importer's bulk
// path: the rules' steps for in, merged over the stored ones, as rows, with the plan's new
// revision and status.
func (a *App) buildPlan(plan model.RecoveryPlan, stored []model.PlanStep, in recovery.PlanInput, created bool, now time.Time) builtPlan {
	b := builtPlan{plan: plan, current: make([]recovery.PlanStep, 0, len(stored))}
	for _, st := range stored {
		b.current = append(b.current, toRecoveryStep(st, in.Location))
	}
	var changes []recovery.Change
	b.next, changes = recovery.Merge(b.current, recovery.Generate(in))
	if !created && len(changes) == 0 {
		return b
	}
	b.changed = true
	b.rows = a.stepRows(plan, stored, b.next, now)
	b.plan.Revision++
	b.plan.UpdatedAt = now
	a.setPlanStatus(&b.plan, b.rows, now)
	b.changes = make([]model.PlanChange, 0, len(changes))
	for _, c := range changes {
		b.changes = append(b.changes, model.PlanChange(c))
	}
	return b
}

// revision is the record of one regeneration.
func (a *App) revision(plan model.RecoveryPlan, trigger string, changes []model.PlanChange, now time.Time) *model.PlanRevision {
	return &model.PlanRevision{TenantID: plan.TenantID, ID: a.newID(model.PrefixPlanRevision), PlanID: plan.ID,
		Revision: plan.Revision, Trigger: trigger, Changes: changes, CreatedAt: now}
}

// triggerSiblings is the revision trigger of a plan refreshed because another plan of the
// candidate changed; such a refresh never starts another (the protocol is one pass).
const triggerSiblings = "candidate.plans_refreshed"

// cascades reports whether a change of this kind can move candidate-wide advice between the
// candidate's plans: a rejection appearing, changing or disappearing changes the history every
// plan reads.
func cascades(trigger string) bool {
	switch trigger {
	case model.EventRejectionCreated, model.EventRejectionUpdated, model.EventRejectionDeleted:
		return true
	}
	return false
}

// refreshPlans regenerates every open plan of the candidate once, newest rejection first, each
// in its own transaction, so candidate-wide advice ends up in exactly one of them (the
// protocol recovery's property tests prove). It runs after the change that called for it has
// committed; a failure is logged and left for the next change to repair, since the change itself
// is already durable.
func (a *App) refreshPlans(ctx context.Context, tenantID, candidateID, cause string, settled *settledPlan) {
	plans, err := a.store.OpenPlansOfCandidate(ctx, tenantID, candidateID, recovery.MaxSiblingPlans)
	if len(plans) == 1 && settled.covers(plans) {
		return // the candidate's one open plan was just regenerated: nothing to refresh
	}
	if err == nil && len(plans) > 0 {
		var rejections map[string]model.Rejection
		if rejections, err = a.store.RejectionsByID(ctx, tenantID, rejectionIDs(plans)); err == nil {
			sortNewestRejectionFirst(plans, rejections)
			if settled.covers(plans) {
				plans = plans[1:]
			}
			for _, p := range plans {
				err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
					rej, err := tx.RejectionForUpdate(ctx, tenantID, p.RejectionID)
					if errors.Is(err, model.ErrNotFound) {
						return nil // deleted meanwhile
					}
					if err != nil {
						return err
					}
					_, err = a.regenerate(ctx, tx, rej, triggerSiblings, false)
					return err
				})
				if err != nil {
					break
				}
			}
		}
	}
	if err != nil && ctx.Err() == nil {
		a.log.WarnContext(ctx, "refresh the candidate's plans", "tenant_id", tenantID, "candidate_id", candidateID, "cause", cause, "error", err.Error())
	}
}

// settledPlan is a plan a transaction has just regenerated, with the candidate's other open
// plans it was regenerated against. The refresh after its commit regenerates the open plans
// newest first; when the settled plan comes first and the open plans are still exactly those,
// regenerating it again would read the same input and change nothing, so it is skipped (for a
// new rejection, usually the newest, that is a transaction of eleven statements saved). Any
// change to a sibling in between that can move candidate-wide advice runs a refresh of its own.
type settledPlan struct {
	planID  string
	against []string
}

// covers reports whether plans, sorted newest rejection first, begin with the settled plan and
// hold exactly it and the plans it was regenerated against.
func (s *settledPlan) covers(plans []model.RecoveryPlan) bool {
	if s == nil || len(plans) == 0 || plans[0].ID != s.planID || len(plans) != len(s.against)+1 {
		return false
	}
	for _, p := range plans[1:] {
		if !slices.Contains(s.against, p.ID) {
			return false
		}
	}
	return true
}

func rejectionIDs(plans []model.RecoveryPlan) []string {
	ids := make([]string, 0, len(plans))
	for _, p := range plans {
		ids = append(ids, p.RejectionID)
	}
	return ids
}

// sortNewestRejectionFirst orders plans by their rejection's received_at, newest first (ties by
// rejection id), the order the sibling protocol regenerates them in.
func sortNewestRejectionFirst(plans []model.RecoveryPlan, rejections map[string]model.Rejection) {
	sort.SliceStable(plans, func(i, j int) bool {
		a, b := rejections[plans[i].RejectionID], rejections[plans[j].RejectionID]
		if !a.ReceivedAt.Equal(b.ReceivedAt) {
			return a.ReceivedAt.After(b.ReceivedAt)
		}
		return a.ID > b.ID
	})
}

// isHistorical reports whether a rejection recorded now counts as history: received longer ago
// than the tenant's threshold. Its plan is kept for the record and never nudges. The tenant's
// setting is read only for rejections at least a day old, so live recording costs no query.
func (a *App) isHistorical(ctx context.Context, tx *store.Tx, r model.Rejection, now time.Time) (bool, error) {
	if now.Sub(r.ReceivedAt) < 24*time.Hour {
		return false, nil
	}
	t, err := tx.Tenant(ctx, r.TenantID)
	if err != nil {
		return false, err
	}
	return historical(t, r.ReceivedAt, now), nil
}

// historical is the threshold itself: received longer than the tenant's historical_after_days
// before now (the importer applies it to a whole batch with one read of the tenant).
func historical(t model.Tenant, receivedAt, now time.Time) bool {
	days := t.HistoricalAfterDays
	if days <= 0 {
		days = model.DefaultHistoricalAfterDays
	}
	return now.Sub(receivedAt) > time.Duration(days)*24*time.Hour
}

// stepRows turns merged steps into rows: known steps keep their id and stored fields, new ones
// get an id. A step whose due date moved is announced again on its new date.
func (a *App) stepRows(plan model.RecoveryPlan, stored []model.PlanStep, next []recovery.PlanStep, now time.Time) []model.PlanStep {
	byID := make(map[string]model.PlanStep, len(stored))
	for _, st := range stored {
		byID[st.ID] = st
	}
	rows := make([]model.PlanStep, 0, len(next))
	for i, st := range next {
		row, ok := byID[st.ID]
		if !ok {
			row = model.PlanStep{TenantID: plan.TenantID, ID: a.newID(model.PrefixPlanStep), PlanID: plan.ID, CreatedAt: now, Nudge: true}
		}
		due := st.DueOn.Format(model.DateLayout)
		if ok && row.DueOn != due {
			row.DueEmittedAt = nil
		}
		row.Key, row.Kind, row.Title, row.Guidance = st.Key, st.Kind, st.Title, st.Guidance
		row.DueOn, row.Position, row.Status, row.Note = due, i, st.Status, st.Note
		row.StartedAt, row.CompletedAt = st.StartedAt, st.CompletedAt
		row.Reasons, row.ReasonsOmitted = toModelReasons(st.Reasons), st.ReasonsOmitted
		row.Optional, row.Lapsed = st.Optional, st.Lapsed
		row.Nudge = st.Nudge && !st.Lapsed && !plan.Historical
		rows = append(rows, row)
	}
	return rows
}

// stepColumns are the step columns a plan write may change, with how to read each.
var stepColumns = []struct {
	name string
	get  func(model.PlanStep) any
}{
	{"key", func(s model.PlanStep) any { return s.Key }},
	{"kind", func(s model.PlanStep) any { return s.Kind }},
	{"title", func(s model.PlanStep) any { return s.Title }},
	{"guidance", func(s model.PlanStep) any { return s.Guidance }},
	{"due_on", func(s model.PlanStep) any { return s.DueOn }},
	{"position", func(s model.PlanStep) any { return s.Position }},
	{"status", func(s model.PlanStep) any { return s.Status }},
	{"note", func(s model.PlanStep) any { return s.Note }},
	{"reasons", func(s model.PlanStep) any { return s.Reasons }},
	{"reasons_omitted", func(s model.PlanStep) any { return s.ReasonsOmitted }},
	{"optional", func(s model.PlanStep) any { return s.Optional }},
	{"nudge", func(s model.PlanStep) any { return s.Nudge }},
	{"lapsed", func(s model.PlanStep) any { return s.Lapsed }},
	{"started_at", func(s model.PlanStep) any { return s.StartedAt }},
	{"completed_at", func(s model.PlanStep) any { return s.CompletedAt }},
	{"due_emitted_at", func(s model.PlanStep) any { return s.DueEmittedAt }},
}

// planWrite computes what must be written: new rows, the changed columns of known rows, and
// the ids of rows that are gone. Unchanged rows are not written at all.
func planWrite(plan model.RecoveryPlan, created bool, stored, rows []model.PlanStep) store.PlanWrite {
	w := store.PlanWrite{Plan: plan, Created: created}
	old := make(map[string]model.PlanStep, len(stored))
	for _, st := range stored {
		old[st.ID] = st
	}
	keep := make(map[string]bool, len(rows))
	for _, row := range rows {
		keep[row.ID] = true
		prev, ok := old[row.ID]
		if !ok {
			row.UpdatedAt = plan.UpdatedAt
			w.Insert = append(w.Insert, row)
			continue
		}
		var cols []string
		for _, c := range stepColumns {
			if !reflect.DeepEqual(c.get(prev), c.get(row)) {
				cols = append(cols, c.name)
			}
		}
		if len(cols) > 0 {
			row.UpdatedAt = plan.UpdatedAt
			w.Update = append(w.Update, store.StepUpdate{Step: row, Columns: append(cols, "updated_at")})
		}
	}
	for _, st := range stored {
		if !keep[st.ID] {
			w.Delete = append(w.Delete, st.ID)
		}
	}
	return w
}

// planInput gathers what the rules read, with bounded queries. A plan being created for a new
// rejection has no feedback, reflections or requests yet, so those reads are skipped.
func (a *App) planInput(ctx context.Context, tx *store.Tx, r model.Rejection, cand model.Candidate, plan model.RecoveryPlan, created bool) (recovery.PlanInput, error) {
	in, err := basePlanInput(r, cand, plan)
	if err != nil {
		return in, err
	}
	if !created {
		feedback, err := tx.AllFeedback(ctx, r.TenantID, r.ID)
		if err != nil {
			return in, err
		}
		for _, f := range feedback {
			in.Feedback = append(in.Feedback, toRecoveryFeedback(f))
		}
		reflections, err := tx.AllReflections(ctx, r.TenantID, r.ID)
		if err != nil {
			return in, err
		}
		for _, rf := range reflections {
			in.Reflections = append(in.Reflections, recovery.ReflectionFromAnswers(rf.ID, rf.CreatedAt, rf.Answers))
		}
		requests, err := tx.AllFeedbackRequests(ctx, r.TenantID, r.ID)
		if err != nil {
			return in, err
		}
		now := a.now()
		for _, fr := range requests {
			in.FeedbackRequests.Requests = append(in.FeedbackRequests.Requests, recovery.FeedbackRequestRef{ID: fr.ID, Status: fr.EffectiveStatus(now)})
		}
	}
	history, err := tx.CandidateHistory(ctx, r.TenantID, r.CandidateID, r.ReceivedAt.Add(-historyWindow))
	if err != nil {
		return in, err
	}
	in.History = pastRejections(r, history)
	in.Siblings, err = a.siblings(ctx, tx, r, plan.ID)
	return in, err
}

// basePlanInput is the rules' input from the rejection, its candidate and its plan alone.
func basePlanInput(r model.Rejection, cand model.Candidate, plan model.RecoveryPlan) (recovery.PlanInput, error) {
	loc := cand.Location()
	startsOn, err := time.ParseInLocation(model.DateLayout, plan.StartsOn, loc)
	if err != nil {
		return recovery.PlanInput{}, err
	}
	return recovery.PlanInput{StartsOn: startsOn, Location: loc, Rejection: toRecoveryRejection(r), Locale: cand.Locale, Historical: plan.Historical}, nil
}

// pastRejections is r's history for the rules out of the candidate's rejections (newest
// first, by received_at then id): the newest store.MaxHistoryRejections received within
// historyWindow before r or since, with r itself left out — exactly what regenerate gets from
// store.CandidateHistory, so the importer, which reads a whole batch's history at once,
// gives its plans the same history.
func pastRejections(r model.Rejection, candidateRejections []model.Rejection) []recovery.PastRejection {
	since := r.ReceivedAt.Add(-historyWindow)
	var out []recovery.PastRejection
	n := 0
	for _, h := range candidateRejections {
		if h.ReceivedAt.Before(since) {
			continue
		}
		if n++; n > store.MaxHistoryRejections {
			break
		}
		if h.ID != r.ID {
			out = append(out, recovery.PastRejection{ID: h.ID, Stage: h.Stage, RoleTitle: h.RoleTitle, ReceivedAt: h.ReceivedAt})
		}
	}
	return out
}

// siblings are the candidate's other open plans with their steps, for the rules that give
// candidate-wide advice once: three bounded queries, none when the candidate has no other plan.
func (a *App) siblings(ctx context.Context, tx *store.Tx, r model.Rejection, planID string) ([]recovery.SiblingPlan, error) {
	plans, err := tx.OpenPlansOfCandidate(ctx, r.TenantID, r.CandidateID, recovery.MaxSiblingPlans+1)
	if err != nil {
		return nil, err
	}
	others := plans[:0]
	for _, p := range plans {
		if p.ID != planID && p.RejectionID != r.ID {
			others = append(others, p)
		}
	}
	if len(others) == 0 {
		return nil, nil
	}
	rejections, err := tx.RejectionsByID(ctx, r.TenantID, rejectionIDs(others))
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(others))
	for _, p := range others {
		ids = append(ids, p.ID)
	}
	steps, err := tx.PlanSteps(ctx, r.TenantID, ids...)
	if err != nil {
		return nil, err
	}
	out := make([]recovery.SiblingPlan, 0, len(others))
	for _, p := range others {
		sp := recovery.SiblingPlan{PlanID: p.ID, RejectionID: p.RejectionID, ReceivedAt: rejections[p.RejectionID].ReceivedAt, Historical: p.Historical}
		for _, st := range steps[p.ID] {
			sp.Steps = append(sp.Steps, recovery.SiblingStep{ID: st.ID, Key: st.Key, Status: st.Status})
		}
		out = append(out, sp)
	}
	return out, nil
}

// setPlanStatus derives the plan's status from its steps.
func (a *App) setPlanStatus(plan *model.RecoveryPlan, rows []model.PlanStep, now time.Time) {
	steps := make([]recovery.PlanStep, 0, len(rows))
	for _, r := range rows {
		steps = append(steps, recovery.PlanStep{Status: r.Status})
	}
	plan.Status = recovery.PlanStatus(steps)
	switch {
	case plan.Status == recovery.PlanCompleted && plan.CompletedAt == nil:
		plan.CompletedAt = &now
	case plan.Status != recovery.PlanCompleted:
		plan.CompletedAt = nil
	}
}

// recordPlanEvents writes recovery_plan.created or .updated, and .completed when the plan has
// just been completed.
func (a *App) recordPlanEvents(ctx context.Context, tx *store.Tx, plan model.RecoveryPlan, rows []model.PlanStep, created bool, before string) error {
	body := wire.FromPlan(plan, rows)
	refs := eventRefs{candidateID: plan.CandidateID, rejectionID: plan.RejectionID, subjectID: plan.ID}
	eventType := model.EventRecoveryPlanUpdated
	if created {
		eventType = model.EventRecoveryPlanCreated
	}
	if _, err := a.record(ctx, tx, plan.TenantID, eventType, body, refs); err != nil {
		return err
	}
	if plan.Status == recovery.PlanCompleted && before != recovery.PlanCompleted {
		if _, err := a.record(ctx, tx, plan.TenantID, model.EventRecoveryPlanComplete, body, refs); err != nil {
			return err
		}
	}
	return nil
}

// Plan returns one of the tenant's plans with its steps.
func (a *App) Plan(ctx context.Context, tenantID, id string) (model.RecoveryPlan, []model.PlanStep, error) {
	p, err := a.store.Plan(ctx, tenantID, id)
	if err != nil {
		return p, nil, err
	}
	steps, err := a.store.PlanSteps(ctx, tenantID, p.ID)
	return p, steps[p.ID], err
}

// PlanForRejection returns a rejection's plan with its steps.
func (a *App) PlanForRejection(ctx context.Context, tenantID, rejectionID string) (model.RecoveryPlan, []model.PlanStep, error) {
	p, err := a.store.PlanForRejection(ctx, tenantID, rejectionID)
	if err != nil {
		return p, nil, err
	}
	steps, err := a.store.PlanSteps(ctx, tenantID, p.ID)
	return p, steps[p.ID], err
}

// Plans lists the tenant's plans, newest first, with the steps of each (one query for all).
func (a *App) Plans(ctx context.Context, tenantID string, f model.PlanFilter, p model.Page) ([]model.RecoveryPlan, map[string][]model.PlanStep, bool, error) {
	plans, more, err := a.store.Plans(ctx, tenantID, f, p)
	if err != nil {
		return nil, nil, false, err
	}
	ids := make([]string, 0, len(plans))
	for _, pl := range plans {
		ids = append(ids, pl.ID)
	}
	steps, err := a.store.PlanSteps(ctx, tenantID, ids...)
	return plans, steps, more, err
}

// PlanRevisions lists a plan's revisions, newest first; another tenant's plan is not found.
func (a *App) PlanRevisions(ctx context.Context, tenantID, planID string, p model.Page) ([]model.PlanRevision, bool, error) {
	if _, err := a.store.Plan(ctx, tenantID, planID); err != nil {
		return nil, false, err
	}
	return a.store.PlanRevisions(ctx, tenantID, planID, p)
}

// StepChange is what a candidate changes on one step.
type StepChange struct {
	Status *string // pending, in_progress, done, skipped
	Note   *string
}

// UpdatePlanStep records progress on one step. check runs on the current plan before anything
// changes (the HTTP layer's If-Match); it writes only the step that changed and the plan row.
func (a *App) UpdatePlanStep(ctx context.Context, tenantID, planID, stepID string, check func(model.RecoveryPlan, []model.PlanStep) error, change StepChange) (model.RecoveryPlan, []model.PlanStep, error) {
	var (
		plan model.RecoveryPlan
		rows []model.PlanStep
	)
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		p, err := tx.Plan(ctx, tenantID, planID)
		if err != nil {
			return err
		}
		// The lock order: the rejection first, then the plan and its steps.
		if _, err := tx.RejectionForUpdate(ctx, tenantID, p.RejectionID); err != nil {
			return err
		}
		if plan, err = tx.PlanForRejectionForUpdate(ctx, tenantID, p.RejectionID); err != nil {
			return err
		}
		if rows, err = tx.PlanStepsForUpdate(ctx, tenantID, plan.ID); err != nil {
			return err
		}
		if check != nil {
			if err := check(plan, rows); err != nil {
				return err
			}
		}
		idx := -1
		for i := range rows {
			if rows[i].ID == stepID {
				idx = i
			}
		}
		if idx < 0 {
			return model.ErrNotFound
		}
		stored := append([]model.PlanStep(nil), rows...)
		st := &rows[idx]
		var errs model.Errors
		if change.Status != nil && !recovery.ValidStepStatus(*change.Status) {
			errs.Add("/status", "must be one of pending, in_progress, done, skipped")
		}
		if change.Note != nil {
			st.Note = *change.Note
			model.CheckText(&errs, "/note", st.Note, false, model.MaxStepNoteLength)
		}
		if err := errs.Err(); err != nil {
			return err
		}
		now := a.now()
		if change.Status != nil && *change.Status != st.Status {
			st.Status = *change.Status
			switch st.Status {
			case recovery.StatusInProgress:
				if st.StartedAt == nil {
					st.StartedAt = &now
				}
				st.CompletedAt = nil
			case recovery.StatusDone, recovery.StatusSkipped:
				st.CompletedAt = &now
			case recovery.StatusPending:
				st.StartedAt, st.CompletedAt = nil, nil
			}
		}
		before := plan.Status
		plan.UpdatedAt = now
		a.setPlanStatus(&plan, rows, now)
		if err := tx.SavePlan(ctx, planWrite(plan, false, stored, rows)); err != nil {
			return err
		}
		return a.recordPlanEvents(ctx, tx, plan, rows, false, before)
	})
	return plan, rows, err
}

func toRecoveryRejection(r model.Rejection) recovery.Rejection {
	out := recovery.Rejection{ID: r.ID, Company: r.Company, RoleTitle: r.RoleTitle, Stage: r.Stage, Channel: r.Channel,
		ReasonCategory: r.ReasonCategory, ReasonText: r.ReasonText, ReceivedAt: r.ReceivedAt}
	if r.EmotionalImpact != nil {
		out.EmotionalImpact = *r.EmotionalImpact
	}
	for _, c := range r.Contacts {
		email := ""
		if c.Email != nil {
			email = *c.Email
		}
		out.Contacts = append(out.Contacts, recovery.Contact{ID: c.ID, Name: c.Name, Role: c.Role, Email: email})
	}
	return out
}

func toRecoveryFeedback(f model.Feedback) recovery.Feedback {
	out := recovery.Feedback{ID: f.ID, Source: f.Source, ReceivedAt: f.ReceivedAt, Summary: f.Summary}
	for _, it := range f.Items {
		out.Items = append(out.Items, recovery.FeedbackItem(it))
	}
	return out
}

func toRecoveryStep(st model.PlanStep, loc *time.Location) recovery.PlanStep {
	due, _ := time.ParseInLocation(model.DateLayout, st.DueOn, loc)
	reasons := make([]recovery.Reason, 0, len(st.Reasons))
	for _, r := range st.Reasons {
		reasons = append(reasons, recovery.Reason(r))
	}
	return recovery.PlanStep{ID: st.ID, Step: recovery.Step{Key: st.Key, Kind: st.Kind, Title: st.Title, Guidance: st.Guidance, DueOn: due, Reasons: reasons,
		ReasonsOmitted: st.ReasonsOmitted, Optional: st.Optional, Nudge: st.Nudge, Lapsed: st.Lapsed},
		Status: st.Status, Note: st.Note, CompletedAt: st.CompletedAt, StartedAt: st.StartedAt}
}

func toModelReasons(in []recovery.Reason) []model.StepReason {
	out := make([]model.StepReason, 0, len(in))
	for _, r := range in {
		out = append(out, model.StepReason(r))
	}
	return out
}
