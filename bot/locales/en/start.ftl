start-welcome =
    Hi, { $name }! I find vacancies on HeadHunter that fit you, and I learn from your 👍 and 👎.

    A few quick questions first — it takes about a minute.
start-welcome-nameless =
    Hi! I find vacancies on HeadHunter that fit you, and I learn from your 👍 and 👎.

    A few quick questions first — it takes about a minute.
start-welcome_back =
    Welcome back, { $name }! Your profile is set up.

    /jobs — vacancies for you
    /preferences — what I know about you
    /settings — digest, time zone, language

    Want to answer the setup questions again? Tap the button.
start-welcome_back-nameless =
    Welcome back! Your profile is set up.

    /jobs — vacancies for you
    /preferences — what I know about you
    /settings — digest, time zone, language

    Want to answer the setup questions again? Tap the button.
start-redo = 🔄 Set up again
start-help =
    <b>What I can do</b>

    /jobs — vacancies picked for you
    /search — search with your own words
    /saved — your shortlist and application status
    /hidden — employers and vacancies you hid, to bring back
    /preferences — what I know about you, and edit it
    /searches — several named searches, each with its own digest
    /resume — fill your profile from a resume file
    /assessment — rate your skills to sharpen the picks
    /stats — your statistics
    /market — salaries and skills in demand for your role
    /settings — daily digest, time zone, language
    /export — download your data
    /delete_me — delete all your data
    /cancel — leave the current dialog
start-cancelled = Cancelled. Nothing else was changed.
start-nothing_to_cancel = There is nothing to cancel. /help shows what I can do.
start-shared_not_found = That link names no open vacancy: it may have closed, or the link is cut. /jobs shows vacancies picked for you.
start-shared_invite = 👋 Someone shared this vacancy with you. I can pick vacancies like it for you every day — let's set up your profile, it takes two minutes.
