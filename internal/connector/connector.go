// Package connector turns an ATS's webhook deliveries into what Rebound should do: record a
// rejection, undo one, or nothing. Each ATS is one file here (greenhouse.go, lever.go) that
// registers a Kind: how to verify a delivery's signature, how to read it (calling the vendor's
// API when the payload carries only ids), and the vendor's usual stage and reason names. It
// does no database work: the application layer records what a Delivery says, through the same
// use cases as the API. Adding a third ATS is one new file with its Kind and an init that
// registers it.
package connector

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/reboundhq/rebound/internal/webhook"
)

// Errors a Kind reports; the HTTP layer answers 401, 400 and 502 for them.
var (
	// ErrBadSignature: the delivery's signature does not verify with the connector's secret.
	ErrBadSignature = errors.New("connector: signature does not verify")
	// ErrBadPayload: the delivery is not what the vendor documents.
	ErrBadPayload = errors.New("connector: payload not understood")
	// ErrVendorAPI: the vendor's API did not answer as documented (down, key revoked, an id it
	// does not know); the vendor retries the delivery later.
	ErrVendorAPI = errors.New("connector: vendor API call failed")
)

// Action is what a delivery asks for.
type Action int

// The actions.
const (
	// Ignore: nothing to do (a ping, an event not handled, a prospect).
	Ignore Action = iota
	// Reject: a candidate was rejected for an application.
	Reject
	// Undo: a rejection was reversed (unrejected, hired): its record, if any, goes.
	Undo
)

// Delivery is one verified webhook delivery, read.
type Delivery struct {
	// ID identifies the delivery for replay detection: the vendor's delivery id, or what its
	// signature covers.
	ID     string
	Action Action
	// Why is a short explanation of an Ignore (and of a withdrawn Reject).
	Why string
	// Withdrawn marks a Reject where the candidate withdrew rather than was rejected.
	Withdrawn   bool
	Candidate   Person
	Application Application
}

// Person is the candidate as the ATS knows them.
type Person struct {
	ExternalID string // the ATS's candidate (person) id
	Name       string
	Email      string
}

// Application is the application the delivery is about.
type Application struct {
	Ref        string // the ATS's application id: the rejection's external_ref
	RoleTitle  string
	Stage      string // the ATS's stage name, mapped by the application layer
	Reason     string // the ATS's rejection reason name, mapped likewise
	Details    string // free text that came with the reason
	RejectedAt time.Time
	AppliedAt  *time.Time
}

// Settings is what a Kind needs of a connector's configuration.
type Settings struct {
	Secret  string // verifies deliveries
	APIKey  string // calls the vendor's API (Lever)
	BaseURL string // the vendor API's base URL, DefaultBaseURL when empty
}

// Kind is one ATS.
type Kind interface {
	// Name is the kind as the API names it ("greenhouse").
	Name() string
	// NeedsAPIKey says whether deliveries can only be read with the vendor's API.
	NeedsAPIKey() bool
	// DefaultBaseURL is the vendor API's base URL ("" for a kind that makes no calls).
	DefaultBaseURL() string
	// DefaultStages and DefaultReasons map the vendor's usual stage and rejection reason names,
	// lower-case, onto Rebound's stage and reason_category (or "ignore").
	DefaultStages() map[string]string
	DefaultReasons() map[string]string
	// Verify checks the delivery's signature; it wraps ErrBadSignature when it does not hold.
	Verify(secret string, header http.Header, body []byte) error
	// Read reads a verified delivery, calling the vendor's API through client when it must.
	// It wraps ErrBadPayload or ErrVendorAPI.
	Read(ctx context.Context, s Settings, client *Client, header http.Header, body []byte) (Delivery, error)
}

// Client calls vendors' APIs: an HTTP client under the operator's outbound policy (see
// webhook.NewClient: no private addresses unless allowed, no redirects, bounded time).
type Client struct {
	http *http.Client
}

// NewClient returns the client for vendors' APIs; allowPrivate lets it reach loopback and
// private addresses (tests, on-premises vendors).
func NewClient(allowPrivate bool) *Client {
	return &Client{http: webhook.NewClient(webhook.ClientOptions{AllowPrivate: allowPrivate})}
}

// Receive verifies and reads one delivery for a connector of kind k: the application layer's
// one call into this package, with the request's headers (as net/http's map) and raw body.
func Receive(ctx context.Context, k Kind, s Settings, client *Client, header map[string][]string, body []byte) (Delivery, error) {
	h := http.Header(header)
	if err := k.Verify(s.Secret, h, body); err != nil {
		return Delivery{}, err
	}
	return k.Read(ctx, s, client, h, body)
}

var kinds = map[string]Kind{}

// register adds a kind; each kind's file calls it from init.
func register(k Kind) { kinds[k.Name()] = k }

// Lookup returns the kind with the name.
func Lookup(name string) (Kind, bool) {
	k, ok := kinds[name]
	return k, ok
}

// Names lists the kinds, sorted.
func Names() []string {
	out := make([]string, 0, len(kinds))
	for n := range kinds {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Key is how ATS names are compared: without regard to case or surrounding spaces.
func Key(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// Map looks an ATS name up in the connector's own map, then in the kind's defaults. ok is false
// when neither knows it (the caller then uses its fallback and reports the name).
func Map(custom, defaults map[string]string, name string) (string, bool) {
	k := Key(name)
	for ck, v := range custom {
		if Key(ck) == k {
			return v, true
		}
	}
	v, ok := defaults[k]
	return v, ok
}
