market-title = 📊 <b>Нарық: { $role }</b> сіздің қалаңызда — табылған вакансиялар: { $vacancies }
market-any_role = сіздің дағдыларыңыз
market-standing = 💰 Сіздің { $amount } осы вакансиялардың { $percent }%-ынан жоғары (n = { $sample }).
market-too_few = 💰 Жалақыны тек { $paid } вакансия көрсетеді — { $minimum }-дан аз, салыстыруға әлі ерте.
market-no_expectation = 💰 Күтетін жалақыңызды /preferences ішінде көрсетіңіз, мен оның нарықтағы орнын көрсетемін.
market-skills = 🧩 Жиі сұралатыны: { $skills }
market-skill_have = ✓ { $skill } ({ $vacancies })
market-skill_lack = ✗ { $skill } ({ $vacancies })
market-empty = Сіздің қалаңызда сіздің рөліңіз бойынша вакансия әзірге таппадым. Алдымен /jobs ашыңыз немесе /preferences кеңейтіңіз.
market-chart-salaries = Айына қолға алатын жалақы: { $role }
market-chart-salary_axis = айына, { $currency }
market-chart-vacancies_axis = вакансиялар
market-chart-you = сіз
market-chart-too_few = Жалақыны { $minimum }-дан аз вакансия көрсеткен
market-chart-skills = Ең көп сұралатын дағдылар (жасыл — сіздікі)
