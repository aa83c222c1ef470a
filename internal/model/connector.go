package model

import "time"

// PrefixConnector names connector ids.
const PrefixConnector = "conn"

// Limits of a connector's configuration.
const (
	MaxConnectorSecretLength = 500
	MaxConnectorMapEntries   = 200
	MaxConnectorMapKeyLength = 200
	// MaxUnmappedNames bounds how many distinct unmapped stage (and reason) names a connector's
	// status keeps, so a stream of odd names cannot grow the row without end.
	MaxUnmappedNames = 50
)

// IgnoreReason is the reason_map target that makes a connector ignore a rejection with that
// ATS reason (the candidate withdrew, declined the offer, never answered).
const IgnoreReason = "ignore"

// Connector links one of a tenant's ATS accounts (Greenhouse, Lever) to Rebound: rejections
// recruiters record there arrive as signed webhooks and are recorded here. Secret verifies the
// deliveries and APIKey calls the vendor's API; both are kept, not hashed, because they are
// used, and never shown again.
type Connector struct {
	TenantID string `gorm:"primaryKey"`
	ID       string `gorm:"primaryKey"`
	Kind     string
	Secret   string
	APIKey   *string
	BaseURL  string
	// Company names the employer on every rejection: an ATS account is one employer's.
	Company string
	// Timezone is given to candidates the connector creates (the ATS does not know theirs).
	Timezone string
	// StageMap and ReasonMap map the ATS's stage and rejection reason names (compared without
	// regard to case or surrounding spaces) onto Rebound's stage and reason_category; they
	// are consulted before the kind's defaults. A reason mapped to "ignore" is not recorded.
	StageMap      map[string]string `gorm:"serializer:json"`
	ReasonMap     map[string]string `gorm:"serializer:json"`
	DefaultStage  string
	DefaultReason string
	// What arrived, for the operator setting it up.
	Received          int64
	Recorded          int64
	Duplicates        int64
	Ignored           int64
	Withdrawn         int64
	Failed            int64
	SignatureFailures int64
	Unmapped          UnmappedNames `gorm:"serializer:json"`
	LastReceivedAt    *time.Time
	LastError         string
	LastErrorAt       *time.Time
	CreatedAt         time.Time `gorm:"autoCreateTime:false"`
	UpdatedAt         time.Time `gorm:"autoUpdateTime:false"`
}

// UnmappedNames counts the ATS stage and reason names no mapping knew (they were recorded as
// the connector's default stage or reason), so the operator can add them to the maps.
type UnmappedNames struct {
	Stages  map[string]int64 `json:"stages"`
	Reasons map[string]int64 `json:"reasons"`
}

// NoteStage counts one more delivery with the unmapped stage name.
func (u *UnmappedNames) NoteStage(name string) { u.Stages = noteName(u.Stages, name) }

// NoteReason counts one more delivery with the unmapped reason name.
func (u *UnmappedNames) NoteReason(name string) { u.Reasons = noteName(u.Reasons, name) }

// noteName counts name in m, keeping at most MaxUnmappedNames names.
func noteName(m map[string]int64, name string) map[string]int64 {
	if m == nil {
		m = map[string]int64{}
	}
	if _, ok := m[name]; ok || len(m) < MaxUnmappedNames {
		m[name]++
	}
	return m
}

// ConnectorReceipt remembers a delivery a connector accepted, by the vendor's delivery id, so
// a replay is answered without acting twice.
type ConnectorReceipt struct {
	TenantID    string `gorm:"primaryKey"`
	ConnectorID string `gorm:"primaryKey"`
	DeliveryID  string `gorm:"primaryKey"`
	Outcome     string
	RejectionID *string
	ReceivedAt  time.Time
}

// Delivery outcomes: what a connector did with a delivery.
const (
	// DeliveryRecorded: the rejection was recorded (with its candidate, if new).
	DeliveryRecorded = "recorded"
	// DeliveryDuplicate: the delivery, or the rejection it carries, had already been recorded.
	DeliveryDuplicate = "duplicate"
	// DeliveryWithdrawn: the candidate withdrew (or the reason is mapped to ignore): not a
	// rejection to recover from.
	DeliveryWithdrawn = "withdrawn"
	// DeliveryUndone: the rejection was reversed in the ATS (unrejected, hired) and its record
	// and plan were deleted.
	DeliveryUndone = "undone"
	// DeliveryIgnored: an event the connector does not act on (a ping, a prospect, another
	// action), or an undo of nothing recorded.
	DeliveryIgnored = "ignored"
)
