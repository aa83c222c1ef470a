package app

import (
	"context"
	"encoding/json"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/wire"
)

// AnswersError carries the per-prompt errors of a reflection's answers.
type AnswersError struct {
	Errors []recovery.AnswerError
}

func (e *AnswersError) Error() string { return "invalid reflection answers" }

// Validation turns the answer errors into field errors naming each prompt.
func (e *AnswersError) Validation() *model.ValidationError {
	out := make([]model.FieldError, 0, len(e.Errors))
	for _, ae := range e.Errors {
		p := "/answers/" + ae.Key
		if ae.Key == "" {
			p = "/prompt_version"
		}
		out = append(out, model.FieldError{Pointer: p, Detail: ae.Detail})
	}
	return &model.ValidationError{Errors: out}
}

// normalizeAnswers round-trips answers through JSON so what is stored, returned and fed to the
// rules is the same value whether it was just validated or read back later.
func normalizeAnswers(in map[string]any) (map[string]any, error) {
	b, err := json.Marshal(in)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(b, &out)
}

// RecordReflection stores the candidate's self-assessment of a rejection, answered against the
// prompt catalogue version given ("" for the current one), and regenerates the plan.
func (a *App) RecordReflection(ctx context.Context, tenantID, rejectionID, promptVersion string, answers map[string]json.RawMessage) (model.Reflection, error) {
	if promptVersion == "" {
		promptVersion = recovery.CurrentPromptVersion
	}
	var out model.Reflection
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		rej, err := tx.RejectionForUpdate(ctx, tenantID, rejectionID)
		if err != nil {
			return err
		}
		valid, aerrs := recovery.ValidateAnswers(promptVersion, answers)
		if aerrs != nil {
			return (&AnswersError{Errors: aerrs}).Validation()
		}
		if valid, err = normalizeAnswers(valid); err != nil {
			return err
		}
		now := a.now()
		r := model.Reflection{TenantID: tenantID, ID: a.newID(model.PrefixReflection), RejectionID: rej.ID, CandidateID: rej.CandidateID,
			PromptVersion: promptVersion, Answers: valid, CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateReflection(ctx, &r); err != nil {
			return err
		}
		out = r
		if _, err := a.record(ctx, tx, tenantID, model.EventReflectionCreated, wire.FromReflection(r), eventRefs{candidateID: r.CandidateID, rejectionID: r.RejectionID, subjectID: r.ID}); err != nil {
			return err
		}
		return a.syncPlan(ctx, tx, rej, model.EventReflectionCreated, false)
	})
	return out, err
}

// Reflection returns one of the tenant's reflections.
func (a *App) Reflection(ctx context.Context, tenantID, id string) (model.Reflection, error) {
	return a.store.Reflection(ctx, tenantID, id)
}

// Reflections lists a rejection's reflections; another tenant's rejection is not found.
func (a *App) Reflections(ctx context.Context, tenantID, rejectionID string, p model.Page) ([]model.Reflection, bool, error) {
	if _, err := a.store.Rejection(ctx, tenantID, rejectionID); err != nil {
		return nil, false, err
	}
	return a.store.Reflections(ctx, tenantID, rejectionID, p)
}

// UpdateReflection merges answer changes into a reflection (null clears an optional answer) and
// regenerates the plan. check runs on the current reflection first (If-Match).
func (a *App) UpdateReflection(ctx context.Context, tenantID, id string, check func(model.Reflection) error, changes map[string]json.RawMessage) (model.Reflection, error) {
	var out model.Reflection
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		current, err := tx.Reflection(ctx, tenantID, id)
		if err != nil {
			return err
		}
		rej, err := tx.RejectionForUpdate(ctx, tenantID, current.RejectionID)
		if err != nil {
			return err
		}
		r, err := tx.UpdateReflection(ctx, tenantID, id, func(r *model.Reflection) error {
			if check != nil {
				if err := check(*r); err != nil {
					return err
				}
			}
			next, aerrs := recovery.ApplyAnswerPatch(r.PromptVersion, r.Answers, changes)
			if aerrs != nil {
				return (&AnswersError{Errors: aerrs}).Validation()
			}
			next, err := normalizeAnswers(next)
			r.Answers, r.UpdatedAt = next, a.now()
			return err
		})
		if err != nil {
			return err
		}
		out = r
		if _, err := a.record(ctx, tx, tenantID, model.EventReflectionUpdated, wire.FromReflection(r), eventRefs{candidateID: r.CandidateID, rejectionID: r.RejectionID, subjectID: r.ID}); err != nil {
			return err
		}
		return a.syncPlan(ctx, tx, rej, model.EventReflectionUpdated, false)
	})
	return out, err
}
