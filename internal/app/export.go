package app

import (
	"context"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
)

// exportPage is how many rejections (or events) an export reads per round of queries.
const exportPage = 100

// RejectionRecords is one rejection with everything under it, as the export hands it over.
type RejectionRecords struct {
	Rejection        model.Rejection
	FeedbackRequests []model.FeedbackRequest
	Feedback         []model.Feedback
	Reflections      []model.Reflection
	Plan             *model.RecoveryPlan
	Steps            []model.PlanStep
	Revisions        []model.PlanRevision
}

// ExportVisitor receives an export piece by piece, so the caller can stream it: the candidate
// first, then each rejection with its records, then each event that still holds their data.
type ExportVisitor struct {
	Candidate func(model.Candidate) error
	Rejection func(RejectionRecords) error
	Event     func(model.Event) error
}

// ExportCandidate hands everything Rebound holds about one candidate to v, read from one
// consistent snapshot in pages (seven queries per hundred rejections, whatever they hold). An
// unknown candidate is ErrNotFound before anything is handed over.
func (a *App) ExportCandidate(ctx context.Context, tenantID, candidateID string, v ExportVisitor) error {
	return a.store.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.Snapshot(ctx); err != nil {
			return err
		}
		cand, err := tx.Candidate(ctx, tenantID, candidateID)
		if err != nil {
			return err
		}
		if err := v.Candidate(cand); err != nil {
			return err
		}
		for after := ""; ; {
			page, err := tx.CandidateRejectionPage(ctx, tenantID, candidateID, after, exportPage)
			if err != nil {
				return err
			}
			if err := a.exportRejections(ctx, tx, tenantID, page, v); err != nil {
				return err
			}
			if len(page) < exportPage {
				break
			}
			after = page[len(page)-1].ID
		}
		for after := ""; ; {
			page, err := tx.CandidateEventPage(ctx, tenantID, candidateID, after, exportPage)
			if err != nil {
				return err
			}
			for _, ev := range page {
				if err := v.Event(ev); err != nil {
					return err
				}
			}
			if len(page) < exportPage {
				return nil
			}
			after = page[len(page)-1].ID
		}
	})
}

// exportRejections reads the records under one page of rejections and hands each over.
func (a *App) exportRejections(ctx context.Context, tx *store.Tx, tenantID string, page []model.Rejection, v ExportVisitor) error {
	if len(page) == 0 {
		return nil
	}
	ids := make([]string, 0, len(page))
	bundles := make(map[string]*RejectionRecords, len(page))
	for _, r := range page {
		ids = append(ids, r.ID)
		bundles[r.ID] = &RejectionRecords{Rejection: r}
	}
	requests, err := tx.FeedbackRequestsOf(ctx, tenantID, ids)
	if err != nil {
		return err
	}
	for _, fr := range requests {
		bundles[fr.RejectionID].FeedbackRequests = append(bundles[fr.RejectionID].FeedbackRequests, fr)
	}
	feedback, err := tx.FeedbackOf(ctx, tenantID, ids)
	if err != nil {
		return err
	}
	for _, f := range feedback {
		bundles[f.RejectionID].Feedback = append(bundles[f.RejectionID].Feedback, f)
	}
	reflections, err := tx.ReflectionsOf(ctx, tenantID, ids)
	if err != nil {
		return err
	}
	for _, rf := range reflections {
		bundles[rf.RejectionID].Reflections = append(bundles[rf.RejectionID].Reflections, rf)
	}
	plans, err := tx.PlansOf(ctx, tenantID, ids)
	if err != nil {
		return err
	}
	planIDs := make([]string, 0, len(plans))
	rejectionOf := map[string]string{}
	for i := range plans {
		p := plans[i]
		bundles[p.RejectionID].Plan = &p
		planIDs = append(planIDs, p.ID)
		rejectionOf[p.ID] = p.RejectionID
	}
	steps, err := tx.PlanSteps(ctx, tenantID, planIDs...)
	if err != nil {
		return err
	}
	for planID, ss := range steps {
		bundles[rejectionOf[planID]].Steps = ss
	}
	revisions, err := tx.RevisionsOf(ctx, tenantID, planIDs)
	if err != nil {
		return err
	}
	for _, rv := range revisions {
		b := bundles[rejectionOf[rv.PlanID]]
		b.Revisions = append(b.Revisions, rv)
	}
	for _, r := range page {
		if err := v.Rejection(*bundles[r.ID]); err != nil {
			return err
		}
	}
	return nil
}
