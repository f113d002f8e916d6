preferences-view =
    <b>What I know about you</b>

    <b>Job titles:</b> { $titles }
    <b>Skills (weight):</b> { $skills }
    <b>Strong at:</b> { $preferred }
    <b>Avoid:</b> { $avoided }
    <b>Fields:</b> { $categories }
    <b>Experience:</b> { $experience }
    <b>City:</b> { $city } · remote is fine: { $remote }
    <b>Work format:</b> { $formats }
    <b>Employment:</b> { $employment }
    <b>Salary:</b> { $salary }

    <b>Filters</b>
    Salary is a hard floor: { $salary_floor }
    Only my city: { $only_my_city }
    Hide vacancies I applied to: { $exclude_applied }

    <b>Learned from your feedback</b>
    More of: { $more_of }
    Less of: { $less_of }
    Ranked lower: { $limits }
    Not shown: { $hidden }
    Ranking: skills { $w_skills }% · location { $w_location }% · salary { $w_salary }%
preferences-toggle-remote = Remote is fine: { $state }
preferences-toggle-floor = Salary floor: { $state }
preferences-toggle-city = Only my city: { $state }
preferences-toggle-applied = Hide applied: { $state }
preferences-reset = ♻️ Reset learning
preferences-reset_confirm = Forget everything learned from your 👍 and 👎? Your answers stay.
preferences-reset_yes = Yes, reset
preferences-reset_done = Learning reset.
preferences-updated = Updated.
preferences-limit-pay = pay up to { $amount }
preferences-low_pay = 💰 Show pay up to { $amount } again
preferences-low_pay_done = Low pay is back in your feed. New «Salary too low» taps will teach the limit again.
preferences-limit-experience = asking { $level } or more
preferences-limit-remote = remote work from other cities
