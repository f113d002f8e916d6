settings-view =
    <b>Настройки</b>

    Ежедневная подборка: { $digest }
    Время подборки: { $time } ({ $timezone })
    Язык: { $language }
settings-no_profile = Профиля пока нет, поэтому вакансии и подборки не приходят. Настройте его: /start
settings-digest_on = 🔔 Подборка: вкл.
settings-digest_off = 🔕 Подборка: выкл.
settings-time_button = 🕘 Время подборки
settings-tz_button = 🌐 Часовой пояс
settings-time_ask = Когда присылать ежедневную подборку? Нажмите на время или напишите его в виде <b>ЧЧ:ММ</b> (например, <i>08:30</i>).
settings-time_invalid = «{ $text }» — это не время суток. Напишите в виде <b>ЧЧ:ММ</b>, например <i>08:30</i> или <i>21:00</i>.
settings-tz_ask = Ваш часовой пояс — <b>{ $timezone }</b>. Выберите кнопкой или напишите свой город (<i>Астана</i>, <i>Москва</i>), название IANA (<i>Asia/Almaty</i>) или смещение (<i>UTC+5</i>).
settings-tz_invalid = Я не знаю часовой пояс «{ $text }». Напишите город, например <i>Астана</i> или <i>Москва</i>, название IANA, например <i>Asia/Almaty</i>, или смещение, например <i>UTC+5</i>.
settings-saved = Сохранено.
settings-language_name = Русский
settings-delete_ask = Удалить <b>все</b> ваши данные — профиль, предпочтения, сохранённые вакансии, оценки? Это нельзя отменить.
settings-delete_yes = 🗑 Да, удалить всё
settings-delete_no = Нет, оставить
settings-deleted = Все ваши данные удалены. Отправьте /start, если захотите начать заново.
settings-delete_kept = Ничего не удалено.
settings-export_caption = Всё, что я о вас храню, в формате JSON.
settings-tz_did_you_mean = Может быть, { $place }?
settings-test_digest_button = 📨 Прислать тестовую подборку сейчас
settings-test_digest_sending = Отправляю тестовую подборку…
settings-test_digest_nothing_new = Для вашего поиска сейчас нет ничего нового, поэтому подборка не отправлена (пустых я не присылаю). Новые вакансии придут в следующей подборке.
settings-test_digest_unavailable = hh.kz сейчас не отвечает. Попробуйте тестовую подборку через несколько минут.
settings-test_digest_no_search = У вас ещё нет профиля, поэтому присылать нечего. Настройте его: /start
settings-test_digest_failed = Telegram не принял тестовую подборку. Попробуйте через минуту.
