onboarding-categories-ask =
    <b>Step 1 of 7 · Fields</b>
    Which fields do you work in? Tap one or more, then <b>Next</b>.
onboarding-categories-need_one = Pick at least one field first.
onboarding-categories-use_buttons = Please pick your fields with the buttons, then tap <b>Next</b>. I did not change anything.
onboarding-categories-added = Chosen: { $fields }. Tap more, or <b>Next</b>.
onboarding-skills-ask =
    <b>Step 2 of 7 · Skills</b>
    Tap the skills you have, or type them separated by commas (e.g. <i>Python, Excel, 1С</i>). Then tap <b>Next</b>.

    Chosen: { $chosen }
onboarding-skills-added = Added: { $skills }.
onboarding-skills-not_understood = I could not find skills in “{ $text }”. Type skill names separated by commas, e.g. <i>Python, Figma, SQL</i>, or tap the buttons.
onboarding-skills-need_one = Choose or type at least one skill.
onboarding-skills-none_chosen = nothing yet
onboarding-experience-ask =
    <b>Step 3 of 7 · Experience</b>
    How much work experience do you have?
onboarding-experience-use_buttons = Please choose your experience with one of the buttons. I did not change anything.
onboarding-city-ask =
    <b>Step 4 of 7 · City</b>
    Which city do you want to work in? Type its name (e.g. <i>Almaty</i>, <i>Астана</i>) or tap <b>Anywhere / remote</b>.
onboarding-city-matched = 📍 { $name }
onboarding-city-anywhere = 🌍 Anywhere / remote
onboarding-city-ambiguous = Which “{ $text }” do you mean? Tap one, or type the city again.
onboarding-city-unknown = I do not know a city called “{ $text }”. Type a city name such as <i>Almaty</i> or <i>Караганда</i>, or tap <b>Anywhere / remote</b>.
onboarding-city-unknown_with_options = I do not know a city called “{ $text }”. Did you mean one of these? Tap it, or type a city name such as <i>Almaty</i>.
onboarding-city-too_long = That is too long for a city name. Type just the city, e.g. <i>Astana</i>, or tap <b>Anywhere / remote</b>.
onboarding-city-unavailable = I cannot look up cities right now. Please try again in a minute, or tap <b>Anywhere / remote</b>.
onboarding-work_format-ask =
    <b>Step 5 of 7 · Work format</b>
    How do you want to work? Tap one or more (none means any), then <b>Next</b>.
onboarding-employment-ask =
    <b>Step 6 of 7 · Employment</b>
    Which kinds of employment suit you? Tap one or more (none means any), then <b>Next</b>.
onboarding-use_buttons = Please use the buttons, then tap <b>Next</b>. I did not change anything.
onboarding-salary-ask =
    <b>Step 7 of 7 · Salary</b>
    What monthly salary do you expect? Type e.g. <i>450000</i>, <i>from 300k</i>, <i>300–450 thousand</i> or <i>$2000</i>, or tap <b>Skip</b>.
onboarding-salary-error-empty = Type the salary you expect, e.g. <i>450000</i> or <i>from 300k</i>, or tap <b>Skip</b>.
onboarding-salary-error-not_understood = I could not read a salary in “{ $text }”. Type a number with an optional currency, e.g. <i>450000</i>, <i>from 300k</i>, <i>1500 USD</i>, or tap <b>Skip</b>.
onboarding-salary-error-too_large = That amount looks too large. Type a monthly salary, e.g. <i>450000</i>, or tap <b>Skip</b>.
onboarding-salary-error-too_small = That amount looks too small. Type a monthly salary, e.g. <i>450000</i>, or tap <b>Skip</b>.
onboarding-salary-error-negative = A salary cannot be negative. Type e.g. <i>450000</i>, or tap <b>Skip</b>.
onboarding-summary =
    <b>Your profile — please check</b>

    <b>Fields:</b> { $categories }
    <b>Skills:</b> { $skills }
    <b>Job titles:</b> { $titles }
    <b>Experience:</b> { $experience }
    <b>City:</b> { $city }
    <b>Work format:</b> { $formats }
    <b>Employment:</b> { $employment }
    <b>Salary:</b> { $salary }

    All correct? Tap <b>Confirm</b>, or edit any step.
onboarding-summary-use_buttons = Tap <b>Confirm</b> to save your profile, or one of the edit buttons.
onboarding-confirm = ✅ Confirm
onboarding-edit-cat = ✏️ Fields
onboarding-edit-skl = ✏️ Skills
onboarding-edit-exp = ✏️ Experience
onboarding-edit-city = ✏️ City
onboarding-edit-fmt = ✏️ Work format
onboarding-edit-emp = ✏️ Employment
onboarding-edit-sal = ✏️ Salary
onboarding-saved = ✅ Saved! Your profile is ready.
onboarding-any = any
onboarding-anywhere = anywhere / remote
onboarding-not_set = not set
onboarding-salary-from = from { $amount }
onboarding-salary-to = up to { $amount }
onboarding-salary-range = { $low } – { $high }
options-experience-noExperience = No experience
options-experience-between1And3 = 1–3 years
options-experience-between3And6 = 3–6 years
options-experience-moreThan6 = More than 6 years
options-work_format-ON_SITE = On site
options-work_format-REMOTE = Remote
options-work_format-HYBRID = Hybrid
options-work_format-FIELD_WORK = Field work
options-employment-FULL = Full time
options-employment-PART = Part time
options-employment-PROJECT = Project / contract
options-employment-FLY_IN_FLY_OUT = Rotation (fly-in fly-out)
onboarding-skills-add_anyway = ➕ Add anyway
onboarding-skills-unknown =
    { $count ->
        [one] I do not know { $skills } as a skill. Tap <b>Add anyway</b> to keep it, or type the skill differently (e.g. <i>Python, Excel</i>).
       *[other] I do not know these { $count } as skills: { $skills }. Tap <b>Add anyway</b> to keep them, or type them differently (e.g. <i>Python, Excel</i>).
    }
onboarding-edit-ttl = ✏️ Job titles
onboarding-titles-ask =
    <b>Job titles</b>
    What do you want to work as? I search HeadHunter for these and show their vacancies first. Tap to choose, or type a job title (e.g. <i>Accountant</i>, <i>Python developer</i>). Then tap <b>Next</b>.

    Chosen: { $chosen }
onboarding-titles-need_one = Choose or type at least one job title.
onboarding-titles-added = Added: { $title }
onboarding-titles-not_understood = I could not read «{ $text }» as a job title. Type it in a few words, e.g. <i>Accountant</i>.
onboarding-skills-unknown_item = “{ $skill }”
