package wire

import (
	"time"

	"github.com/reboundhq/rebound/internal/connector"
	"github.com/reboundhq/rebound/internal/model"
)

// Connector is an ATS connector as the API returns it: never its secret or API key.
type Connector struct {
	Object string `json:"object" example:"connector"`
	ID     string `json:"id" example:"conn_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b"`
	Kind   string `json:"kind" example:"greenhouse"`
	// WebhookURL is where the ATS must send its webhooks (see docs/connectors.md).
	WebhookURL string `json:"webhook_url" example:"https://rebound.example.com/v1/public/connectors/conn_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b/deliveries"`
	// SecretHint is the last four characters of the signature secret, to tell secrets apart.
	SecretHint string `json:"secret_hint" example:"f00d"`
	HasAPIKey  bool   `json:"has_api_key" example:"false"`
	BaseURL    string `json:"base_url" example:""`
	Company    string `json:"company" example:"Northwind Analytics"`
	Timezone   string `json:"timezone" example:"Europe/London"`
	// StageMap and ReasonMap are your mappings of ATS stage and rejection reason names onto
	// Rebound's; DefaultStageMap and DefaultReasonMap the kind's built-in ones, consulted after
	// yours. Names compare without regard to case or surrounding spaces.
	StageMap         map[string]string `json:"stage_map" example:"Take Home Test:assessment"`
	ReasonMap        map[string]string `json:"reason_map" example:"Too Junior:experience_gap"`
	DefaultStage     string            `json:"default_stage" enums:"application,screening,phone_screen,assessment,interview,final_round,offer" example:"application"`
	DefaultReason    string            `json:"default_reason" enums:"position_filled,stronger_candidate,internal_candidate,skills_gap,experience_gap,culture_fit,compensation,location,role_cancelled,no_reason_given,other" example:"other"`
	DefaultStageMap  map[string]string `json:"default_stage_map" example:"phone screen:phone_screen"`
	DefaultReasonMap map[string]string `json:"default_reason_map" example:"withdrew:ignore"`
	Status           ConnectorStatus   `json:"status"`
	CreatedAt        time.Time         `json:"created_at" example:"2026-11-20T09:30:00Z"`
	UpdatedAt        time.Time         `json:"updated_at" example:"2026-11-20T09:30:00Z"`
} //	@name	Connector

// ConnectorStatus is what a connector has received, for setting it up and watching it.
type ConnectorStatus struct {
	Received          int64 `json:"received" example:"120"`
	Recorded          int64 `json:"recorded" example:"97"`
	Duplicates        int64 `json:"duplicates" example:"3"`
	Withdrawn         int64 `json:"withdrawn" example:"11"`
	Ignored           int64 `json:"ignored" example:"6"`
	Failed            int64 `json:"failed" example:"2"`
	SignatureFailures int64 `json:"signature_failures" example:"1"`
	// Unmapped counts the ATS stage and reason names no mapping knew, which were recorded as
	// default_stage and default_reason: add them to stage_map and reason_map.
	Unmapped       UnmappedNames `json:"unmapped"`
	LastReceivedAt *time.Time    `json:"last_received_at" example:"2026-11-20T10:00:00Z" extensions:"x-nullable"`
	LastError      string        `json:"last_error" example:""`
	LastErrorAt    *time.Time    `json:"last_error_at" example:"2026-11-20T10:00:00Z" extensions:"x-nullable"`
} //	@name	ConnectorStatus

// UnmappedNames counts unmapped ATS names by name.
type UnmappedNames struct {
	Stages  map[string]int64 `json:"stages" example:"Culture Interview:4"`
	Reasons map[string]int64 `json:"reasons" example:"Not now:2"`
} //	@name	UnmappedNames

// FromConnector renders a connector; webhookURL is where its deliveries go.
func FromConnector(c model.Connector, webhookURL string) Connector {
	hint := ""
	if len(c.Secret) >= 8 {
		hint = c.Secret[len(c.Secret)-4:]
	}
	out := Connector{Object: "connector", ID: c.ID, Kind: c.Kind, WebhookURL: webhookURL, SecretHint: hint, HasAPIKey: c.APIKey != nil,
		BaseURL: c.BaseURL, Company: c.Company, Timezone: c.Timezone, StageMap: orEmpty(c.StageMap), ReasonMap: orEmpty(c.ReasonMap),
		DefaultStage: c.DefaultStage, DefaultReason: c.DefaultReason, DefaultStageMap: map[string]string{}, DefaultReasonMap: map[string]string{},
		Status: ConnectorStatus{Received: c.Received, Recorded: c.Recorded, Duplicates: c.Duplicates, Withdrawn: c.Withdrawn,
			Ignored: c.Ignored, Failed: c.Failed, SignatureFailures: c.SignatureFailures,
			Unmapped:       UnmappedNames{Stages: orEmptyCounts(c.Unmapped.Stages), Reasons: orEmptyCounts(c.Unmapped.Reasons)},
			LastReceivedAt: utcPtr(c.LastReceivedAt), LastError: c.LastError, LastErrorAt: utcPtr(c.LastErrorAt)},
		CreatedAt: c.CreatedAt.UTC(), UpdatedAt: c.UpdatedAt.UTC()}
	if k, ok := connector.Lookup(c.Kind); ok {
		out.DefaultStageMap, out.DefaultReasonMap = k.DefaultStages(), k.DefaultReasons()
	}
	return out
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

func orEmptyCounts(m map[string]int64) map[string]int64 {
	if m == nil {
		return map[string]int64{}
	}
	return m
}

// ConnectorDelivery is the answer to an ATS's delivery: what the connector did with it.
type ConnectorDelivery struct {
	Object string `json:"object" example:"connector_delivery"`
	// Outcome: recorded (a rejection was recorded), duplicate (received or recorded before),
	// withdrawn (the candidate withdrew, or the reason is mapped to ignore), undone (a
	// rejection the ATS reversed was deleted), ignored (nothing to do).
	Outcome     string  `json:"outcome" enums:"recorded,duplicate,withdrawn,undone,ignored" example:"recorded"`
	RejectionID *string `json:"rejection_id" example:"rej_0193a5b2d1e27f3a8b9c0d1e2f3a4b5c" extensions:"x-nullable"`
	CandidateID *string `json:"candidate_id" example:"cand_0193a5b2c4d87e6f9a0b1c2d3e4f5a6b" extensions:"x-nullable"`
	Why         string  `json:"why,omitempty" example:""`
} //	@name	ConnectorDelivery
