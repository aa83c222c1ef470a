package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

// CreateConnector inserts a connector. The tenant's connector of the same kind is a
// *model.ConflictError naming it: one per tenant and kind.
func (tx *Tx) CreateConnector(ctx context.Context, c *model.Connector) error {
	var existing model.Connector
	err := tx.scoped(ctx, c.TenantID).Where("kind = ?", c.Kind).Take(&existing).Error
	if err == nil {
		return &model.ConflictError{Detail: "the tenant already has a " + c.Kind + " connector; change it with PATCH", ExistingID: existing.ID}
	}
	if err := translate(err, "connector by kind"); !errors.Is(err, model.ErrNotFound) {
		return err
	}
	return translate(tx.db.WithContext(ctx).Create(c).Error, "create connector")
}

// Connector returns one of the tenant's connectors.
func (q *queries) Connector(ctx context.Context, tenantID, id string) (model.Connector, error) {
	var c model.Connector
	err := q.scoped(ctx, tenantID).Where("id = ?", id).Take(&c).Error
	return c, translate(err, "connector")
}

// ConnectorByID finds a connector by id alone: its public webhook URL names it before the
// tenant is known (the delivery's signature, checked next, is the credential). The one other
// lookup, beside API keys and feedback tokens, that cannot lead with the tenant.
func (q *queries) ConnectorByID(ctx context.Context, id string) (model.Connector, error) {
	var c model.Connector
	err := q.db.WithContext(ctx).Where("id = ?", id).Take(&c).Error
	return c, translate(err, "connector")
}

// Connectors lists the tenant's connectors, newest first.
func (q *queries) Connectors(ctx context.Context, tenantID string, p model.Page) ([]model.Connector, bool, error) {
	return list[model.Connector](q.scoped(ctx, tenantID), p, "list connectors")
}

// ConnectorForUpdate reads a connector under a row lock.
func (tx *Tx) ConnectorForUpdate(ctx context.Context, tenantID, id string) (model.Connector, error) {
	var c model.Connector
	err := tx.forUpdate(tx.scoped(ctx, tenantID)).Where("id = ?", id).Take(&c).Error
	return c, translate(err, "connector")
}

// SaveConnector writes a connector's configuration and status (everything but its identity,
// kind and creation).
func (tx *Tx) SaveConnector(ctx context.Context, c model.Connector) error {
	return translate(tx.scoped(ctx, c.TenantID).Model(&model.Connector{}).Where("id = ?", c.ID).Updates(map[string]any{
		"secret": c.Secret, "api_key": c.APIKey, "base_url": c.BaseURL, "company": c.Company, "timezone": c.Timezone,
		"stage_map": jsonColumn(c.StageMap), "reason_map": jsonColumn(c.ReasonMap), "default_stage": c.DefaultStage,
		"default_reason": c.DefaultReason, "received": c.Received, "recorded": c.Recorded, "duplicates": c.Duplicates,
		"ignored": c.Ignored, "withdrawn": c.Withdrawn, "failed": c.Failed, "signature_failures": c.SignatureFailures,
		"unmapped": jsonColumn(c.Unmapped), "last_received_at": c.LastReceivedAt, "last_error": c.LastError,
		"last_error_at": c.LastErrorAt, "updated_at": c.UpdatedAt,
	}).Error, "save connector")
}

// DeleteConnector deletes a connector and its receipts; what it recorded stays.
func (tx *Tx) DeleteConnector(ctx context.Context, tenantID, id string) error {
	res := tx.scoped(ctx, tenantID).Where("id = ?", id).Delete(&model.Connector{})
	if res.Error != nil {
		return translate(res.Error, "delete connector")
	}
	if res.RowsAffected == 0 {
		return translate(errNotFound, "connector")
	}
	return nil
}

// RecordReceipt remembers a delivery; false means the connector had already accepted one with
// this id (a replay). A concurrent insert of the same id waits for the first transaction.
func (tx *Tx) RecordReceipt(ctx context.Context, r *model.ConnectorReceipt) (bool, error) {
	res := tx.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(r)
	return res.RowsAffected == 1, translate(res.Error, "record connector receipt")
}

// Receipt returns a remembered delivery.
func (q *queries) Receipt(ctx context.Context, tenantID, connectorID, deliveryID string) (model.ConnectorReceipt, error) {
	var r model.ConnectorReceipt
	err := q.scoped(ctx, tenantID).Where("connector_id = ? AND delivery_id = ?", connectorID, deliveryID).Take(&r).Error
	return r, translate(err, "connector receipt")
}

// SetReceiptOutcome records what the delivery led to.
func (tx *Tx) SetReceiptOutcome(ctx context.Context, r model.ConnectorReceipt) error {
	return translate(tx.scoped(ctx, r.TenantID).Model(&model.ConnectorReceipt{}).
		Where("connector_id = ? AND delivery_id = ?", r.ConnectorID, r.DeliveryID).
		Updates(map[string]any{"outcome": r.Outcome, "rejection_id": r.RejectionID}).Error, "set receipt outcome")
}

// PurgeReceipts deletes, across tenants, receipts older than olderThan, at most limit.
func (s *Store) PurgeReceipts(ctx context.Context, olderThan time.Time, limit int) (int64, error) {
	var keys []model.ConnectorReceipt
	if err := s.db.WithContext(ctx).Select("tenant_id", "connector_id", "delivery_id").Where("received_at < ?", olderThan).
		Order("received_at").Limit(limit).Find(&keys).Error; err != nil || len(keys) == 0 {
		return 0, translate(err, "old connector receipts")
	}
	var n int64
	for _, k := range keys {
		res := s.scoped(ctx, k.TenantID).Where("connector_id = ? AND delivery_id = ?", k.ConnectorID, k.DeliveryID).Delete(&model.ConnectorReceipt{})
		if res.Error != nil {
			return n, translate(res.Error, "purge connector receipts")
		}
		n += res.RowsAffected
	}
	return n, nil
}
