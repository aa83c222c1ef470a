package app

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reboundhq/rebound/internal/connector"
	"github.com/reboundhq/rebound/internal/model"
	"github.com/reboundhq/rebound/internal/store"
	"github.com/reboundhq/rebound/internal/webhook"
)

// Connector defaults: what an unmapped ATS stage or reason becomes.
const (
	defaultConnectorStage  = "application"
	defaultConnectorReason = "other"
	// unspecifiedRole is the role_title of a rejection whose ATS sent no job name.
	unspecifiedRole = "Unspecified role"
)

// ConnectorChange sets a connector's configuration; nil fields stay (on create: take their
// defaults). Maps replace the connector's map as a whole.
type ConnectorChange struct {
	Secret        *string
	APIKey        **string // set to a nil *string to remove the key
	BaseURL       *string
	Company       *string
	Timezone      *string
	StageMap      map[string]string
	ReasonMap     map[string]string
	DefaultStage  *string
	DefaultReason *string
}

// CreateConnector configures the tenant's connector of an ATS kind (one per kind).
func (a *App) CreateConnector(ctx context.Context, tenantID, kind string, ch ConnectorChange) (model.Connector, error) {
	now := a.now()
	c := model.Connector{TenantID: tenantID, ID: a.newID(model.PrefixConnector), Kind: kind, Timezone: model.DefaultTimezone,
		StageMap: map[string]string{}, ReasonMap: map[string]string{}, DefaultStage: defaultConnectorStage,
		DefaultReason: defaultConnectorReason, CreatedAt: now, UpdatedAt: now}
	var errs model.Errors
	k, ok := connector.Lookup(kind)
	if !ok {
		errs.Add("/kind", "must be one of %s", strings.Join(connector.Names(), ", "))
		return c, errs.Err()
	}
	applyConnectorChange(&c, ch)
	if err := a.checkConnector(c, k, ch); err != nil {
		return c, err
	}
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.CreateConnector(ctx, &c) })
	return c, err
}

// Connector returns one of the tenant's connectors.
func (a *App) Connector(ctx context.Context, tenantID, id string) (model.Connector, error) {
	return a.store.Connector(ctx, tenantID, id)
}

// Connectors lists the tenant's connectors.
func (a *App) Connectors(ctx context.Context, tenantID string, p model.Page) ([]model.Connector, bool, error) {
	return a.store.Connectors(ctx, tenantID, p)
}

// UpdateConnector changes a connector under its row lock; check runs on the current one first
// (If-Match).
func (a *App) UpdateConnector(ctx context.Context, tenantID, id string, check func(model.Connector) error, ch ConnectorChange) (model.Connector, error) {
	var out model.Connector
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		c, err := tx.ConnectorForUpdate(ctx, tenantID, id)
		if err != nil {
			return err
		}
		if check != nil {
			if err := check(c); err != nil {
				return err
			}
		}
		k, _ := connector.Lookup(c.Kind)
		applyConnectorChange(&c, ch)
		if err := a.checkConnector(c, k, ch); err != nil {
			return err
		}
		c.UpdatedAt = a.now()
		out = c
		return tx.SaveConnector(ctx, c)
	})
	return out, err
}

// DeleteConnector removes a connector: its webhook URL stops answering. What it recorded stays.
func (a *App) DeleteConnector(ctx context.Context, tenantID, id string) error {
	return a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error { return tx.DeleteConnector(ctx, tenantID, id) })
}

// ConnectorWebhookURL is where the ATS sends a connector's deliveries.
func (a *App) ConnectorWebhookURL(c model.Connector) string {
	return a.publicURL + "/v1/public/connectors/" + c.ID + "/deliveries"
}

func applyConnectorChange(c *model.Connector, ch ConnectorChange) {
	if ch.Secret != nil {
		c.Secret = *ch.Secret
	}
	if ch.APIKey != nil {
		c.APIKey = *ch.APIKey
	}
	if ch.BaseURL != nil {
		c.BaseURL = *ch.BaseURL
	}
	if ch.Company != nil {
		c.Company = strings.TrimSpace(*ch.Company)
	}
	if ch.Timezone != nil {
		c.Timezone = *ch.Timezone
	}
	if ch.StageMap != nil {
		c.StageMap = maps.Clone(ch.StageMap)
	}
	if ch.ReasonMap != nil {
		c.ReasonMap = maps.Clone(ch.ReasonMap)
	}
	if ch.DefaultStage != nil {
		c.DefaultStage = *ch.DefaultStage
	}
	if ch.DefaultReason != nil {
		c.DefaultReason = *ch.DefaultReason
	}
}

// checkConnector validates a connector's configuration as a whole.
func (a *App) checkConnector(c model.Connector, k connector.Kind, ch ConnectorChange) error {
	var errs model.Errors
	model.CheckText(&errs, "/secret", c.Secret, true, model.MaxConnectorSecretLength)
	switch {
	case k.NeedsAPIKey() && (c.APIKey == nil || strings.TrimSpace(*c.APIKey) == ""):
		errs.Add("/api_key", "is required for a %s connector: its webhooks carry only ids, read through the API", k.Name())
	case !k.NeedsAPIKey() && c.APIKey != nil:
		errs.Add("/api_key", "is not used by a %s connector", k.Name())
	case c.APIKey != nil:
		model.CheckText(&errs, "/api_key", *c.APIKey, true, model.MaxConnectorSecretLength)
	}
	switch {
	case c.BaseURL != "" && k.DefaultBaseURL() == "":
		errs.Add("/base_url", "is not used by a %s connector", k.Name())
	case c.BaseURL != "":
		if err := webhook.ValidateEndpointURL(c.BaseURL, a.webhooks); err != nil {
			errs.Add("/base_url", "%s", strings.TrimPrefix(err.Error(), webhook.ErrInvalidEndpointURL.Error()+": "))
		}
	}
	model.CheckText(&errs, "/company", c.Company, true, model.MaxCompanyLength)
	if !model.ValidTimezone(c.Timezone) {
		errs.Add("/timezone", "must be an IANA time zone name such as Europe/Paris or UTC")
	}
	checkMap(&errs, "/stage_map", c.StageMap, model.Stages)
	checkMap(&errs, "/reason_map", c.ReasonMap, append(slices.Clone(model.ReasonCategories), model.IgnoreReason))
	model.CheckEnum(&errs, "/default_stage", c.DefaultStage, model.Stages)
	model.CheckEnum(&errs, "/default_reason", c.DefaultReason, model.ReasonCategories)
	return errs.Err()
}

func checkMap(errs *model.Errors, pointer string, m map[string]string, allowed []string) {
	if len(m) > model.MaxConnectorMapEntries {
		errs.Add(pointer, "must have at most %d entries", model.MaxConnectorMapEntries)
		return
	}
	keys := slices.Sorted(maps.Keys(m))
	for _, k := range keys {
		p := pointer + "/" + escapePointerToken(k)
		if strings.TrimSpace(k) == "" || utf8.RuneCountInString(k) > model.MaxConnectorMapKeyLength || strings.ContainsRune(k, 0) || !utf8.ValidString(k) {
			errs.Add(p, "keys must be ATS names of 1 to %d characters", model.MaxConnectorMapKeyLength)
			continue
		}
		model.CheckEnum(errs, p, m[k], allowed)
	}
}

// escapePointerToken escapes a JSON Pointer reference token (RFC 6901).
func escapePointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// DeliveryResult is what a connector did with one delivery.
type DeliveryResult struct {
	Outcome     string // model.Delivery*
	RejectionID string
	CandidateID string
	Why         string
}

// Errors of a delivery, for the HTTP layer.
var (
	ErrDeliverySignature = connector.ErrBadSignature
	ErrDeliveryPayload   = connector.ErrBadPayload
	ErrDeliveryVendorAPI = connector.ErrVendorAPI
)

// ReceiveConnectorDelivery handles one webhook delivery for the connector with the id: it
// verifies the signature with the connector's secret, reads the delivery (for Lever, through
// Lever's API with the connector's key) and does what it says in one transaction — record the
// rejection (and its candidate) through the same use cases as the API, undo one, or nothing —
// together with the receipt that makes a replay a no-op and the connector's status. The same
// application (external_ref) is recorded once however often it arrives. A connector only ever
// writes into its own tenant.
func (a *App) ReceiveConnectorDelivery(ctx context.Context, connectorID string, header map[string][]string, body []byte) (DeliveryResult, error) {
	conn, err := a.store.ConnectorByID(ctx, connectorID)
	if err != nil {
		return DeliveryResult{}, err
	}
	k, ok := connector.Lookup(conn.Kind)
	if !ok {
		return DeliveryResult{}, model.ErrNotFound
	}
	settings := connector.Settings{Secret: conn.Secret, BaseURL: conn.BaseURL}
	if conn.APIKey != nil {
		settings.APIKey = *conn.APIKey
	}
	d, err := connector.Receive(ctx, k, settings, a.atsClient, header, body)
	switch {
	case errors.Is(err, connector.ErrBadSignature):
		a.noteConnectorFailure(ctx, conn, true, "a delivery's signature did not verify with the connector's secret")
		return DeliveryResult{}, err
	case err != nil:
		a.noteConnectorFailure(ctx, conn, false, err.Error())
		return DeliveryResult{}, err
	}
	var res DeliveryResult
	err = a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		var err error
		res, err = a.applyDelivery(ctx, tx, conn, k, d)
		return err
	})
	if err != nil {
		var ve *model.ValidationError
		if errors.As(err, &ve) {
			// What the ATS sent cannot make a valid rejection even after mapping (a name far
			// over a limit): nothing was recorded, and retrying will not help.
			a.noteConnectorFailure(ctx, conn, false, "a delivery could not be recorded: "+ve.Error())
		}
		return DeliveryResult{}, err
	}
	return res, nil
}

// connectorDelta is what one delivery adds to its connector's status.
type connectorDelta struct {
	outcome                    string
	unmappedStage, unmappedWhy string
	unmappedReason             string
}

// applyDelivery does what a read delivery says, inside the transaction.
func (a *App) applyDelivery(ctx context.Context, tx *store.Tx, conn model.Connector, k connector.Kind, d connector.Delivery) (DeliveryResult, error) {
	now := a.now()
	receipt := model.ConnectorReceipt{TenantID: conn.TenantID, ConnectorID: conn.ID, DeliveryID: clip(d.ID, 500), Outcome: model.DeliveryIgnored, ReceivedAt: now}
	fresh, err := tx.RecordReceipt(ctx, &receipt)
	if err != nil {
		return DeliveryResult{}, err
	}
	var delta connectorDelta
	res := DeliveryResult{Why: d.Why}
	if !fresh {
		prev, err := tx.Receipt(ctx, conn.TenantID, conn.ID, receipt.DeliveryID)
		if err != nil {
			return res, err
		}
		res.Outcome, res.Why = model.DeliveryDuplicate, "this delivery was received before (its outcome: "+prev.Outcome+")"
		if prev.RejectionID != nil {
			res.RejectionID = *prev.RejectionID
		}
		delta.outcome = res.Outcome
		return res, a.updateConnectorStatus(ctx, tx, conn, delta)
	}
	switch d.Action {
	case connector.Ignore:
		res.Outcome = model.DeliveryIgnored
	case connector.Undo:
		res, err = a.undoATSRejection(ctx, tx, conn, d)
	case connector.Reject:
		res, delta, err = a.recordATSRejection(ctx, tx, conn, k, d)
	}
	if err != nil {
		return res, err
	}
	delta.outcome = res.Outcome
	receipt.Outcome = res.Outcome
	receipt.RejectionID = optional(res.RejectionID)
	if err := tx.SetReceiptOutcome(ctx, receipt); err != nil {
		return res, err
	}
	return res, a.updateConnectorStatus(ctx, tx, conn, delta)
}

// recordATSRejection records a rejection the ATS reported: the candidate found by the ATS's id
// or created, the rejection built from the delivery with the connector's mappings, and then
// recorded exactly as POST /v1/rejections records one (event, plan, historical threshold). An
// application already recorded (by this or any earlier delivery, or an import) is a duplicate.
func (a *App) recordATSRejection(ctx context.Context, tx *store.Tx, conn model.Connector, k connector.Kind, d connector.Delivery) (DeliveryResult, connectorDelta, error) {
	app := d.Application
	var delta connectorDelta
	stage, ok := connector.Map(conn.StageMap, k.DefaultStages(), app.Stage)
	if !ok || !slices.Contains(model.Stages, stage) {
		stage = conn.DefaultStage
		if strings.TrimSpace(app.Stage) != "" {
			delta.unmappedStage = clip(strings.TrimSpace(app.Stage), model.MaxConnectorMapKeyLength)
		}
	}
	reason, ok := connector.Map(conn.ReasonMap, k.DefaultReasons(), app.Reason)
	if !ok || !(reason == model.IgnoreReason || slices.Contains(model.ReasonCategories, reason)) {
		reason = conn.DefaultReason
		if strings.TrimSpace(app.Reason) != "" {
			delta.unmappedReason = clip(strings.TrimSpace(app.Reason), model.MaxConnectorMapKeyLength)
		} else {
			reason = "no_reason_given"
		}
	}
	if d.Withdrawn || reason == model.IgnoreReason {
		why := d.Why
		if why == "" {
			why = "the reason " + app.Reason + " is mapped to ignore"
		}
		return DeliveryResult{Outcome: model.DeliveryWithdrawn, Why: why}, delta, nil
	}
	if err := tx.LockExternalRefs(ctx, conn.TenantID, []string{app.Ref}); err != nil {
		return DeliveryResult{}, delta, err
	}
	existing, err := tx.RejectionsByExternalRef(ctx, conn.TenantID, []string{app.Ref})
	if err != nil {
		return DeliveryResult{}, delta, err
	}
	if r, ok := existing[app.Ref]; ok {
		return DeliveryResult{Outcome: model.DeliveryDuplicate, RejectionID: r.ID, CandidateID: r.CandidateID,
			Why: "application " + app.Ref + " is recorded already"}, delta, nil
	}
	cand, err := a.atsCandidate(ctx, tx, conn, d.Candidate)
	if err != nil {
		return DeliveryResult{}, delta, err
	}
	now := a.now()
	received := app.RejectedAt
	if received.IsZero() || received.After(now) {
		received = now
	}
	ref := app.Ref
	r := model.Rejection{
		CandidateID: cand.ID, Company: conn.Company, RoleTitle: clip(strings.TrimSpace(app.RoleTitle), model.MaxRoleTitleLength),
		Stage: stage, Channel: "email", ReasonCategory: reason, ReasonText: clip(joinNonEmpty("\n", app.Reason, app.Details), model.MaxReasonTextLength),
		ReceivedAt: received, ExternalRef: &ref,
		Metadata: model.Metadata{"source": conn.Kind, "connector_id": conn.ID},
	}
	if r.RoleTitle == "" {
		r.RoleTitle = unspecifiedRole
	}
	if app.AppliedAt != nil && !app.AppliedAt.After(received) {
		r.AppliedAt = app.AppliedAt
	}
	if s := strings.TrimSpace(app.Stage); s != "" {
		r.Metadata["ats_stage"] = clip(s, model.MaxMetadataValueLength)
	}
	if s := strings.TrimSpace(app.Reason); s != "" {
		r.Metadata["ats_reason"] = clip(s, model.MaxMetadataValueLength)
	}
	r, err = a.prepareRejection(conn.TenantID, r)
	if err != nil {
		return DeliveryResult{}, delta, err
	}
	if err := a.insertRejection(ctx, tx, r); err != nil {
		return DeliveryResult{}, delta, err
	}
	return DeliveryResult{Outcome: model.DeliveryRecorded, RejectionID: r.ID, CandidateID: cand.ID}, delta, nil
}

// atsCandidate finds the candidate the ATS means by its id, or creates them (with
// candidate.created) from what the ATS knows: a name, an address, the connector's time zone.
func (a *App) atsCandidate(ctx context.Context, tx *store.Tx, conn model.Connector, p connector.Person) (model.Candidate, error) {
	c, err := tx.CandidateByExternalID(ctx, conn.TenantID, strings.TrimSpace(p.ExternalID))
	if err == nil || !errors.Is(err, model.ErrNotFound) {
		return c, err
	}
	now := a.now()
	c = model.Candidate{TenantID: conn.TenantID, ID: a.newID(model.PrefixCandidate), ExternalID: p.ExternalID,
		DisplayName: clip(strings.TrimSpace(p.Name), model.MaxDisplayNameLength), Timezone: conn.Timezone, CreatedAt: now, UpdatedAt: now}
	if email := strings.TrimSpace(p.Email); model.ValidEmail(email) {
		c.Email = &email
	}
	c.Normalize()
	c.ApplyDefaults()
	if err := c.Check(); err != nil {
		return c, err
	}
	err = a.insertCandidate(ctx, tx, c)
	var ce *model.ConflictError
	if errors.As(err, &ce) {
		// A concurrent delivery created them first.
		return tx.CandidateByExternalID(ctx, conn.TenantID, c.ExternalID)
	}
	return c, err
}

// undoATSRejection deletes the rejection this connector recorded for an application the ATS
// has since unrejected or hired: its plan is moot. A rejection recorded another way (the API,
// an import) is left alone: the platform owns it.
func (a *App) undoATSRejection(ctx context.Context, tx *store.Tx, conn model.Connector, d connector.Delivery) (DeliveryResult, error) {
	if err := tx.LockExternalRefs(ctx, conn.TenantID, []string{d.Application.Ref}); err != nil {
		return DeliveryResult{}, err
	}
	existing, err := tx.RejectionsByExternalRef(ctx, conn.TenantID, []string{d.Application.Ref})
	if err != nil {
		return DeliveryResult{}, err
	}
	r, ok := existing[d.Application.Ref]
	if !ok || r.Metadata["connector_id"] != conn.ID {
		return DeliveryResult{Outcome: model.DeliveryIgnored, Why: "no rejection this connector recorded for application " + d.Application.Ref}, nil
	}
	if err := a.deleteRejection(ctx, tx, conn.TenantID, r.ID); err != nil {
		return DeliveryResult{}, err
	}
	return DeliveryResult{Outcome: model.DeliveryUndone, RejectionID: r.ID, CandidateID: r.CandidateID,
		Why: "the ATS reversed the rejection of application " + d.Application.Ref}, nil
}

// updateConnectorStatus adds a delivery to its connector's status, last in the transaction so
// the connector's row is locked for as short a time as possible.
func (a *App) updateConnectorStatus(ctx context.Context, tx *store.Tx, conn model.Connector, delta connectorDelta) error {
	c, err := tx.ConnectorForUpdate(ctx, conn.TenantID, conn.ID)
	if err != nil {
		return err
	}
	now := a.now()
	c.Received++
	c.LastReceivedAt, c.UpdatedAt = &now, now
	switch delta.outcome {
	case model.DeliveryRecorded:
		c.Recorded++
	case model.DeliveryDuplicate:
		c.Duplicates++
	case model.DeliveryWithdrawn:
		c.Withdrawn++
	case model.DeliveryIgnored, model.DeliveryUndone:
		c.Ignored++
	}
	if delta.unmappedStage != "" {
		c.Unmapped.NoteStage(delta.unmappedStage)
	}
	if delta.unmappedReason != "" {
		c.Unmapped.NoteReason(delta.unmappedReason)
	}
	return tx.SaveConnector(ctx, c)
}

// noteConnectorFailure records, best effort and in its own transaction, a delivery the
// connector could not use, so the operator setting it up sees why on the connector's status.
func (a *App) noteConnectorFailure(ctx context.Context, conn model.Connector, signature bool, why string) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	err := a.inTx(ctx, func(ctx context.Context, tx *store.Tx) error {
		c, err := tx.ConnectorForUpdate(ctx, conn.TenantID, conn.ID)
		if err != nil {
			return err
		}
		now := a.now()
		c.Received++
		if signature {
			c.SignatureFailures++
		} else {
			c.Failed++
		}
		c.LastReceivedAt, c.LastErrorAt, c.UpdatedAt = &now, &now, now
		c.LastError = clip(why, 1000)
		return tx.SaveConnector(ctx, c)
	})
	if err != nil {
		a.log.Warn("record connector failure", "connector_id", conn.ID, "error", err.Error())
	}
}

// clip cuts s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// receiptRetention is how long a connector remembers a delivery id: far past any vendor's
// retries (Greenhouse and Lever retry for hours, not weeks).
const receiptRetention = 30 * 24 * time.Hour

// PurgeConnectorReceipts forgets delivery ids older than receiptRetention, in batches, at most
// maxBatches of them per call. A replay after that is still recorded once: the application's
// external_ref is what keeps a rejection from being recorded twice.
func (a *App) PurgeConnectorReceipts(ctx context.Context) (int64, error) {
	var total int64
	cutoff := a.now().Add(-receiptRetention)
	for i := 0; i < maxBatches; i++ {
		n, err := a.store.PurgeReceipts(ctx, cutoff, purgeBatch)
		total += n
		if err != nil || n < purgeBatch {
			return total, err
		}
	}
	return total, nil
}
