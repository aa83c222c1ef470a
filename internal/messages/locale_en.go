package messages

import "strings"

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

	Tone: englishTone,
	StopWords: strings.Fields(`the and you your to of for is was this that with have has had it my me not be are were would will been
		we our but if from about what there can could know just so very an at on by or as they them their he she his her us all any
		some no do don did didn am isn wasn ll ve re how who why which when than then also only really would could should also
		after again always another back because before being both came come day does done down each even ever every
		first get give go going good got great here him into its last let like little long look made make many may
		might more most much must new next now off old one other out over own put said same say see since still such
		take tell these thing think those through time today too two under until up use want way week well where while
		whole work year yet either month`),
	Markers: strings.Fields("thanks thank please regards sincerely cheers hello hi interview application role position"),
	Endings: strings.Fields("ing ould ght ness ful"),
}

// englishTone is the English tone check. Patterns stay specific on purpose: a tone check that
// flags courteous sentences teaches candidates to ignore it, so strong words are only flagged
// when aimed at someone ("your process is a joke"), not when used kindly ("it's ridiculous
// how much I learned") or about a moment of one's own ("I felt like an idiot, so I practised").
// ['’] accepts both the typed and the typographic apostrophe.
var englishTone = toneTable{
	Advice: map[string]advice{
		FindingHostile: {"Insults and contempt burn the bridge for good; recruiters and managers move between companies and remember tone.",
			"Remove it; if something went wrong, describe it once, briefly and neutrally, or not at all."},
		FindingBlame: {"Blaming the employer assumes bad faith; most hiring decisions are close calls made for professional, not personal, reasons.",
			"Speak about what you would do differently, or ask what would have made your application stronger."},
		FindingDemands: {"Nobody owes a candidate an explanation; a demand leaves the reader no gracious way to say yes.",
			"Ask instead: \"Would you be open to sharing…?\""},
		FindingSelfDeprecation: {"Harsh words about yourself undersell you to the reader, and to yourself; a rejection is one decision, not a verdict on you.",
			"Leave it out, or name one specific thing you are working on instead."},
		FindingSarcasm: {"Sarcasm and pointed reminders read as contempt, and the reader will answer the tone rather than the words.",
			"Say plainly what you would like: \"Could you let me know where things stand?\""},
		FindingBegging: {"Pleading puts the reader in an awkward spot and rarely changes a decision that has been made.",
			"Say that you remain interested and would welcome future openings; that keeps the door open with dignity."},
		FindingPushyFollowUp: {"Deadlines and repeated chasing put pressure on what is a courtesy, and make a reply less likely.",
			"Follow up once, without a deadline: \"When you have a moment, could you let me know where things stand?\""},
		FindingLegalThreat: {"A legal threat in a reply ends the relationship and will not be heard as intended; a complaint has its own channels.",
			"Keep this message courteous, or do not send it. If you believe you were treated unlawfully, raise it separately through the proper channel, such as the employer's complaints process, an employment adviser or a lawyer."},
	},
	Shouting:    advice{"Capitals read as shouting, however calm the words are.", "Write in sentence case; if a word needs emphasis, let the sentence carry it."},
	Punctuation: advice{"Stacked punctuation reads as agitation or sarcasm.", "One full stop, or one question mark, is enough."},
	TooLong: advice{"A reply to a rejection should be read in seconds; long ones tend to argue and are rarely read to the end.",
		"Cut it to a few sentences: thanks, one question or wish, and a sign-off."},

	Negators:        []string{"not", "no", "never", "nor", "without", "hardly", "cannot", "neither"},
	NegatorSuffixes: []string{"n't", "n’t"},
	NegatorsAfter:   []string{"nothing", "none", "no"},
	NotNegation: []string{"can't believe", "can’t believe", "cannot believe", "couldn't believe", "couldn’t believe", "not only",
		"no doubt", "no wonder", "no offence", "no offense"},
	ClauseBreaks: []string{"but", "although", "though", "however", "yet", "whereas", "except"},
	Warm: []string{"thank", "thanks", "loved", "love", "enjoyed", "great", "amazing", "wonderful", "awesome", "fantastic",
		"brilliant", "excited", "congratulations", "congrats", "appreciate", "appreciated", "glad", "happy", "grateful",
		"pleasure", "lovely", "cheers", "wow", "yay", "delighted", "thrilled"},
	WarmFillers: []string{"a", "an", "you", "so", "much", "very", "really", "all", "again", "everyone", "team", "for", "the", "everything"},

	Phrases: []phrase{
		// Hostile or accusatory: contempt for the people or the company.
		{Kind: FindingHostile, Pattern: `\byou people\b`},
		{Kind: FindingHostile, Pattern: `\bhow dare you\b`},
		{Kind: FindingHostile, Pattern: `\b(?:incompetent|clueless|rude|arrogant|pathetic|disgraceful|disgusting|outrageous|ridiculous|absurd|insulting|unprofessional|laughable|shambolic)\b`,
			Unless: `\b(?:ridiculous|absurd)(?:ly)? how\b`},
		{Kind: FindingHostile, Pattern: `\b(?:is|are|was|were|be|you(?:['’]re| are)(?: all)?|bunch of|pack of|load of|such|what)\s+(?:an?\s+)?(?:(?:complete|total|absolute|utter|bunch of|pack of)\s+)*(?:idiots?|morons?|clowns?|amateurs|imbeciles?|jokers?|fools?|liars?)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:is|was|are|were|been|what|such)\s+(?:an?\s+)?(?:(?:absolute|complete|total|utter|bad|sick|bloody|real)\s+)?(?:joke|farce|circus|shambles|disgrace|scam|sham|mess|clown show)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:stupid|dumb|idiotic|pointless|moronic|silly)\s+(?:decisions?|process|questions?|tests?|company|interviews?|interviewers?|people|task|exercise)\b|\b(?:that|this|it)\s+(?:was|is)\s+(?:so\s+|really\s+|just\s+)?(?:stupid|dumb|idiotic|moronic)\b`},
		{Kind: FindingHostile, Pattern: `\bwast(?:e|ed|ing)\b(?:\s+(?:so much|all|\w+\s+(?:weeks|months|days|hours))\s+of|\s+of)?\s+(?:my|our)\s+(?:time|life|energy|weekend|evenings?)\b`},
		{Kind: FindingHostile, Pattern: `\bi(?:['’]ll| will) have you know\b`},
		{Kind: FindingHostile, Pattern: `\b(?:shame on you|you should be ashamed|have you no shame)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:you (?:must|have got to|['’]ve got to) be (?:joking|kidding)|are you (?:joking|kidding)(?: me)?)\b`},
		{Kind: FindingHostile, Pattern: `\byou(?:['’]ll| will|['’]re going to| are going to) regret\b`},
		{Kind: FindingHostile, Pattern: `\b(?:it['’]?s|it is|that['’]?s|that is) your loss\b|\byour loss,? not mine\b`},
		{Kind: FindingHostile, Pattern: `\bi hope (?:your|the) (?:company|startup|business|firm|team|agency)\b[^.!?\n]{0,25}\b(?:fails?|crash(?:es)?|burns?|goes (?:bust|under|bankrupt)|collapses?|folds?|sinks?)\b`},
		{Kind: FindingHostile, Pattern: `\b(?:go to hell|screw you|piss off|damn you|f+u+c+k\w*|bullshit|wtf)\b`},
		{Kind: FindingHostile, Pattern: `\bi(?:['’]ll| will|['’]m going to| am going to) (?:make sure (?:everyone|everybody|people|the world)|tell (?:everyone|everybody|people|the world)|warn (?:everyone|everybody|others|people)|post about|write about|name and shame)\b`},
		{Kind: FindingHostile, Pattern: `\byou (?:people )?(?:have|had) no (?:idea|clue) (?:how|what)\b`},
		{Kind: FindingHostile, Pattern: `\bno (?:idea|clue) (?:what (?:they|you)(?:['’]re| are| were) doing|how to (?:run|hire|treat|interview|manage))\b`},
		{Kind: FindingHostile, Pattern: `\b(?:is|was|are|were)\s+(?:an?\s+)?(?:(?:absolute|complete|total|utter|real)\s+)?(?:disaster|nightmare|train ?wreck|dumpster fire|embarrassment)\b`},

		// Blame: holding the employer responsible for the outcome.
		{Kind: FindingBlame, Pattern: `\byou (?:never|didn['’]?t(?: even)?|did not(?: even)?|wouldn['’]?t|won['’]?t) (?:gave|give|giving|let|offered|offer) me (?:a|any|the|my) (?:(?:fair|real|proper|genuine) )?(?:chance|shot|opportunity)\b`},
		{Kind: FindingBlame, Pattern: `\bunfair(?:ly)?\b`, Unless: `\bunfair (?:of|on) me\b`},
		{Kind: FindingBlame, Pattern: `\b(?:rigged|fixed from the start|a stitch-up|a done deal)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:had|['’]d|already) (?:already )?(?:picked|chosen|selected|decided on|lined up|made up your mind about) (?:someone|somebody|your candidate|a candidate|the candidate|who)\b|\bdecided before i (?:even )?(?:applied|interviewed|walked in)\b|\bdecision (?:had|was) (?:already )?(?:been )?(?:made|taken)\b`},
		{Kind: FindingBlame, Pattern: `\byou (?:\w+ly )?(?:didn['’]?t|did not|never|don['’]?t|haven['’]?t|hadn['’]?t) (?:even )?(?:bother(?:ed)? to )?(?:read|look at|looked at|open|opened|check|listen to|watch) (?:my|a word|the)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:nobody|no one|no-one|none of you) (?:even )?(?:bothered|read|looked at|opened|listened|checked)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:biased|prejudiced) against me\b|\bbecause of my (?:age|gender|race|ethnicity|religion|accent|disability|name|pregnancy|sexuality|nationality|background)\b|\bdiscriminat(?:ion|ed|ing|ory)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:it['’]?s|it is|it was|this is|that['’]?s|that is) (?:all |entirely |completely )?(?:your fault|on you)\b`},
		{Kind: FindingBlame, Pattern: `\byou(?:['’]ve| have)? made a (?:big|huge|serious|terrible|grave|massive|real) mistake\b`},
		{Kind: FindingBlame, Pattern: `\byour (?:hiring |recruitment |recruiting |interview )?(?:process|system|organisation|organization)\b[^.!?\n]{0,15}\b(?:chaotic|broken|flawed|disorgani[sz]ed|a mess|a shambles)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:didn['’]?t|did not|never|hadn['’]?t|had not) (?:even )?(?:listen(?:ed)? to (?:a word|me|anything)|prepared)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:gave|sent|told) me (?:to )?(?:the )?wrong (?:information|details|time|address|date|floor|room)\b|\bsent me to the wrong\b`},
		{Kind: FindingBlame, Pattern: `\bbefore (?:rejecting|judging|dismissing) (?:people|candidates|applicants|someone|anyone)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:nepotism|favou?ritism|cronyism|jobs for the boys|old boys['’]? club|an inside job)\b`},
		{Kind: FindingBlame, Pattern: `\b(?:wanted|were looking for|preferred|went for|chose) (?:someone|somebody|a candidate|an applicant) (?:younger|older|cheaper|male|female|local)\b`},

		// Demands: orders and claims of entitlement.
		{Kind: FindingDemands, Pattern: `\bi (?:demand|insist)\b`},
		{Kind: FindingDemands, Pattern: `\byou owe me\b`},
		{Kind: FindingDemands, Pattern: `\bi (?:fully |do |really )?expect (?:(?:an?|some|your) )?(?:(?:full|proper|detailed|written|honest|clear|complete) )?(?:explanation|justification|apology|feedback|reason)\b`},
		{Kind: FindingDemands, Pattern: `\bi expect you to\b`},
		{Kind: FindingDemands, Pattern: `\byou (?:must|have to|need to) (?:(?:now|immediately|at least|please) )?(?:explain|tell|give|provide|send|justify|share|apologi[sz]e|show)\b`},
		{Kind: FindingDemands, Pattern: `\bi (?:deserve|am owed|['’]m owed|have a right) (?:to know|to be told|an? (?:explanation|answer|reason|apology)|some feedback|feedback)\b`},
		{Kind: FindingDemands, Pattern: `\bi (?:want|need|require) (?:a |an |some )?(?:(?:proper|real|full|clear|detailed|honest|straight) )?(?:reason|explanation|justification|apology)\b`},
		{Kind: FindingDemands, Pattern: `(?:^|[.!?]\s+|\n)((?:please )?(?:tell|send|give|show|forward) me (?:who|why|what|the|my|your|a|an|all)\b)`},
		{Kind: FindingDemands, Pattern: `\bi (?:deserve|deserved|should have got(?:ten)?) (?:this|the|that) (?:job|role|position|offer)\b`},
		{Kind: FindingDemands, Pattern: `\b(?:reverse|overturn) (?:your|the|this) decision\b`},
		{Kind: FindingDemands, Pattern: `\bi (?:need|want|expect) you to (?:explain|tell|give|send|justify|provide|share|call|respond|reply|answer)\b`},
		{Kind: FindingDemands, Pattern: `\bi(?:['’]d| would) like (?:a|an) (?:(?:written|full|proper|detailed|formal) )?(?:explanation|justification|apology)\b`},

		// Pushy follow-ups: pressure on when or whether they answer.
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:expect|need|want|require|demand)\b[^.!?\n]{0,30}\b(?:answer|reply|response|decision|update|word|explanation|to hear)\b[^.!?\n]{0,20}\b(?:by|before|within|no later than|until)\b|\b(?:respond|reply|answer|get back to me|let me know|hear back|hear from you|an answer|a reply|a response|a decision)\b[^.!?\n]{0,15}\b(?:by|before|within|no later than) (?:(?:the )?end of (?:the )?(?:day|week|today|business)|eod|cob|close of business|tonight|tomorrow|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midday|next week|this week|\d+)\b`,
			Unless: `\b(?:could|would|can) you\b|\bif (?:possible|you can|there is|there['’]s)\b|\bwould be grateful\b|\bi have (?:another|a competing|an?other) offer\b|\bi (?:need|have) to (?:reply|respond|answer|decide|give)\b|\bno need\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:respond|reply|answer|get back to (?:me|us)|call me|write back|let me know|hear from you)\b[^.!?\n]{0,12}\b(?:asap|a\.s\.a\.p|as soon as possible|immediately|right away|urgently|at once|straight away|today|tonight|right now)\b|\bthis is urgent\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bif i (?:don['’]?t|do not) (?:hear|get|receive)\b[^.!?\n]{0,40}\b(?:by|before|within|this week|today|tomorrow|soon)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bi(?:['’]ll| will| am going to|['’]m going to) (?:keep (?:calling|emailing|e-mailing|writing|chasing|phoning|messaging)|call (?:you )?(?:again )?(?:every day|daily|each day|until)|email (?:you )?(?:every day|daily|until))\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:contact(?:ing)?|email(?:ing)?|writ(?:e|ing) to|call(?:ing)?|go(?:ing)? (?:over your head )?to|escalat(?:e|ing) (?:this |it )?to) your (?:ceo|boss|manager|director|head of \w+|founder|md|managing director|board|superiors?)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bthis is (?:my|the) (?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)) (?:e-?mail|message|time|attempt|follow[- ]up|call)\b|\bi(?:['’]ve| have) (?:now )?(?:called|phoned|emailed|e-mailed|written|messaged|rung)(?: you)? (?:\w+ )?(?:twice|three times|four times|five times|several times|multiple times|many times|\d+ times)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:i['’]m|i am)? ?still waiting (?:for|to hear|on)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bno later than\b|\bat the (?:very )?latest\b|\bi(?:['’]d| would)? (?:like|want|need|expect) (?:it|that|this|them|one)\b[^.!?\n]{0,15}\b(?:by|before|within|this week|today|tomorrow|now)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\bmy last (?:two|three|four|five|several|\d+) (?:e-?mails|messages|calls|voicemails)\b|\bchasing (?:again|this again|you again|up again)\b`},
		{Kind: FindingPushyFollowUp, Pattern: `\b(?:don['’]?t|do not) make me (?:chase|ask|call|write|email|follow up)\b`, NoNegation: true},

		// Sarcasm and passive aggression.
		{Kind: FindingSarcasm, Pattern: `\bthanks?(?: you)?(?: so much| a lot| very much| a bunch)? for nothing\b`},
		{Kind: FindingSarcasm, Pattern: `\bthank(?:s| you)(?: so much| a lot| very much)? for (?:(?:finally|eventually) |(?:the|your) (?:generic|automated|automatic|form|template|copy-?paste|standard|canned|impersonal) |wasting|ghosting|ignoring|the silence|the runaround|the ['‘"“]\w+['’"”])`},
		{Kind: FindingSarcasm, Pattern: `\bthanks?(?: you)?\W{0,4}(?:i guess|i suppose)\b`},
		{Kind: FindingSarcasm, Pattern: `\bcongrat\w* on (?:hiring|finding|picking|choosing|getting)\b[^.!?\n]{0,30}\b(?:cheaper|less (?:qualified|experienced)|friend|nephew|niece|cousin|mate|buddy|worse|insider)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:well done|nice work|great job|good job|bravo|congrat\w*) (?:on|for) (?:ghosting|wasting|ignoring|losing|cancel+ing|the communication|the organi[sz]ation|your communication|keeping me in the dark)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:really|very|so|how|truly) (?:professional|classy|mature|respectful|organi[sz]ed|efficient) of you\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:i )?hope you(?:['’]re| are) (?:happy|satisfied|proud|pleased) with (?:your|the|that) (?:choice|decision|pick|hire)\b`},
		{Kind: FindingSarcasm, Pattern: `\bgood luck with that\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:as )?per my (?:last|previous|earlier|prior)\b|\bas i (?:said|mentioned|wrote|stated|explained) (?:in|on) my (?:last|previous|earlier|prior)\b|\b(?:in case|if) you (?:missed|didn['’]?t see|did not see|overlooked) my (?:last|previous|earlier|other|prior)\b`},
		{Kind: FindingSarcasm, Pattern: `\bi['’]?m sure you(?:['’]re| are) (?:\w+ )?busy,? but\b|\b(?:a reply|an answer|a response|some feedback|a call|the courtesy)\b[^.!?\n]{0,20}\bwould have been (?:nice|appreciated|good|the least)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:cheers|ta) for (?:nothing|the (?:form|generic|automated|automatic|template|standard|canned))\b`},
		{Kind: FindingSarcasm, Pattern: `(?:\.\.\.|…)\s*(?:or )?not\b`},
		{Kind: FindingSarcasm, Pattern: `\bhope (?:whoever|they|he|she|the (?:person|candidate|new hire)|your (?:new hire|choice))\b[^.!?\n]{0,25}\b(?:is|was|are|were) worth it\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:brilliant|great|wonderful|fantastic|perfect|lovely|marvellous|super),? (?:another|yet another|one more) (?:rejection|no|form letter|automated|generic)\b`},
		{Kind: FindingSarcasm, Pattern: `\b(?:a bit rich|bit rich|rich coming from|love how you|funny how you)\b`},

		// Begging: pleading for the job or a reversal.
		{Kind: FindingBegging, Pattern: `\bi(?:['’]m| am) begging\b|\bi beg (?:you|of you)\b`},
		{Kind: FindingBegging, Pattern: `\breconsider\b|\bthink again\b|\bchange your mind\b|\brethink your decision\b`},
		{Kind: FindingBegging, Pattern: `\b(?:give|grant|offer) me (?:another|a second|one more|a last|just one more) (?:chance|shot|go|interview|try|opportunity)\b|\bjust one more chance\b`},
		{Kind: FindingBegging, Pattern: `\bi (?:really |desperately |badly |truly )?need (?:this|the) (?:job|role|position|work|opportunity)\b`},
		{Kind: FindingBegging, Pattern: `\bi(?:['’]ll| will|['’]d| would) do anything\b|\b(?:work|do it) for free\b|\beven unpaid\b|\b(?:take|accept) (?:a )?(?:lower|smaller|reduced|lesser) (?:salary|pay|wage|rate)\b`},
		{Kind: FindingBegging, Pattern: `\bi(?:['’]m| am) (?:so |really |absolutely |completely )?desperate\b`},
		{Kind: FindingBegging, Pattern: `\bplease don['’]?t (?:close the door|give up on me|reject me|say no)\b`},
		{Kind: FindingBegging, Pattern: `\b(?:kids|children|family|rent|bills|mortgage)\b[^.!?\n]{0,25}\bto (?:pay|feed|support)\b`},
		{Kind: FindingBegging, Pattern: `\bplease,? please\b|\b(?:give|let) me (?:a|one|the) (?:chance|opportunity|shot) to (?:prove|show)\b`},
		{Kind: FindingBegging, Pattern: `\b(?:anything|nothing) (?:at all )?(?:i|that i) (?:can|could) do\b`, NoNegation: true},
		{Kind: FindingBegging, Pattern: `\bfor free\b|\bunpaid\b|\bwithout pay\b|\bwithout being paid\b`, NoNegation: true},

		// Self-deprecation: sweeping judgements about oneself.
		{Kind: FindingSelfDeprecation, Pattern: `\bi(?:['’]m| am| was) (?:(?:so|such|just|really|completely|totally|truly|clearly|obviously|simply|utterly) )*(?:stupid|useless|worthless|hopeless|pathetic|incompetent|terrible|awful|rubbish|dumb|an? (?:(?:complete|total|absolute|utter) )?(?:idiot|failure|loser|fraud|disappointment|disaster|mess))\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi knew i (?:wasn['’]?t|was not|would never be|['’]d never be) (?:good|smart|strong|clever|qualified) enough\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi(?:['’]m| am) (?:(?:just|simply|clearly|obviously|still|really) )*not (?:good|smart|clever|talented|strong|qualified) enough\b|\bnot cut out for\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi(?:['’]ll| will) never (?:(?:get|find|land) (?:a|any) (?:job|role|position|work)|be (?:hired|good enough))\b|\b(?:no one|nobody|no-one) (?:will|would|is going to) ever (?:hire|want) me\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bsorry (?:for|about) (?:wasting|taking up) (?:so much of )?your time\b|\bi(?: wasted| have wasted|['’]ve wasted) your time\b|\bsorry (?:that )?i (?:even )?(?:applied|wasted)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi (?:probably |clearly |obviously )?(?:didn['’]?t|did not|don['’]?t) deserve\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi (?:always )?(?:mess|screw) (?:everything|it all|things) up\b|\bi ruin everything\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bi(?:['’]m| am) (?:so |such |really )?(?:bad|terrible|awful|hopeless|useless|rubbish|the worst) at (?:everything|interviews?|this|anything)\b`},
		{Kind: FindingSelfDeprecation, Pattern: `\bwaste of (?:space|oxygen)\b|\bsorry i (?:ever|even) (?:bothered|applied|troubled)\b|\bbother(?:ed|ing)? you with my (?:application|cv)\b`},

		// Legal threats.
		{Kind: FindingLegalThreat, Pattern: `\b(?:my|a) (?:lawyer|attorney|solicitor|barrister|legal (?:counsel|team|representative|adviser|advisor)|union rep(?:resentative)?)\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:take|taking|consider(?:ing)?|pursue|pursuing|start(?:ing)?|initiat\w+|bring(?:ing)?|seek(?:ing)?|explor(?:e|ing)|threaten\w*) (?:legal (?:action|proceedings|steps|recourse)|(?:a )?lawsuit|action against)\b|\bsu(?:e|ing)\b|\blaw ?suit\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:employment|industrial|labou?r) (?:tribunal|court|board)\b|\btribunal\b|\beeoc\b|\bacas\b|\bombudsman\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:file|lodge|make|submit|raise) (?:a |an )?(?:formal )?(?:complaint|claim|charge|grievance) (?:with|to|against)\b|\bi know my rights\b`},
		{Kind: FindingLegalThreat, Pattern: `\b(?:spoken|spoke|speaking|talked|talking|consulted|consulting|contact(?:ed|ing)?|instruct(?:ed|ing)?|hired|engaged|retained) (?:to |with )?(?:an?|my) (?:\w+ )?(?:lawyer|attorney|solicitor|barrister)\b`},
		{Kind: FindingLegalThreat, Pattern: `\breport(?:ing)? (?:this |you |it |the company )?to (?:the )?(?:labou?r|employment|equality|authorities|police|regulator|inspectorate|ombudsman|eeoc)\b|\binspectorate\b`},
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
