package api

import (
	"context"

	"github.com/reboundhq/rebound/internal/store"
)

// afterFeedbackChange runs inside the transaction of any change to a rejection's feedback or
// feedback requests: the recovery plan is regenerated from the new facts (feedback arriving
// removes the "ask for feedback" step and adds skill steps; a pending request suppresses asking
// again).
func (s *Server) afterFeedbackChange(ctx context.Context, tx *store.Store, tenantID, rejectionID, trigger string) error {
	return s.syncPlan(ctx, tx, tenantID, rejectionID, trigger)
}
