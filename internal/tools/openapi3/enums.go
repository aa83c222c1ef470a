package main

import (
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/recovery"
)

// enumSource is an enum the server keeps as a Go list. The document takes it from the list, so
// it can never drift from what the server checks; an `enums` tag on the same property must
// agree (the conversion fails otherwise).
type enumSource struct {
	Schema, Property string // a component property (for arrays: its items)
	Operation, Param string // or a parameter of an operation
	Values           []string
}

func enumSources() []enumSource {
	subscribable := append([]string{model.WildcardEvents}, model.EventTypes...)
	recorded := append(append([]string{}, model.EventTypes...), model.EventPing)
	planStatuses := []string{recovery.PlanActive, recovery.PlanCompleted}
	stepStatuses := []string{recovery.StatusPending, recovery.StatusInProgress, recovery.StatusDone, recovery.StatusSkipped}
	var out []enumSource
	props := func(values []string, at ...string) {
		for i := 0; i+1 < len(at); i += 2 {
			out = append(out, enumSource{Schema: at[i], Property: at[i+1], Values: values})
		}
	}
	props(model.Stages, "Rejection", "stage", "RejectionCreateRequest", "stage", "RejectionUpdateRequest", "stage", "InsightStage", "stage")
	props(model.Channels, "Rejection", "channel", "RejectionCreateRequest", "channel", "RejectionUpdateRequest", "channel")
	props(model.ReasonCategories, "Rejection", "reason_category", "RejectionCreateRequest", "reason_category", "RejectionUpdateRequest", "reason_category", "InsightReason", "category")
	props(model.RejectionStatuses, "Rejection", "status", "RejectionCreateRequest", "status", "RejectionUpdateRequest", "status")
	props(model.ContactRoles, "Contact", "role", "ContactInput", "role", "FeedbackRecipient", "role", "FeedbackRecipientInput", "role")
	props(model.FeedbackSources, "Feedback", "source", "FeedbackCreateRequest", "source")
	props(model.FeedbackCategories, "FeedbackItem", "category", "InsightArea", "category", "PublicFeedbackRequest", "categories")
	props(model.FeedbackPolarities, "FeedbackItem", "polarity", "PublicFeedbackRequest", "polarities")
	props(model.AllScopes, "APIKey", "scopes", "APIKeyCreateRequest", "scopes")
	props(subscribable, "WebhookEndpoint", "enabled_events", "WebhookEndpointCreateRequest", "enabled_events", "WebhookEndpointUpdateRequest", "enabled_events")
	props(recorded, "WebhookDelivery", "event_type")
	props(recovery.Kinds(), "RecoveryPlanStep", "kind", "PlanChange", "kind", "AgendaItem", "kind")
	props(planStatuses, "RecoveryPlan", "status")
	props(stepStatuses, "RecoveryPlanStep", "status", "RecoveryPlanStepUpdateRequest", "status")
	out = append(out,
		enumSource{Operation: "listEvents", Param: "type", Values: model.EventTypes},
		enumSource{Operation: "listRejections", Param: "stage", Values: model.Stages},
		enumSource{Operation: "listRejections", Param: "status", Values: model.RejectionStatuses},
		enumSource{Operation: "listPlans", Param: "status", Values: planStatuses},
	)
	return out
}

// enums applies enumSources.
func (c *converter) enums() error {
	ops := c.operations()
	for _, e := range enumSources() {
		var target *openapi3.Schema
		where := e.Schema + "." + e.Property
		if e.Schema != "" {
			s, err := c.schema(e.Schema)
			if err != nil {
				return err
			}
			p := s.Properties[e.Property]
			if p == nil || p.Ref != "" {
				return fmt.Errorf("enum for %s: no such inline property", where)
			}
			target = p.Value
		} else {
			where = e.Operation + "?" + e.Param
			op := ops[e.Operation]
			if op == nil || op.Parameters.GetByInAndName(openapi3.ParameterInQuery, e.Param) == nil {
				return fmt.Errorf("enum for %s: no such query parameter", where)
			}
			target = op.Parameters.GetByInAndName(openapi3.ParameterInQuery, e.Param).Schema.Value
		}
		if target.Type.Is(openapi3.TypeArray) {
			target = target.Items.Value
		}
		values := make([]any, len(e.Values))
		for i, v := range e.Values {
			values[i] = v
		}
		if target.Enum != nil && !slices.Equal(anyStrings(target.Enum), e.Values) {
			return fmt.Errorf("enum for %s: the enums tag says %v, the server checks %v", where, target.Enum, e.Values)
		}
		target.Enum = values
	}
	return nil
}

func anyStrings(vs []any) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = fmt.Sprint(v)
	}
	return out
}

// operations indexes the document's operations by operationId.
func (c *converter) operations() map[string]*openapi3.Operation {
	out := map[string]*openapi3.Operation{}
	for _, item := range c.doc.Paths.Map() {
		for _, op := range item.Operations() {
			out[op.OperationID] = op
		}
	}
	return out
}
