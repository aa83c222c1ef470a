package app

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/importfile"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// importTrigger names the plan revisions an import creates.
const importTrigger = "import"

// ImportRejections records one batch of decoded import lines in one transaction (the one on
// ctx, or its own): it upserts the candidates by external_id, skips rejections whose
// external_ref the tenant already has, and inserts the new rejections with their plans, steps
// and revisions using multi-row inserts. Every record is checked with the same rules as the
// API; a line with any invalid field is left out whole and reported, the rest go in. Plans are
// built by the same code as syncPlan, with each candidate's history read once for the batch
// (and including the batch's own rejections); a rejection older than the tenant's
// historical_after_days gets a historical plan, which never nudges. It records no events: the
// import's own import.completed summarises the file.
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
	for ext, c := range updated {
		if err := tx.UpdateCandidateProfile(ctx, *c); err != nil {
			return p, err
		}
		known[ext] = *c
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
			for i := range r.Contacts {
				r.Contacts[i].ID = a.newID(model.PrefixContact)
			}
			rejections = append(rejections, r)
		}
	}
	if len(rejections) == 0 {
		return p, nil
	}

	plans, steps, revisions, err := a.importPlans(ctx, tx, tenant, known, rejections, now)
	if err != nil {
		return p, err
	}
	if err := tx.CreateRejections(ctx, rejections); err != nil {
		return p, err
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

// importPlans builds the plans of a batch's new rejections with the same code syncPlan uses.
// Each candidate's history is read once for the batch and merged with the batch's own
// rejections, so a plan sees the rejections imported beside it as it would have seen them
// recorded one by one.
func (a *App) importPlans(ctx context.Context, tx *store.Tx, tenant model.Tenant, candidates map[string]model.Candidate, rejections []model.Rejection, now time.Time) ([]model.RecoveryPlan, []model.PlanStep, []model.PlanRevision, error) {
	byID := map[string]model.Candidate{}
	for _, c := range candidates {
		byID[c.ID] = c
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
	history, err := tx.RecentRejectionsOfCandidates(ctx, tenant.ID, candIDs, since.Add(-historyWindow), store.MaxHistoryRejections)
	if err != nil {
		return nil, nil, nil, err
	}
	for id, rs := range mine {
		all := append(history[id], rs...)
		slices.SortFunc(all, func(x, y model.Rejection) int {
			if c := y.ReceivedAt.Compare(x.ReceivedAt); c != 0 {
				return c
			}
			return strings.Compare(y.ID, x.ID)
		})
		history[id] = all
	}
	plans := make([]model.RecoveryPlan, 0, len(rejections))
	revisions := make([]model.PlanRevision, 0, len(rejections))
	var steps []model.PlanStep
	for _, r := range rejections {
		loc := byID[r.CandidateID].Location()
		plan := a.newPlan(r, loc, historical(tenant, r.ReceivedAt, now), now)
		in, err := basePlanInput(r, plan, loc)
		if err != nil {
			return nil, nil, nil, err
		}
		in.History = pastRejections(r, history[r.CandidateID])
		plan, rows, changes, _ := a.regenerate(plan, nil, in, true, now)
		for i := range rows {
			rows[i].UpdatedAt = now
		}
		plans = append(plans, plan)
		steps = append(steps, rows...)
		revisions = append(revisions, *a.revision(plan, importTrigger, changes, now))
	}
	return plans, steps, revisions, nil
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
