preferences-view =
    <b>Что я о вас знаю</b>

    <b>Должности:</b> { $titles }
    <b>Навыки (вес):</b> { $skills }
    <b>Сильные стороны:</b> { $preferred }
    <b>Избегать:</b> { $avoided }
    <b>Сферы:</b> { $categories }
    <b>Опыт:</b> { $experience }
    <b>Город:</b> { $city } · удалёнка подходит: { $remote }
    <b>Формат работы:</b> { $formats }
    <b>Занятость:</b> { $employment }
    <b>Зарплата:</b> { $salary }

    <b>Фильтры</b>
    Зарплата — жёсткий минимум: { $salary_floor }
    Только мой город: { $only_my_city }
    Скрывать вакансии с откликом: { $exclude_applied }

    <b>Выучено по вашим оценкам</b>
    Больше: { $more_of }
    Меньше: { $less_of }
    Ниже в выдаче: { $limits }
    Не показываю: { $hidden }
    Ранжирование: навыки { $w_skills }% · место { $w_location }% · зарплата { $w_salary }%
preferences-toggle-remote = Удалёнка подходит: { $state }
preferences-toggle-floor = Минимум зарплаты: { $state }
preferences-toggle-city = Только мой город: { $state }
preferences-toggle-applied = Скрывать отклики: { $state }
preferences-reset = ♻️ Сбросить обучение
preferences-reset_confirm = Забыть всё, чему я научился по вашим 👍 и 👎? Ваши ответы останутся.
preferences-reset_yes = Да, сбросить
preferences-reset_done = Обучение сброшено.
preferences-updated = Обновлено.
preferences-limit-pay = оплата до { $amount }
preferences-low_pay = 💰 Снова показывать оплату до { $amount }
preferences-low_pay_done = Вакансии с низкой оплатой снова в ленте. Новые «Низкая зарплата» снова научат меня пределу.
preferences-limit-experience = опыт от «{ $level }»
preferences-limit-remote = удалёнка из других городов
