package app

import (
	"context"
	"slices"
	"time"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// earliestZone is the zone whose calendar runs furthest ahead (UTC+14): no candidate anywhere is
// already on a later date.
var earliestZone = time.FixedZone("UTC+14", 14*60*60)

// EmitDueSteps records recovery_plan.step_due for pending or in-progress steps whose due date
// has arrived in their candidate's time zone, at most limit per call, found with three indexed
// queries whatever the number of tenants. Each step is announced once, even with several
// replicas: the claim is a conditional update (still unannounced, still due on that date, still
// open) in the same transaction as the events. A tenant's due steps are claimed and announced
// together, one transaction of a constant number of statements for the batch. Historical plans
// never nudge. It returns how many it announced.
func (a *App) EmitDueSteps(ctx context.Context, limit int) (int, error) {
	now := a.now()
	due, err := a.store.DueSteps(ctx, now.In(earliestZone).Format(model.DateLayout), limit)
	if err != nil {
		return 0, err
	}
	byTenant := map[string][]store.DueStep{}
	var tenants []string
	for _, d := range due {
		if now.In(d.Candidate.Location()).Format(model.DateLayout) < d.Step.DueOn {
			continue // not yet due where the candidate lives
		}
		if _, ok := byTenant[d.Step.TenantID]; !ok {
			tenants = append(tenants, d.Step.TenantID)
		}
		byTenant[d.Step.TenantID] = append(byTenant[d.Step.TenantID], d)
	}
	n := 0
	for _, tenant := range tenants {
		steps := byTenant[tenant]
		err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
			claims := make([]store.StepDueClaim, len(steps))
			for i, d := range steps {
				claims[i] = store.StepDueClaim{StepID: d.Step.ID, DueOn: d.Step.DueOn}
			}
			claimed, err := tx.ClaimStepsDue(ctx, tenant, claims, now)
			if err != nil {
				return err
			}
			for _, d := range steps {
				if !slices.Contains(claimed, d.Step.ID) {
					continue // another replica announced it, or the step moved or closed
				}
				body := wire.FromStepDue(d.Plan, d.Step, d.Candidate.Timezone)
				if _, err := a.record(ctx, tx, tenant, model.EventRecoveryPlanStepDue, body,
					eventRefs{candidateID: d.Plan.CandidateID, rejectionID: d.Plan.RejectionID, subjectID: d.Plan.ID}); err != nil {
					return err
				}
			}
			n += len(claimed)
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// latestZone is the zone whose calendar runs furthest behind (UTC-12): a step's due day has
// begun everywhere once it has begun there.
var latestZone = time.FixedZone("UTC-12", -12*60*60)

// StepDueLag is how long the oldest unannounced due step has been due everywhere (0 when none),
// for the step-due lag metric: measured from the start of its due day in UTC-12, so a positive
// lag is late whatever the candidate's time zone.
func (a *App) StepDueLag(ctx context.Context) (time.Duration, error) {
	oldest, err := a.store.OldestUnannouncedDueOn(ctx)
	if err != nil || oldest == "" {
		return 0, err
	}
	day, err := time.ParseInLocation(model.DateLayout, oldest, latestZone)
	if err != nil {
		return 0, err
	}
	if lag := a.now().Sub(day); lag > 0 {
		return lag, nil
	}
	return 0, nil
}

// WebhookBacklogAge is how long the oldest due, pending webhook delivery has waited (0 when
// none), for the backlog metric.
func (a *App) WebhookBacklogAge(ctx context.Context) (time.Duration, error) {
	now := a.now()
	oldest, err := a.store.OldestDueDelivery(ctx, now)
	if err != nil || oldest.IsZero() {
		return 0, err
	}
	return now.Sub(oldest), nil
}
