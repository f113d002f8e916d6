market-title = 📊 <b>Рынок: { $role }</b> в вашем городе — найдено вакансий: { $vacancies }
market-any_role = ваши навыки
market-standing = 💰 Ваши { $amount } выше, чем в { $percent }% этих вакансий (n = { $sample }).
market-too_few = 💰 Зарплату указывают только { $paid } — меньше { $minimum }, сравнивать рано.
market-no_expectation = 💰 Укажите желаемую зарплату в /preferences, и я покажу, где она на рынке.
market-skills = 🧩 Чаще всего просят: { $skills }
market-skill_have = ✓ { $skill } ({ $vacancies })
market-skill_lack = ✗ { $skill } ({ $vacancies })
market-empty = Вакансий вашей роли в вашем городе я пока не нашёл. Откройте сначала /jobs или расширьте /preferences.
market-chart-salaries = Зарплата на руки в месяц: { $role }
market-chart-salary_axis = в месяц, { $currency }
market-chart-vacancies_axis = вакансий
market-chart-you = вы
market-chart-too_few = Зарплату указали меньше { $minimum } вакансий
market-chart-skills = Самые востребованные навыки (зелёные — ваши)
