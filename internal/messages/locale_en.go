package messages

// english is the English wording. The drafts follow the usual advice for answering a
// rejection: keep it to a few sentences, stay courteous, thank the people involved, ask for
// at most one thing, never argue with the decision, and leave the door open.
var english = localeTable{
	Honorifics: []string{"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame"},

	Partials: `
{{- define "greeting"}}{{if .Contact}}Hi {{.Contact}},{{else}}Hello,{{end}}{{end}}
{{- define "role"}}{{if .Role}}the {{.Role}} role{{else}}the role{{end}}{{if .Company}} at {{.Company}}{{end}}{{end}}
{{- define "team"}}{{if .Company}}the {{.Company}} team{{else}}your team{{end}}{{end}}
{{- define "signoff"}}Best regards{{if .Candidate}},
{{.Candidate}}{{end}}{{end}}`,

	Stages: map[string]stagePhrases{
		"":             {Thanks: "your time", Noun: "my application"},
		"application":  {Thanks: "considering my application", Noun: "my application"},
		"screening":    {Thanks: "reviewing my application", Noun: "my application"},
		"phone_screen": {Thanks: "speaking with me on the phone", Noun: "my phone interview"},
		"assessment":   {Thanks: "reviewing my assessment", Noun: "my assessment"},
		"interview":    {Thanks: "the time you spent interviewing me", Noun: "my interviews"},
		"final_round":  {Thanks: "meeting me in the final round", Noun: "my final-round interviews"},
		"offer":        {Thanks: "considering me right up to the offer stage", Noun: "my candidacy"},
	},

	Contacts: map[string]string{
		"recruiter": "Thank you as well for keeping me informed along the way.",
		"hr":        "Thank you as well for keeping me informed along the way.",
	},

	Drafts: map[Kind]draftTemplate{
		KindThankYou: {
			Subject: `Thank you for the update{{if .Role}} on the {{.Role}} role{{end}}`,
			Body: `{{template "greeting" .}}

Thank you for letting me know your decision about {{template "role" .}}, and for {{.StageThanks}}. I appreciate the care that went into it.
{{if .Spoke}}
I enjoyed our conversations and learned a great deal about {{template "team" .}}. Please pass my thanks on to everyone I met.
{{else}}
Please pass my thanks on to everyone who was involved.
{{end}}
{{.ContactLine}}

While I am disappointed, I respect the decision, and I hope our paths cross again. I wish you and {{template "team" .}} every success.

{{template "signoff" .}}`,
		},

		KindFeedbackRequest: {
			Subject: `A quick question about {{if .Role}}the {{.Role}} role{{else}}my application{{end}}`,
			Body: `{{template "greeting" .}}

Thank you for {{.StageThanks}}. I respect your decision on {{template "role" .}}, and I would like to learn from it.

If you have a moment, could you tell me the one thing that would have made {{.StageNoun}} stronger? A sentence or two would help me a great deal, and there is no pressure at all if you are not able to share.
{{if .ResponseURL}}
If it is easier, you can answer here; it takes about two minutes: {{.ResponseURL}}
{{end}}
Thank you again, and all the best.

{{template "signoff" .}}`,
		},

		KindContinuedInterest: {
			Subject: `Future openings{{if .Company}} at {{.Company}}{{end}}`,
			Body: `{{template "greeting" .}}

Thank you again for {{.StageThanks}}. Although {{template "role" .}} did not work out for me this time, the process left me even more interested in {{template "team" .}}.

I would be glad to be considered for future openings that suit my background, and I will keep an eye on your vacancies. If a fitting role comes up, I would be happy to hear from you.

{{template "signoff" .}}`,
		},

		KindCheckIn: {
			Subject: `Checking in{{if .Company}} with {{.Company}}{{end}}`,
			Body: `{{template "greeting" .}}

I hope the past few weeks have treated you well. We were in touch a little while ago about {{template "role" .}}, and I wanted to say a brief hello.

I remain keen on {{template "team" .}} and the work you do. There is no need to reply; I simply wanted to keep in touch.

{{template "signoff" .}}`,
		},

		KindContractInquiry: {
			Subject: `Contract or project work{{if .Company}} with {{.Company}}{{end}}`,
			Body: `{{template "greeting" .}}

Thank you again for {{.StageThanks}}. I understand {{template "role" .}} has gone another way, and I wanted to mention that I would be glad to support {{template "team" .}} in a more flexible form, such as contract, part-time or project work.

If a need like that comes up, I would be happy to talk it through whenever it suits you.

{{template "signoff" .}}`,
		},
	},
}
