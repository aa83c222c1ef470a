package store

import (
	"context"

	"gorm.io/gorm/clause"

	"github.com/reboundhq/rebound/internal/model"
)

type serverSecret struct {
	Name  string `gorm:"primaryKey"`
	Value []byte
}

func (serverSecret) TableName() string { return "server_secrets" }

// ServerSecret returns the installation-wide secret called name, creating a random 32-byte one
// on first use. Every replica reads the same value, so what one signs another can verify.
func (s *Store) ServerSecret(ctx context.Context, name string) ([]byte, error) {
	candidate := serverSecret{Name: name, Value: model.RandomToken(32)}
	if err := s.db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&candidate).Error; err != nil {
		return nil, translate(err, "create server secret")
	}
	var got serverSecret
	if err := s.db.WithContext(ctx).Where("name = ?", name).Take(&got).Error; err != nil {
		return nil, translate(err, "read server secret")
	}
	return got.Value, nil
}
