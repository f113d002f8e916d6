stats-title = 📊 <b>Your statistics</b>
stats-recommendations = Vacancies found for you: { $count } (shown: { $shown }, details opened: { $opened })
stats-feedback = Rated: { $rated } · 👍 { $liked }
stats-accuracy = Vacancies you liked, of those you rated: { $percent }%
stats-accuracy_unknown = Vacancies you liked, of those you rated: — (rate a few with 👍 / 👎)
stats-funnel =
    <b>Applications</b>
    ⭐ saved { $saved } → 📨 applied { $applied } → 🗣 interview { $interview } → 🤝 offer { $offer } → 🎉 hired { $hired } · 🔕 no answer { $no_answer } · ✖️ rejected { $rejected }
stats-interview_rate = Applications that led to an interview: { $percent }
stats-offer_rate = Interviews that led to being hired: { $percent }
stats-top_skills = <b>Most asked-for skills in your vacancies:</b> { $skills }
stats-empty = No statistics yet — open /jobs and rate a few vacancies.
stats-empty_no_profile = No statistics yet — set up your profile first: /start
stats-global_title = 🌍 <b>Everyone (admins only, anonymised)</b>
stats-global_users = Users: { $users } · active in 30 days: { $active } · set up: { $onboarded }
stats-global_recommendations = Recommendations: { $count } · shown: { $shown } · rated: { $rated } · 👍 share: { $percent }
stats-global_funnel = Saved { $saved } → applied { $applied } → interview { $interview } → offer { $offer } → hired { $hired } · no answer { $no_answer } · rejected { $rejected }
stats-na = —
