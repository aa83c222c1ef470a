package messages

// English. The drafts follow the usual advice for answering a rejection: keep it to a few
// sentences, stay courteous, thank the people involved, ask for at most one thing, never
// argue with the decision, and leave the door open. Plain first names keep a friendly "Hi";
// a title in the contact's name makes the greeting formal.

func init() { register(&english) }

var english = language{
	Code: "en",
	Name: "English",

	Honorifics: map[string]honorific{
		"mr":        {class: titleSocial, gender: genderMale, canon: "mr"},
		"mrs":       {class: titleSocial, gender: genderFemale, canon: "mrs"},
		"ms":        {class: titleSocial, gender: genderFemale, canon: "ms"},
		"miss":      {class: titleSocial, gender: genderFemale, canon: "miss"},
		"mx":        {class: titleSocial, canon: "mx"},
		"dr":        {class: titleAcademic, canon: "dr"},
		"doctor":    {class: titleAcademic, canon: "dr"},
		"prof":      {class: titleAcademic, canon: "prof"},
		"professor": {class: titleAcademic, canon: "prof"},
		"sir":       {class: titleKept, gender: genderMale},
		"dame":      {class: titleKept, gender: genderFemale},
		"rev":       {class: titleKept},
		"revd":      {class: titleKept},
		"reverend":  {class: titleKept},
	},
	Greet: greetEnglish,

	Drafts: draftTable{
		Partials: `
{{- define "role"}}{{if .Role}}the {{.Role}} role{{else}}the role{{end}}{{if .Company}} at {{.Company}}{{end}}{{end}}
{{- define "team"}}{{if .Company}}the {{.Company}} team{{else}}your team{{end}}{{end}}
{{- define "signoff"}}Best regards{{if .Candidate}},
{{.Candidate}}{{end}}{{end}}`,

		Stages: map[string]stagePhrases{
			"":             {Thanks: "your time", Noun: "my application", Ref: "my application"},
			"application":  {Thanks: "considering my application", Noun: "my application", Ref: "my application"},
			"screening":    {Thanks: "reviewing my application", Noun: "my application", Ref: "my application"},
			"phone_screen": {Thanks: "speaking with me on the phone", Noun: "my phone interview", Ref: "my phone interview"},
			"assessment":   {Thanks: "reviewing my assessment", Noun: "my assessment", Ref: "my assessment"},
			"interview":    {Thanks: "the time you spent interviewing me", Noun: "my interviews", Ref: "my interview"},
			"final_round":  {Thanks: "meeting me in the final round", Noun: "my final-round interviews", Ref: "my final-round interviews"},
			"offer":        {Thanks: "considering me right up to the offer stage", Noun: "my candidacy", Ref: "our conversations about an offer"},
		},

		Contacts: map[string]string{
			"recruiter": "Thank you as well for keeping me informed along the way.",
			"hr":        "Thank you as well for keeping me informed along the way.",
		},

		Reasons: map[string]string{
			"skills_gap":     "In the meantime, I am working on the skills you mentioned.",
			"experience_gap": "In the meantime, I am building the experience you mentioned.",
		},

		Flex: map[string]flexPhrases{
			SectorGeneral:    {Subject: "Contract or project work", Offer: "contract, part-time or project work"},
			SectorMedicine:   {Subject: "Locum work", Offer: "locum shifts or sessions"},
			SectorNursing:    {Subject: "Bank or agency shifts", Offer: "bank or agency shifts"},
			SectorTeaching:   {Subject: "Supply or cover work", Offer: "supply or cover teaching"},
			SectorSocialCare: {Subject: "Bank or relief shifts", Offer: "bank, relief or agency shifts"},
		},

		Numbers: []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"},

		Templates: map[Kind]draftTemplate{
			KindThankYou: {
				Subject: `{{if .Ghosted}}Thank you for your time{{else}}Thank you for the update{{end}}{{if .Role}} on the {{.Role}} role{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Thank you for {{.Stage.Thanks}}. I valued the chance to take part in the process for {{template "role" .}}.
{{- else if .Cancelled}}Thank you for letting me know that {{template "role" .}} is no longer going ahead, and for {{.Stage.Thanks}}.
{{- else if eq .Channel "phone"}}Thank you for calling to let me know your decision about {{template "role" .}}, and for {{.Stage.Thanks}}. I appreciate the care that went into it.
{{- else if eq .Channel "in_person"}}Thank you for telling me your decision about {{template "role" .}} in person, and for {{.Stage.Thanks}}. I appreciate the care that went into it.
{{- else}}Thank you for letting me know your decision about {{template "role" .}}, and for {{.Stage.Thanks}}. I appreciate the care that went into it.{{end}}
{{if .Spoke}}
I enjoyed our conversations and learned a great deal about {{template "team" .}}. Please pass my thanks on to everyone I met.
{{else}}
Please pass my thanks on to everyone who was involved.
{{end}}
{{if not .Ghosted}}{{.ContactLine}}{{end}}

{{if .Ghosted}}I hope our paths cross again, and I wish you and {{template "team" .}} every success.
{{- else if .Cancelled}}I understand that plans change, and I hope our paths cross again. I wish you and {{template "team" .}} every success.
{{- else}}While I am disappointed, I respect the decision, and I hope our paths cross again. I wish you and {{template "team" .}} every success.{{end}}

{{template "signoff" .}}`,
			},

			KindFeedbackRequest: {
				Subject: `A quick question about {{if .Role}}the {{.Role}} role{{else}}my application{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Thank you for {{.Stage.Thanks}}. I have not heard back about {{template "role" .}} yet.

If you have decided not to take my application further, could you tell me the one thing that would have made {{.Stage.Noun}} stronger?
{{- else if .Cancelled}}Thank you for {{.Stage.Thanks}}. I understand {{template "role" .}} is no longer going ahead, and I would still like to learn from the process.

If you have a moment, could you tell me one thing I could do better next time?
{{- else}}Thank you for {{.Stage.Thanks}}. I respect your decision on {{template "role" .}}, and I would like to learn from it.

If you have a moment, could you tell me the one thing that would have made {{.Stage.Noun}} stronger?{{end}} A sentence or two would help me a great deal, and there is no pressure at all if you are not able to share.
{{if .ResponseURL}}
If it is easier, you can answer here; it takes about two minutes: {{.ResponseURL}}
{{end}}
Thank you again, and all the best.

{{template "signoff" .}}`,
			},

			KindContinuedInterest: {
				Subject: `Future openings{{if .Company}} at {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

{{if .Ghosted}}Thank you for {{.Stage.Thanks}}. Whatever the outcome for {{template "role" .}}, I remain very interested in {{template "team" .}}.
{{- else if .Cancelled}}Thank you again for {{.Stage.Thanks}}. I understand {{template "role" .}} is no longer going ahead; the process still left me keen on {{template "team" .}}.
{{- else}}Thank you again for {{.Stage.Thanks}}. Although {{template "role" .}} did not work out for me this time, the process left me even more interested in {{template "team" .}}.{{if .ReasonLine}} {{.ReasonLine}}{{end}}{{end}}

{{if .Cancelled}}If the role reopens, or another opening suits my background, I would be glad to be considered, and I will keep an eye on your vacancies.
{{- else}}I would be glad to be considered for future openings that suit my background, and I will keep an eye on your vacancies. If a fitting role comes up, I would be happy to hear from you.{{end}}

{{template "signoff" .}}`,
			},

			KindCheckIn: {
				Subject: `Checking in{{if .Company}} with {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

I hope the past few weeks have treated you well. {{if .Spoke}}We spoke a little while ago about {{template "role" .}}{{else if .Ghosted}}I applied for {{template "role" .}} a little while ago{{else}}We were in touch a little while ago about {{template "role" .}}{{end}}, and I wanted to say a brief hello.

I remain keen on {{template "team" .}} and the work you do. {{if .Cancelled}}If the role is revived or a similar need comes up, I would be glad to hear from you; otherwise there is no need to reply.{{else}}There is no need to reply; I simply wanted to keep in touch.{{end}}

{{template "signoff" .}}`,
			},

			KindContractInquiry: {
				Subject: `{{.Flex.Subject}}{{if .Company}} with {{.Company}}{{end}}`,
				Body: `{{.Greeting}}

Thank you {{if not .Ghosted}}again {{end}}for {{.Stage.Thanks}}. {{if .Ghosted}}Whatever the outcome for {{template "role" .}}, I wanted to mention that I would also be glad to support {{template "team" .}} in a more flexible form, such as {{.Flex.Offer}}.
{{- else if .Cancelled}}I understand {{template "role" .}} is no longer going ahead. If the work behind it still needs doing, I would be glad to support {{template "team" .}} through {{.Flex.Offer}}.
{{- else}}I understand {{template "role" .}} did not work out for me this time, and I wanted to mention that I would be glad to support {{template "team" .}} in a more flexible form, such as {{.Flex.Offer}}.{{end}}

If a need like that comes up, I would be happy to talk it through whenever it suits you.

{{template "signoff" .}}`,
			},

			KindStatusFollowUp: {
				Subject: `Following up on {{if .Role}}the {{.Role}} role{{else}}my application{{end}}`,
				Body: `{{.Greeting}}

I hope you are well. {{if .Weeks}}It has been {{if eq .Weeks 1}}a week{{else}}{{.WeeksWord}} weeks{{end}} since {{.Stage.Ref}} for {{template "role" .}}, so I wanted to follow up briefly.{{else}}I am writing to follow up briefly on {{.Stage.Ref}} for {{template "role" .}}.{{end}}

I know these decisions can take time, and plans sometimes change. When you have a moment, could you let me know where things stand? If the role is no longer open to me, a short note would be just as welcome.

I remain very interested in {{template "team" .}}, and I would be glad to hear about future openings.

{{template "signoff" .}}`,
			},

			KindFeedbackThanks: {
				Subject: `Thank you for your feedback{{if .Role}} on the {{.Role}} role{{end}}`,
				Body: `{{.Greeting}}

Thank you for taking the time to share your feedback on {{.Stage.Noun}} for {{template "role" .}}. Honest comments like yours are hard to come by, and I am grateful for them.

They give me something concrete to work on, and I will put them to use as I prepare for my next applications.

I hope our paths cross again, and I wish you and {{template "team" .}} every success.

{{template "signoff" .}}`,
			},
		},
	},

	Misfits: map[misfit]string{
		misfitUnknownKind:      "There is no draft of this kind.",
		misfitNoDecisionYet:    "The employer has not told you their decision, so there is nothing to thank them for yet. Send one polite status follow-up (status-follow-up) instead.",
		misfitAskStatusFirst:   "The employer has not answered yet. Ask once where things stand (status-follow-up); ask for feedback after they reply.",
		misfitFeedbackReceived: "Their feedback has already arrived. Thank them for it (feedback-thanks) rather than asking again.",
		misfitFeedbackDeclined: "They have said they prefer not to give feedback. Asking again strains goodwill; a note of continued interest (continued-interest) keeps the door open.",
		misfitRoleCancelled:    "The role was cancelled, so the outcome says little about your application. A note of continued interest (continued-interest) or an offer of flexible help (contract-inquiry) suits better.",
		misfitNoFeedbackYet:    "No feedback has arrived yet. Ask for it first (feedback-request).",
		misfitDecisionSent:     "The employer has already told you their decision. A status follow-up is only for when you have heard nothing; a thank-you (thank-you) suits better.",
		misfitAwaitingReply:    "The employer has not replied yet. Keep to one polite status follow-up (status-follow-up); more messages before they answer read as pressure.",
		misfitNoRelationship:   "The employer has not replied to you yet, so asking them for other work presumes a relationship they have not shown. Follow up once on the status first (status-follow-up).",
		misfitNotMetYet:        "You have not spoken with anyone there yet, so a check-in has little to build on. A note of continued interest (continued-interest) says the same without presuming a relationship.",
	},

	SectorWords: map[string][]string{
		SectorMedicine: {"doctor", "physician", "gp", "general practitioner", "surgeon", "anaesthetist", "anesthetist",
			"anaesthesiologist", "anesthesiologist", "psychiatrist", "paediatrician", "pediatrician", "radiologist",
			"cardiologist", "oncologist", "obstetrician", "gynaecologist", "gynecologist", "dermatologist",
			"hospitalist", "medical officer", "clinical fellow", "specialty registrar", "house officer", "locum",
			"pharmacist", "dentist", "dental surgeon", "veterinary surgeon", "veterinarian", "vet", "optometrist"},
		SectorNursing: {"nurse", "nursing", "midwife", "midwifery", "healthcare assistant", "health care assistant",
			"nursing assistant", "hca", "paramedic", "radiographer", "physiotherapist", "occupational therapist",
			"operating department practitioner", "odp", "theatre practitioner", "sonographer", "phlebotomist"},
		SectorTeaching: {"teacher", "teaching", "teaching assistant", "lecturer", "senco", "headteacher",
			"early years practitioner", "nursery practitioner", "educator", "cover supervisor"},
		SectorSocialCare: {"care worker", "support worker", "carer", "care assistant", "social worker",
			"residential worker", "youth worker", "key worker", "domiciliary", "home care", "care home", "personal care"},
	},

	Page: PageText{
		CandidateFallback:  "the candidate",
		FormTitle:          "Feedback for {candidate}",
		Lead:               "{candidate} was considered for {role} at {company} and would be grateful for a few honest words on how they could grow. It takes about two minutes.",
		Requirements:       "Every field is optional, but please give at least one strength, suggestion or comment, or choose “We prefer not to give feedback”.",
		NoteLabel:          "A note from the candidate:",
		ErrorsHeading:      "Please check the form:",
		StrengthsLegend:    "What went well",
		ImprovementsLegend: "What would have made them a stronger candidate",
		StrengthArea:       "Strength {n} — area",
		StrengthDetail:     "Strength {n} — details",
		ImprovementArea:    "Improvement {n} — area",
		ImprovementDetail:  "Improvement {n} — suggestion",
		SummaryLabel:       "Anything else you would like to say",
		AuthorNameLabel:    "Your name (optional)",
		AuthorRoleLabel:    "Your role (optional)",
		SubmitButton:       "Send feedback",
		DeclineButton:      "We prefer not to give feedback",
		Categories: []PageOption{
			{"skills", "Skills"}, {"experience", "Experience"}, {"interview_performance", "Interview performance"},
			{"communication", "Communication"}, {"preparation", "Preparation"}, {"culture_fit", "Team fit"},
			{"technical_depth", "Technical depth"}, {"motivation", "Motivation"}, {"compensation", "Compensation"},
			{"other", "Other"},
		},
		LanguageLabel:          "Language",
		Footer:                 "This request was sent through Rebound on the candidate’s behalf. Rebound stores your answer and passes it on to the candidate through the career platform they use, which receives it through Rebound’s API and webhooks.",
		RespondedTitle:         "Thank you",
		RespondedMessage:       "Your feedback is on its way to {candidate} through their career platform. Thank you for taking the time — it makes a real difference.",
		DeclinedTitle:          "Thank you",
		DeclinedMessage:        "Understood — {candidate} will learn through their career platform that you prefer not to give feedback. Thank you for considering it.",
		AlreadyAnsweredTitle:   "Already answered",
		AlreadyAnsweredMessage: "This feedback request has already been answered. Thank you — there is nothing more to do.",
		ExpiredTitle:           "Link no longer valid",
		ExpiredMessage:         "This feedback link has expired or was withdrawn. No answer is needed.",
		NotFoundTitle:          "Link not found",
		NotFoundMessage:        "This feedback link is not valid. Please check that the whole link was copied.",
		TooLongTitle:           "Answer too long",
		TooLongMessage:         "The form could not be read; please shorten the answer and try again.",
		ReloadTitle:            "Please reload the page",
		ReloadMessage:          "This form has expired or did not come from this page. Reload the link and try again.",
		ErrorCategory:          "Please choose an area from the list.",
		ErrorNothingGiven:      "Please write at least one strength, suggestion or comment, or choose “We prefer not to give feedback”.",
		ErrorInvalidField:      "A field is too long or not valid. Please check your answers and try again.",
	},
}

// greetEnglish keeps the friendly "Hi Helen," for a plain name and turns formal when the
// name carries a title: "Dear Dr. Marsh,", "Dear Ms. Schulz," (also for "Frau Schulz"), "Dear
// Sir John Smith,". Without a usable name it says "Hello,".
func greetEnglish(p personName) string {
	switch {
	case p.empty():
		return "Hello,"
	case p.kept:
		return "Dear " + p.raw + ","
	case p.hasAcademic("prof"):
		return "Dear Professor " + p.family + ","
	case p.hasAcademic("dr"):
		return "Dear Dr. " + p.family + ","
	case p.titled:
		if t := englishCourtesy(p); t != "" {
			return "Dear " + t + " " + p.family + ","
		}
		return "Dear " + p.names + ","
	}
	return "Hi " + p.given + ","
}

// englishCourtesy writes the courtesy title in English: the English title given, or Ms. or
// Mr. for a foreign one (Frau, Sra., Monsieur); Ms. because it says nothing of marriage.
func englishCourtesy(p personName) string {
	switch p.social {
	case "mr":
		return "Mr."
	case "mrs":
		return "Mrs."
	case "ms":
		return "Ms."
	case "miss":
		return "Miss"
	case "mx":
		return "Mx."
	}
	switch p.gender {
	case genderFemale:
		return "Ms."
	case genderMale:
		return "Mr."
	}
	return ""
}
