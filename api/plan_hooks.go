package api

import (
	"context"

	"github.com/reboundhq/rebound/internal/store"
)

// afterFeedbackChange runs, inside the transaction of any change to a rejection's feedback or
// feedback requests, whatever depends on them.
func (s *Server) afterFeedbackChange(ctx context.Context, tx *store.Store, tenantID, rejectionID string) error {
	return nil
}
