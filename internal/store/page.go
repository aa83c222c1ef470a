package store

import (
	"gorm.io/gorm"

	"github.com/reboundhq/rebound/internal/model"
)

// applyPage adds the keyset condition and fetches one row more than asked, to learn whether
// another page follows without counting.
func applyPage(db *gorm.DB, p model.Page) *gorm.DB {
	if w := p.Changed; w != nil {
		if w.UpdatedAfter != nil {
			db = db.Where("updated_at > ?", w.UpdatedAfter.UTC())
		}
		if w.UpdatedBefore != nil {
			db = db.Where("updated_at < ?", w.UpdatedBefore.UTC())
		}
		if p.After != "" {
			at := w.AfterUpdatedAt.UTC()
			db = db.Where("(updated_at, id) > (?, ?)", at, p.After)
		}
		return db.Order("updated_at").Order("id").Limit(p.Limit + 1)
	}
	if p.Oldest {
		if p.After != "" {
			db = db.Where("id > ?", p.After)
		}
		return db.Order("id").Limit(p.Limit + 1)
	}
	if p.After != "" {
		db = db.Where("id < ?", p.After)
	}
	return db.Order("id DESC").Limit(p.Limit + 1)
}

// trim cuts the look-ahead row off and reports whether there was one.
func trim[T any](rows []T, p model.Page) ([]T, bool) {
	if len(rows) > p.Limit {
		return rows[:p.Limit], true
	}
	return rows, false
}

// list runs a keyset-paginated query and trims the look-ahead row.
func list[T any](db *gorm.DB, p model.Page, what string) ([]T, bool, error) {
	var rows []T
	if err := applyPage(db, p).Find(&rows).Error; err != nil {
		return nil, false, translate(err, what)
	}
	rows, more := trim(rows, p)
	return rows, more, nil
}
