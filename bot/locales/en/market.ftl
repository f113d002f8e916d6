market-title = 📊 <b>The market for { $role }</b> in your city: { $vacancies } vacancies found
market-any_role = your skills
market-standing = 💰 Your { $amount } is above { $percent }% of these vacancies' pay (n = { $sample }).
market-too_few = 💰 Only { $paid } of them state pay — fewer than { $minimum }, too few to compare your salary with.
market-no_expectation = 💰 Tell me the salary you expect in /preferences to see where it stands.
market-skills = 🧩 Most asked: { $skills }
market-skill_have = ✓ { $skill } ({ $vacancies })
market-skill_lack = ✗ { $skill } ({ $vacancies })
market-empty = I have found no vacancies of your role in your city yet. Open /jobs first, or widen your /preferences.
market-chart-salaries = Monthly take-home pay: { $role }
market-chart-salary_axis = per month, { $currency }
market-chart-vacancies_axis = vacancies
market-chart-you = you
market-chart-too_few = Fewer than { $minimum } vacancies state pay
market-chart-skills = Skills most asked for (green: yours)
