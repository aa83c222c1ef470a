package app

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// Event returns one of the tenant's events.
func (a *App) Event(ctx context.Context, tenantID, id string) (model.Event, error) {
	return a.store.Event(ctx, tenantID, id)
}

// Events lists the tenant's events.
func (a *App) Events(ctx context.Context, tenantID string, f model.EventFilter, p model.Page) ([]model.Event, bool, error) {
	return a.store.Events(ctx, tenantID, f, p)
}

// redactBatch is how many events one redaction statement round handles.
const redactBatch = 500

// redactEvents replaces data.object of every event that belongs to the rejection (or, with
// subjects, is about one of those records) by {object, id, redacted: true}: the records were
// deleted, and their personal data must not live on in the event log or in deliveries not yet
// sent. Event ids, types and times stay, so pollers still see the sequence.
func (a *App) redactEvents(ctx context.Context, tx *store.Tx, tenantID, rejectionID string, subjectIDs []string) error {
	for {
		evs, err := tx.EventsAbout(ctx, tenantID, rejectionID, subjectIDs, redactBatch)
		if err != nil {
			return err
		}
		for _, ev := range evs {
			payload, err := redactedPayload(ev)
			if err != nil {
				return err
			}
			if err := tx.ReplacePayload(ctx, tenantID, ev.ID, payload); err != nil {
				return err
			}
		}
		if len(evs) < redactBatch {
			return nil
		}
	}
}

// redactedPayload is an event's payload with only the type and id of its object left.
func redactedPayload(ev model.Event) ([]byte, error) {
	var env struct {
		Data struct {
			Object struct {
				Object string `json:"object"`
				ID     string `json:"id"`
			} `json:"object"`
		} `json:"data"`
	}
	if err := json.Unmarshal(ev.Payload, &env); err != nil {
		return nil, fmt.Errorf("redact event %s: %w", ev.ID, err)
	}
	obj := wire.RedactedObject{Object: env.Data.Object.Object, ID: env.Data.Object.ID, Redacted: true}
	return wire.EncodeEvent(ev.ID, ev.Type, ev.CreatedAt, obj)
}
