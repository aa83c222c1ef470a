package app

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/reboundhq/rebound/internal/importfile"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/store"
)

// importTrigger names the plan revisions an import creates.
const importTrigger = "import"

// ImportRejections records one batch of decoded import lines in one transaction (the one on
// ctx, or its own): it upserts the candidates by external_id, skips rejections whose
// external_ref the tenant already has, and inserts the new rejections with their plans, steps
// and revisions using multi-row inserts. Every record is checked with the same rules as the
// API; a line with any invalid field is left out whole and reported, the rest go in. Plans are
// built by buildPlan, the pure part of regenerate, with each candidate's history and open plans
// read once for the batch (and including the batch's own rejections); a rejection older than
// the tenant's historical_after_days gets a historical plan, which never nudges. It records no
// events: the import's own import.completed summarises the file.
func (a *App) ImportRejections(ctx context.Context, tenantID string, lines []importfile.Line) (model.ImportProgress, error) {
	var progress model.ImportProgress
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		progress, err = a.importBatch(ctx, tx, tenantID, lines)
		return err
	})
	return progress, err
}

// pendingLine is a valid line on its way in.
type pendingLine struct {
	line       importfile.Line
	candidate  importfile.Candidate
	rejections []model.Rejection
}

func (a *App) importBatch(ctx context.Context, tx *store.Tx, tenantID string, lines []importfile.Line) (model.ImportProgress, error) {
	now := a.now()
	p := model.ImportProgress{LinesRead: len(lines)}
	var pending []pendingLine
	for _, l := range lines {
		pl, errs := a.checkImportLine(l)
		if len(errs) > 0 {
			p.LinesFailed++
			p.LineErrors = append(p.LineErrors, errs...)
			continue
		}
		pending = append(pending, pl)
	}
	if len(pending) == 0 {
		return p, nil
	}
	tenant, err := tx.Tenant(ctx, tenantID)
	if err != nil {
		return p, err
	}

	// Candidates: the existing ones by external_id, new ones created once however many lines
	// name them.
	var extIDs, refs []string
	for _, pl := range pending {
		extIDs = append(extIDs, pl.candidate.ExternalID)
		for _, r := range pl.rejections {
			refs = append(refs, *r.ExternalRef)
		}
	}
	if err := tx.LockExternalRefs(ctx, tenantID, refs); err != nil {
		return p, err
	}
	known, err := tx.CandidatesByExternalID(ctx, tenantID, uniq(extIDs))
	if err != nil {
		return p, err
	}
	created := map[string]*model.Candidate{}
	updated := map[string]*model.Candidate{}
	var order []string // new candidates in line order
	for _, pl := range pending {
		c := pl.candidate
		if existing, ok := known[c.ExternalID]; ok {
			next := applyGiven(existing, c)
			if reflect.DeepEqual(next, existing) {
				if pl.line.Kind == importfile.CandidateLine {
					p.CandidatesSkipped++
				}
				continue
			}
			next.UpdatedAt = now
			known[c.ExternalID] = next
			updated[c.ExternalID] = &next
			p.CandidatesUpdated++
			continue
		}
		if nc, ok := created[c.ExternalID]; ok {
			if next := applyGiven(*nc, c); !reflect.DeepEqual(next, *nc) {
				*nc = next
				p.CandidatesUpdated++
			}
			continue
		}
		nc := c.Candidate
		nc.ApplyDefaults()
		nc.TenantID, nc.ID, nc.CreatedAt, nc.UpdatedAt = tenantID, a.newID(model.PrefixCandidate), now, now
		created[c.ExternalID] = &nc
		order = append(order, c.ExternalID)
	}
	newRows := make([]model.Candidate, 0, len(order))
	for _, ext := range order {
		newRows = append(newRows, *created[ext])
	}
	if err := tx.CreateCandidates(ctx, newRows); err != nil {
		return p, err
	}
	if len(order) > 0 {
		// A concurrent writer may have created some of them first: its row wins, and the
		// lines' rejections go to it.
		winners, err := tx.CandidatesByExternalID(ctx, tenantID, order)
		if err != nil {
			return p, err
		}
		for _, ext := range order {
			w, ok := winners[ext]
			if !ok {
				return p, errors.New("import: a new candidate was neither inserted nor found")
			}
			if w.ID == created[ext].ID {
				p.CandidatesCreated++
			} else {
				p.CandidatesSkipped++
			}
			known[ext] = w
		}
	}
	// In a fixed order, so two imports updating the same candidates never wait for each other
	// in a cycle.
	for _, ext := range slices.Sorted(maps.Keys(updated)) {
		if err := tx.UpdateCandidateProfile(ctx, *updated[ext]); err != nil {
			return p, err
		}
		known[ext] = *updated[ext]
	}

	// Rejections: what the tenant already has by external_ref is skipped, as is a ref seen
	// earlier in the batch.
	existingRefs, err := tx.RejectionsByExternalRef(ctx, tenantID, uniq(refs))
	if err != nil {
		return p, err
	}
	seen := map[string]bool{}
	var rejections []model.Rejection
	for _, pl := range pending {
		cand := known[pl.candidate.ExternalID]
		for _, r := range pl.rejections {
			ref := *r.ExternalRef
			if _, ok := existingRefs[ref]; ok || seen[ref] {
				p.RejectionsSkipped++
				continue
			}
			seen[ref] = true
			r.TenantID, r.ID, r.CandidateID, r.CreatedAt, r.UpdatedAt = tenantID, a.newID(model.PrefixRejection), cand.ID, now, now
			if r.Status == "closed" {
				r.ClosedAt = &now // retention counts from when Rebound learnt it was closed, as for the API
			}
			for i := range r.Contacts {
				r.Contacts[i].ID = a.newID(model.PrefixContact)
			}
			rejections = append(rejections, r)
		}
	}
	if len(rejections) == 0 {
		return p, nil
	}

	pc, err := a.readPlanContext(ctx, tx, tenant, known, rejections)
	if err != nil {
		return p, err
	}
	// The rejections go in while their plans are built: the database and the rules work side
	// by side (the build does no I/O, so the transaction has one user at a time).
	inserted := make(chan error, 1)
	go func() { inserted <- tx.CreateRejections(ctx, rejections) }()
	plans, steps, revisions, buildErr := a.buildImportPlans(pc, rejections, now)
	if err := <-inserted; err != nil {
		return p, err
	}
	if buildErr != nil {
		return p, buildErr
	}
	for _, cand := range pc.refresh {
		a.afterCommit(ctx, func(ctx context.Context) { a.refreshPlans(ctx, tenant.ID, cand, importTrigger, nil) })
	}
	if err := tx.CreatePlans(ctx, plans, steps); err != nil {
		return p, err
	}
	if err := tx.CreatePlanRevisions(ctx, revisions); err != nil {
		return p, err
	}
	p.RejectionsCreated = len(rejections)
	return p, nil
}

// planContext is what building a batch's plans reads from the database: each candidate's
// history (merged with the batch's own rejections, newest first) and open plans.
type planContext struct {
	tenant     model.Tenant
	candidates map[string]model.Candidate // by id
	history    map[string][]model.Rejection
	siblings   map[string][]recovery.SiblingPlan
	refresh    []string // candidates whose live plans from before the batch must be refreshed
}

// readPlanContext reads, once for the whole batch, the history and the open plans of the
// candidates of its new rejections.
func (a *App) readPlanContext(ctx context.Context, tx *store.Tx, tenant model.Tenant, candidates map[string]model.Candidate, rejections []model.Rejection) (planContext, error) {
	pc := planContext{tenant: tenant, candidates: map[string]model.Candidate{}}
	for _, c := range candidates {
		pc.candidates[c.ID] = c
	}
	since := rejections[0].ReceivedAt
	var candIDs []string
	mine := map[string][]model.Rejection{}
	for _, r := range rejections {
		if r.ReceivedAt.Before(since) {
			since = r.ReceivedAt
		}
		if _, ok := mine[r.CandidateID]; !ok {
			candIDs = append(candIDs, r.CandidateID)
		}
		mine[r.CandidateID] = append(mine[r.CandidateID], r)
	}
	var err error
	if pc.history, err = tx.RecentRejectionsOfCandidates(ctx, tenant.ID, candIDs, since.Add(-historyWindow), store.MaxHistoryRejections); err != nil {
		return pc, err
	}
	for id, rs := range mine {
		all := append(pc.history[id], rs...)
		slices.SortFunc(all, newestRejectionFirst)
		pc.history[id] = all
	}
	pc.siblings, pc.refresh, err = a.storedSiblings(ctx, tx, tenant.ID, candIDs)
	return pc, err
}

func newestRejectionFirst(x, y model.Rejection) int {
	if c := y.ReceivedAt.Compare(x.ReceivedAt); c != 0 {
		return c
	}
	return strings.Compare(y.ID, x.ID)
}

// buildImportPlans builds the plans of a batch's new rejections with buildPlan, the pure part
// regenerate uses, from what readPlanContext read: a plan sees the rejections imported beside it
// as it would have seen them recorded one by one, and its siblings — the candidate's other open
// plans, whose candidate-wide advice it must not repeat — are the plans already stored and the
// batch's other new plans. A candidate's plans are built newest rejection first, as the sibling
// protocol regenerates them, so a plan built later sees the advice the newer ones took;
// candidates are independent, so they are built in parallel. It does no I/O.
func (a *App) buildImportPlans(pc planContext, rejections []model.Rejection, now time.Time) ([]model.RecoveryPlan, []model.PlanStep, []model.PlanRevision, error) {
	plans := make([]model.RecoveryPlan, len(rejections))
	byCandidate := map[string][]int{}
	var candIDs []string
	for i, r := range rejections {
		plans[i] = a.newPlan(r, pc.candidates[r.CandidateID].Location(), historical(pc.tenant, r.ReceivedAt, now), now)
		if _, ok := byCandidate[r.CandidateID]; !ok {
			candIDs = append(candIDs, r.CandidateID)
		}
		byCandidate[r.CandidateID] = append(byCandidate[r.CandidateID], i)
	}
	revisions := make([]model.PlanRevision, len(rejections))
	rowsOf := make([][]model.PlanStep, len(rejections))
	build := func(cand string) error {
		order := byCandidate[cand]
		slices.SortStableFunc(order, func(i, j int) int { return newestRejectionFirst(rejections[i], rejections[j]) })
		siblings := slices.Clone(pc.siblings[cand])
		for _, i := range order {
			r := rejections[i]
			in, err := basePlanInput(r, pc.candidates[cand], plans[i])
			if err != nil {
				return err
			}
			in.History = pastRejections(r, pc.history[cand])
			in.Siblings = siblingsOf(plans[i].ID, siblings)
			built := a.buildPlan(plans[i], nil, in, true, now)
			sib := recovery.SiblingPlan{PlanID: plans[i].ID, RejectionID: r.ID, ReceivedAt: r.ReceivedAt, Historical: plans[i].Historical}
			for j := range built.rows {
				built.rows[j].UpdatedAt = now
				sib.Steps = append(sib.Steps, recovery.SiblingStep{ID: built.rows[j].ID, Key: built.rows[j].Key, Status: built.rows[j].Status})
			}
			siblings = append(siblings, sib)
			plans[i], rowsOf[i] = built.plan, built.rows
			revisions[i] = *a.revision(built.plan, importTrigger, built.changes, now)
		}
		return nil
	}
	if err := parallel(candIDs, build); err != nil {
		return nil, nil, nil, err
	}
	var steps []model.PlanStep
	for _, rows := range rowsOf {
		steps = append(steps, rows...)
	}
	return plans, steps, revisions, nil
}

// parallel runs f for every item on as many goroutines as there are processors, and returns
// the first error.
func parallel(items []string, f func(string) error) error {
	work := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for n := min(runtime.GOMAXPROCS(0), len(items)); n > 0; n-- {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for item := range work {
				if err := f(item); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

// storedSiblings reads the open plans the batch's candidates already have, as siblings (with
// their rejections' dates and their steps), and says which candidates have live ones among
// them: those plans must be refreshed after the batch.
func (a *App) storedSiblings(ctx context.Context, tx *store.Tx, tenantID string, candIDs []string) (map[string][]recovery.SiblingPlan, []string, error) {
	out := map[string][]recovery.SiblingPlan{}
	open, err := tx.OpenPlansOfCandidates(ctx, tenantID, candIDs, recovery.MaxSiblingPlans)
	if err != nil || len(open) == 0 {
		return out, nil, err
	}
	rejections, err := tx.RejectionsByID(ctx, tenantID, rejectionIDs(open))
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, 0, len(open))
	for _, p := range open {
		ids = append(ids, p.ID)
	}
	steps, err := tx.PlanSteps(ctx, tenantID, ids...)
	if err != nil {
		return nil, nil, err
	}
	var refresh []string
	for _, p := range open {
		sp := recovery.SiblingPlan{PlanID: p.ID, RejectionID: p.RejectionID, ReceivedAt: rejections[p.RejectionID].ReceivedAt, Historical: p.Historical}
		for _, st := range steps[p.ID] {
			sp.Steps = append(sp.Steps, recovery.SiblingStep{ID: st.ID, Key: st.Key, Status: st.Status})
		}
		if !p.Historical && !slices.Contains(refresh, p.CandidateID) {
			refresh = append(refresh, p.CandidateID)
		}
		out[p.CandidateID] = append(out[p.CandidateID], sp)
	}
	return out, refresh, nil
}

// siblingsOf is a plan's siblings out of all its candidate's open plans: the others, the
// newest rejections first, at most recovery.MaxSiblingPlans.
func siblingsOf(planID string, all []recovery.SiblingPlan) []recovery.SiblingPlan {
	out := make([]recovery.SiblingPlan, 0, len(all))
	for _, sp := range all {
		if sp.PlanID != planID {
			out = append(out, sp)
		}
	}
	slices.SortFunc(out, func(x, y recovery.SiblingPlan) int {
		if c := y.ReceivedAt.Compare(x.ReceivedAt); c != 0 {
			return c
		}
		return strings.Compare(y.RejectionID, x.RejectionID)
	})
	if len(out) > recovery.MaxSiblingPlans {
		out = out[:recovery.MaxSiblingPlans]
	}
	return out
}

// checkImportLine validates a decoded line with the API's rules, after the same
// normalisation and defaults, and locates each problem inside the line.
func (a *App) checkImportLine(l importfile.Line) (pendingLine, []model.LineError) {
	if l.Failed() {
		return pendingLine{}, l.Errors
	}
	var errs []model.LineError
	add := func(prefix string, err error) {
		var ve *model.ValidationError
		if errors.As(err, &ve) {
			for _, fe := range ve.Errors {
				errs = append(errs, model.LineError{Line: l.Number, Pointer: prefix + fe.Pointer, Detail: fe.Detail})
			}
		}
	}
	c := l.Candidate
	c.Normalize()
	if l.Kind == importfile.RejectionLine {
		var ce model.Errors
		model.CheckText(&ce, "/candidate_external_id", c.ExternalID, true, model.MaxExternalIDLength)
		add("", ce.Err())
	} else {
		check := c.Candidate
		check.ApplyDefaults()
		add("/candidate", check.Check())
	}
	out := pendingLine{line: l, candidate: c}
	for i, r := range l.Rejections {
		prefix := ""
		if l.Kind == importfile.CandidateLine {
			prefix = "/rejections/" + itoa(i)
		}
		r.Normalize()
		r.ApplyDefaults()
		if err := a.checkRejection(&r); err != nil {
			add(prefix, err)
			continue
		}
		out.rejections = append(out.rejections, r)
	}
	return out, errs
}

// applyGiven applies the fields a line gave to a candidate.
func applyGiven(c model.Candidate, line importfile.Candidate) model.Candidate {
	g := line.Given
	if g.DisplayName {
		c.DisplayName = line.DisplayName
	}
	if g.Email {
		c.Email = line.Email
	}
	if g.Timezone {
		c.Timezone = line.Timezone
	}
	if g.Locale {
		c.Locale = line.Locale
	}
	if g.Metadata {
		c.Metadata = maps.Clone(line.Metadata)
	}
	return c
}

// uniq returns the distinct values of s, in first-seen order.
func uniq(s []string) []string {
	seen := make(map[string]bool, len(s))
	out := make([]string, 0, len(s))
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
