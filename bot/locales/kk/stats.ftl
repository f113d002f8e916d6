stats-title = 📊 <b>Сіздің статистикаңыз</b>
stats-recommendations = Сізге табылған вакансиялар: { $count } (көрсетілді: { $shown }, толық ашылды: { $opened })
stats-feedback = Бағаланды: { $rated } · 👍 { $liked }
stats-accuracy = Бағалаған вакансияларыңыздың ұнағаны: { $percent }%
stats-accuracy_unknown = Бағалаған вакансияларыңыздың ұнағаны: — (бірнешеуін 👍 / 👎 арқылы бағалаңыз)
stats-funnel =
    <b>Өтінімдер</b>
    ⭐ сақталды { $saved } → 📨 өтінім { $applied } → 🗣 сұхбат { $interview } → 🤝 ұсыныс { $offer } → 🎉 жұмысқа алынды { $hired } · 🔕 жауап жоқ { $no_answer } · ✖️ бас тартылды { $rejected }
stats-interview_rate = Сұхбатқа әкелген өтінімдер: { $percent }
stats-offer_rate = Жұмысқа алумен аяқталған сұхбаттар: { $percent }
stats-top_skills = <b>Вакансияларыңызда ең көп сұралатын дағдылар:</b> { $skills }
stats-empty = Әзірге статистика жоқ — /jobs ашып, бірнеше вакансияны бағалаңыз.
stats-empty_no_profile = Әзірге статистика жоқ — алдымен профиліңізді баптаңыз: /start
stats-global_title = 🌍 <b>Барлық пайдаланушылар (тек әкімшілерге, жасырын)</b>
stats-global_users = Пайдаланушылар: { $users } · 30 күнде белсенді: { $active } · профиль баптағандар: { $onboarded }
stats-global_recommendations = Ұсыныстар: { $count } · көрсетілді: { $shown } · бағаланды: { $rated } · 👍 үлесі: { $percent }
stats-global_funnel = Сақталды { $saved } → өтінім { $applied } → сұхбат { $interview } → ұсыныс { $offer } → жұмысқа алынды { $hired } · жауап жоқ { $no_answer } · бас тартылды { $rejected }
stats-na = —
