search-ask =
    What are you looking for? Type keywords, e.g. <code>{ $example }</code>.

    To change your usual filters for this search add <code>city:Almaty</code>, <code>salary:300k</code>, <code>remote</code> or <code>applied:show</code>. /cancel to stop.
search-need_keywords = Type at least one keyword, e.g. <code>python</code>.
search-city_ask = Which city should I search in? Type its name, e.g. Almaty.
search-city_unknown = I don't know the city “{ $text }”. Try another spelling, e.g. Almaty or Astana.
search-city_pick = Which one did you mean?
search-salary_ask = What minimum salary? For example 300000, 300k or $2000.
search-salary_bad = I couldn't read “{ $text }” as a salary. Try 300000, 300k or $2000.
search-summary = 🔎 { $parts }
search-summary-keywords = “{ $keywords }”
search-summary-profile = your profile
search-summary-city = 📍 { $city }
search-summary-salary = 💰 from { $amount }
search-summary-remote = 🏠 remote included
search-summary-applied_hidden = 🙈 applied hidden
search-summary-applied_shown = 👁 applied shown
search-btn-city = 🏙 City
search-btn-salary = 💰 Salary
search-btn-remote = 🏠 Add remote
search-btn-hide_applied = 🙈 Hide applied
search-empty = Nothing matches this search. Try fewer keywords, another city or a lower salary.
search-expired = This search has expired — send /search again.
search-example = sales manager
