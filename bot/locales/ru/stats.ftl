stats-title = 📊 <b>Ваша статистика</b>
stats-recommendations = Найдено вакансий для вас: { $count } (показано: { $shown }, открыто подробно: { $opened })
stats-feedback = Оценено: { $rated } · 👍 { $liked }
stats-accuracy = Понравились вам из оценённых вакансий: { $percent }%
stats-accuracy_unknown = Понравились вам из оценённых вакансий: — (оцените несколько 👍 / 👎)
stats-funnel =
    <b>Отклики</b>
    ⭐ сохранено { $saved } → 📨 отклик { $applied } → 🗣 собеседование { $interview } → 🤝 предложение { $offer } → 🎉 приняли на работу { $hired } · 🔕 нет ответа { $no_answer } · ✖️ отказ { $rejected }
stats-interview_rate = Отклики, которые привели к собеседованию: { $percent }
stats-offer_rate = Собеседования, после которых приняли на работу: { $percent }
stats-top_skills = <b>Самые востребованные навыки в ваших вакансиях:</b> { $skills }
stats-empty = Статистики пока нет — откройте /jobs и оцените несколько вакансий.
stats-empty_no_profile = Статистики пока нет — сначала настройте профиль: /start
stats-global_title = 🌍 <b>Все пользователи (только для админов, анонимно)</b>
stats-global_users = Пользователей: { $users } · активных за 30 дней: { $active } · настроили профиль: { $onboarded }
stats-global_recommendations = Рекомендаций: { $count } · показано: { $shown } · оценено: { $rated } · доля 👍: { $percent }
stats-global_funnel = Сохранено { $saved } → отклик { $applied } → собеседование { $interview } → предложение { $offer } → приняли на работу { $hired } · нет ответа { $no_answer } · отказ { $rejected }
stats-na = —
