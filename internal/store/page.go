package store

import "gorm.io/gorm"

// Page asks for one page of a keyset-paginated list, newest first. After is the id of the last
// row of the previous page ("" for the first page). Ids are time-ordered, so new rows always sort
// before the walk's position and a walk never sees a row twice or skips one that existed when it
// started.
type Page struct {
	Limit int
	After string
	// Oldest lists oldest first (creation order) instead; the event feed uses it so a poller can
	// resume where it stopped.
	Oldest bool
}

// apply adds the keyset condition and fetches one row more than asked, to learn whether another
// page follows without counting.
func (p Page) apply(db *gorm.DB) *gorm.DB {
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
func trim[T any](rows []T, p Page) ([]T, bool) {
	if len(rows) > p.Limit {
		return rows[:p.Limit], true
	}
	return rows, false
}
