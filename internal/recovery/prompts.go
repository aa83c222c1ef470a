package recovery

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Prompt kinds.
const (
	PromptScale   = "scale_1_5"
	PromptText    = "text"
	PromptList    = "list"
	PromptBoolean = "boolean"
)

// Answer bounds.
const (
	MaxTextAnswer     = 2000
	MaxListItems      = 20
	MaxListItemLength = 200
)

// ScaleLabels say what 1 and 5 mean on a scale prompt.
type ScaleLabels struct {
	Low  string `json:"low" example:"Very low"`
	High string `json:"high" example:"Very good"`
} //	@name	ScaleLabels

// Prompt is one question of the reflection catalogue.
type Prompt struct {
	Key         string       `json:"key" example:"mood"`
	Question    string       `json:"question" example:"How are you feeling right now?"`
	Help        string       `json:"help" example:"There is no right answer; this only helps pace your plan."`
	Kind        string       `json:"kind" enums:"scale_1_5,text,list,boolean" example:"scale_1_5"`
	Required    bool         `json:"required" example:"true"`
	ScaleLabels *ScaleLabels `json:"scale_labels,omitempty"`
} //	@name	ReflectionPrompt

// Catalogue is a versioned set of prompts. Reflections name the version they answered, so old
// answers stay valid when the catalogue changes.
type Catalogue struct {
	Object  string   `json:"object" example:"reflection_prompt_catalogue"`
	Version string   `json:"version" example:"2026-11-01"`
	Prompts []Prompt `json:"prompts"`
} //	@name	ReflectionPromptCatalogue

// CurrentPromptVersion is the catalogue new reflections should use.
const CurrentPromptVersion = "2026-11-01"

func scale(low, high string) *ScaleLabels { return &ScaleLabels{Low: low, High: high} }

var catalogues = map[string]Catalogue{
	CurrentPromptVersion: {Object: "reflection_prompt_catalogue", Version: CurrentPromptVersion, Prompts: []Prompt{
		{"mood", "How are you feeling right now?", "Be honest; there is no right answer. A low score simply gives you more breathing room in your plan.", PromptScale, true, scale("Very low", "Very good")},
		{"preparation", "How prepared were you for the questions you were actually asked?", "Think of the questions themselves, not how you felt walking in.", PromptScale, false, scale("Not prepared", "Fully prepared")},
		{"surprise_questions", "Which questions caught you off guard?", "List them as you remember them; they are the best material for your next practice session.", PromptList, false, nil},
		{"skill_gaps", "Did you notice gaps in your skills or experience?", "Name each gap in a few words, for example \"system design depth\" or \"stakeholder management\". Each one becomes a learning step.", PromptList, false, nil},
		{"answer_clarity", "How clear and concise were your answers?", "Did you make your point and stop, or wander? Structure (situation, action, result) helps.", PromptScale, false, scale("Rambling or unclear", "Clear and to the point")},
		{"company_research", "How well had you researched the organisation?", "Their products, customers, recent news and the team's challenges.", PromptScale, false, scale("Very little", "Thoroughly")},
		{"nerves", "How much did nerves get in the way?", "Everyone is nervous; this asks whether it changed how you came across.", PromptScale, false, scale("Not at all", "A great deal")},
		{"went_well", "What went well?", "Name at least one thing. You were chosen for this stage for a reason.", PromptText, false, nil},
		{"do_differently", "What would you do differently next time?", "Pick one or two concrete changes rather than a long list.", PromptText, false, nil},
		{"role_fit", "Did the role really fit your goals?", "Sometimes a rejection saves you from a job you would not have enjoyed.", PromptBoolean, false, nil},
		{"new_directions", "Are there directions or adjacent roles you would like to explore?", "Roles, industries or ways of working that use your strengths differently.", PromptList, false, nil},
	}},
}

// CurrentCatalogue returns the catalogue new reflections answer.
func CurrentCatalogue() Catalogue { return catalogues[CurrentPromptVersion] }

// CatalogueFor returns a catalogue by version.
func CatalogueFor(version string) (Catalogue, bool) {
	c, ok := catalogues[version]
	return c, ok
}

// AnswerError is one invalid answer; Key is the prompt ("" for the whole answers object).
type AnswerError struct {
	Key    string
	Detail string
}

func (c Catalogue) prompt(key string) (Prompt, bool) {
	for _, p := range c.Prompts {
		if p.Key == key {
			return p, true
		}
	}
	return Prompt{}, false
}

// ValidateAnswers checks a complete set of answers against a catalogue version and returns them
// normalised (scale → int, text → trimmed string, list → trimmed non-empty strings, boolean).
func ValidateAnswers(version string, answers map[string]json.RawMessage) (map[string]any, []AnswerError) {
	return validate(version, map[string]any{}, answers, false)
}

// ApplyAnswerPatch merges a JSON merge-patch of answers into current ones: a null clears an
// answer (refused for required prompts), absent keys stay. It returns the new full set.
func ApplyAnswerPatch(version string, current map[string]any, patch map[string]json.RawMessage) (map[string]any, []AnswerError) {
	return validate(version, current, patch, true)
}

func validate(version string, base map[string]any, answers map[string]json.RawMessage, patch bool) (map[string]any, []AnswerError) {
	cat, ok := CatalogueFor(version)
	if !ok {
		return nil, []AnswerError{{"", fmt.Sprintf("unknown prompt_version %q; the current one is %s", version, CurrentPromptVersion)}}
	}
	out := map[string]any{}
	for k, v := range base {
		out[k] = v
	}
	var errs []AnswerError
	for key, raw := range answers {
		p, ok := cat.prompt(key)
		if !ok {
			errs = append(errs, AnswerError{key, "is not a prompt of version " + version})
			continue
		}
		if string(bytes.TrimSpace(raw)) == "null" {
			if p.Required {
				errs = append(errs, AnswerError{key, "is required and cannot be cleared"})
			} else {
				delete(out, key)
			}
			continue
		}
		v, msg := decodeAnswer(p, raw)
		if msg != "" {
			errs = append(errs, AnswerError{key, msg})
			continue
		}
		out[key] = v
	}
	for _, p := range cat.Prompts {
		if _, ok := out[p.Key]; p.Required && !ok && !(patch && base[p.Key] != nil) {
			errs = append(errs, AnswerError{p.Key, "is required"})
		}
	}
	sort.Slice(errs, func(i, j int) bool { return errs[i].Key < errs[j].Key })
	if len(errs) > 0 {
		return nil, errs
	}
	return out, nil
}

func decodeAnswer(p Prompt, raw json.RawMessage) (any, string) {
	switch p.Kind {
	case PromptScale:
		var f float64
		if err := json.Unmarshal(raw, &f); err != nil || f != math.Trunc(f) || f < 1 || f > 5 {
			return nil, "must be an integer from 1 to 5"
		}
		return int(f), ""
	case PromptText:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, "must be a string"
		}
		s = strings.TrimSpace(s)
		if utf8.RuneCountInString(s) > MaxTextAnswer {
			return nil, fmt.Sprintf("must be at most %d characters", MaxTextAnswer)
		}
		if strings.ContainsRune(s, 0) {
			return nil, "must not contain NUL characters"
		}
		return s, ""
	case PromptList:
		var items []string
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, "must be an array of strings"
		}
		if len(items) > MaxListItems {
			return nil, fmt.Sprintf("must have at most %d items", MaxListItems)
		}
		out := make([]string, 0, len(items))
		for _, it := range items {
			it = strings.TrimSpace(it)
			if utf8.RuneCountInString(it) > MaxListItemLength || strings.ContainsRune(it, 0) {
				return nil, fmt.Sprintf("items must be at most %d characters", MaxListItemLength)
			}
			if it != "" {
				out = append(out, it)
			}
		}
		return out, ""
	case PromptBoolean:
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, "must be true or false"
		}
		return b, ""
	}
	return nil, "has an unknown kind"
}

// ReflectionFromAnswers decodes stored answers (as validated, or as read back from JSON, where
// numbers are float64 and lists []any) into the typed Reflection the rules read.
func ReflectionFromAnswers(id string, createdAt time.Time, answers map[string]any) Reflection {
	r := Reflection{ID: id, CreatedAt: createdAt}
	num := func(k string) *int {
		switch v := answers[k].(type) {
		case int:
			return &v
		case float64:
			n := int(v)
			return &n
		case json.Number:
			if i, err := v.Int64(); err == nil {
				n := int(i)
				return &n
			}
		}
		return nil
	}
	list := func(k string) []string {
		switch v := answers[k].(type) {
		case []string:
			return v
		case []any:
			out := make([]string, 0, len(v))
			for _, it := range v {
				if s, ok := it.(string); ok {
					out = append(out, s)
				}
			}
			return out
		}
		return nil
	}
	text := func(k string) string { s, _ := answers[k].(string); return s }
	r.Mood, r.Preparation, r.AnswerClarity, r.CompanyResearch, r.Nerves = num("mood"), num("preparation"), num("answer_clarity"), num("company_research"), num("nerves")
	r.SurpriseQuestions, r.SkillGaps, r.NewDirections = list("surprise_questions"), list("skill_gaps"), list("new_directions")
	r.WentWell, r.DoDifferently = text("went_well"), text("do_differently")
	if b, ok := answers["role_fit"].(bool); ok {
		r.RoleFit = &b
	}
	return r
}
