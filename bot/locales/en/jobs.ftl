jobs-card-title = <b>{ $title }</b>
jobs-card-employer = 🏢 { $employer }
jobs-card-area = 📍 { $area }
jobs-card-salary = 💰 { $salary }
jobs-card-match = 🎯 Match: { $percent }%
jobs-card-snippet = <i>{ $snippet }</i>
jobs-why = 💡 Why: { $reasons }
jobs-why-title = the title is what you look for
jobs-why-salary_meets = salary meets your expectation
jobs-why-salary_below = salary about { $percent }% of your expectation
jobs-why-salary_below_plain = salary below your expectation
jobs-why-location-same_area = in your city
jobs-why-location-in = in { $city }
jobs-why-location-remote = remote work
jobs-why-location-same_country = in your country
jobs-why-location-elsewhere = in another city
jobs-why-keywords = mentions { $keywords }
jobs-why-general = close to your profile
jobs-salary-none = salary not stated
jobs-salary-range = { $low } – { $high }
jobs-salary-from = from { $amount }
jobs-salary-to = up to { $amount }
jobs-salary-gross = { $amount } before tax
jobs-salary-net = { $amount } take-home
jobs-details-skills = <b>Key skills:</b> { $skills }
jobs-details-no_description = The employer gave no description.
jobs-btn-like = 👍
jobs-btn-liked = 👍✓
jobs-btn-dislike = 👎
jobs-btn-disliked = 👎✓
jobs-btn-save = ⭐ Save
jobs-btn-saved = ★ Saved
jobs-btn-details = 📄 Details
jobs-btn-hide = 🚫 Hide employer
jobs-btn-open = 🔗 Open on hh
jobs-btn-prev = ◀ Prev
jobs-btn-next = Next ▶
jobs-btn-refresh = 🔄 Refresh
jobs-btn-again = 🔁 Show them again
jobs-nav-page = Page { $page } of { $pages } · vacancies: { $total }
jobs-nav-refreshed = 🔄 New to you: { $new }. Already seen, so left out: { $seen } — ⭐ save a vacancy to keep it in /saved.
jobs-nav-last = That is the last page for now. 🔄 Refresh looks for new vacancies.
jobs-all_seen =
    { $count ->
        [one] You have already seen the one vacancy that fits you — it is above.
       *[other] You have already seen all { $count } vacancies that fit you — they are above.
    } Tap 🔄 Refresh to look for new ones, or 🔁 to see { $count ->
        [one] it
       *[other] them
    } again. For more, widen your search in /preferences: { $ways }.
jobs-widen-city = another city
jobs-widen-remote = remote work
jobs-widen-salary = a lower salary
jobs-widen-title = another job title
jobs-nav-stale = ⚠️ HeadHunter is not answering right now, so these are results I saved earlier.
jobs-empty =
    No new vacancies for you right now.

    Try /search with your own words, or widen your /preferences (city, salary, skills). Tap 🔄 later to look again.
jobs-hidden_pay = You said more than once that pay up to { $amount } is too low, so vacancies paying that little are not shown.
jobs-unavailable-hh_unavailable = HeadHunter is not answering right now. Please try again in a few minutes.
jobs-unavailable-hh_rate_limited = HeadHunter asked me to slow down. Please try again in a minute.
jobs-unavailable-hh_captcha = HeadHunter is refusing my searches at the moment. Please try again later.
jobs-unavailable-hh_forbidden = HeadHunter is refusing my searches at the moment. Please try again later.
jobs-unavailable-hh_invalid_response = HeadHunter sent me something I could not read. Please try again in a few minutes.
jobs-not_found = This vacancy is not available.
jobs-saved_toast = Saved ⭐ — see /saved. Tap ★ again to undo.
jobs-unsaved_toast = Removed from /saved
jobs-unsave_kept = This vacancy stays in /saved: it has a status, notes or a reminder there. Change it in /saved.
jobs-hidden = 🚫 Vacancies from <b>{ $employer }</b> will not be shown any more. /hidden shows them again.
jobs-hidden_toast = Employer hidden
jobs-no_employer = This vacancy names no employer to hide.
jobs-card-terms = 🧭 { $terms }
jobs-gap-have = ✓ { $skills }
jobs-gap-lack = ✗ { $skills }
jobs-trust-rating = ★ { $rating } · { $reviews ->
        [one] { $reviews } review
       *[other] { $reviews } reviews
    }
jobs-trust-rating_only = ★ { $rating }
jobs-trust-trusted = ✔ checked by hh
jobs-trust-accredited_it = IT accredited
jobs-format-ON_SITE = on site
jobs-format-REMOTE = remote
jobs-format-HYBRID = hybrid
jobs-format-FIELD_WORK = field work
jobs-experience-noExperience = no experience needed
jobs-experience-between1And3 = 1–3 years' experience
jobs-experience-between3And6 = 3–6 years' experience
jobs-experience-moreThan6 = 6+ years' experience
jobs-employment-FULL = full time
jobs-employment-PART = part time
jobs-employment-PROJECT = project
jobs-employment-FLY_IN_FLY_OUT = rotation
jobs-employment-SIDE_JOB = side job
jobs-pay_mode-HOUR = per hour
jobs-pay_mode-SHIFT = per shift
jobs-pay_mode-FLY_IN_FLY_OUT = per rotation
jobs-pay_mode-SERVICE = per service
jobs-salary-per = { $amount } { $unit }
jobs-posted-today = posted today
jobs-posted-yesterday = posted yesterday
jobs-posted-days = { $days ->
        [one] posted { $days } day ago
       *[other] posted { $days } days ago
    }
jobs-btn-apply = ✉️ Apply on hh

jobs-btn-not_interested = 🙈 Not for me
jobs-not_interested = 🙈 <b>{ $title }</b> is hidden: I will not show this vacancy again. /hidden shows it again.
jobs-not_interested_toast = Vacancy hidden
jobs-pay-vacancy_in = 📊 Pays more than { $percent } % of { $role } vacancies in { $place } (n = { $sample })
jobs-pay-vacancy = 📊 Pays more than { $percent } % of { $role } vacancies (n = { $sample })
jobs-pay-yours_in = 📊 Your { $amount } is above { $percent } % of { $role } vacancies in { $place } (n = { $sample })
jobs-pay-yours = 📊 Your { $amount } is above { $percent } % of { $role } vacancies (n = { $sample })
jobs-btn-more = ⋯ More
jobs-btn-less = ⋯ Less
jobs-btn-similar = 🔁 More like this
jobs-btn-share = 📤 Share
jobs-similar_title = 🔁 { $count ->
        [one] { $count } more vacancy like this:
       *[other] { $count } more vacancies like this:
    }
jobs-similar_none = Nothing new like this right now: you have seen them all.
jobs-share = 📤 A link to <b>{ $title }</b> — whoever opens it sees this vacancy in the bot:
    { $link }
jobs-btn-share_send = 📤 Send to a chat
