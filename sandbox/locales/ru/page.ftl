# The sandbox chat page's own chrome (the bot's texts are in bot/locales).
page-title = { $bot } — чат-песочница
page-status = бот
page-menu = ☰ Меню
page-menu-hint = Команды
page-message = Сообщение
page-send = Отправить
page-intro = Это офлайн-песочница: без Telegram и без аккаунта HeadHunter.
page-start = СТАРТ
page-no_menu = Бот ещё не задал меню команд.
page-edited = изменено
page-photo = 🖼 Фото
# The menu button's Mini App, as the bot names it (its webapp.menu_button).
page-web_app = Вакансии
page-web_app_tab = Открыть в новой вкладке
page-web_app_close = Закрыть приложение
# The "Send my digest now" control and what it reports.
demo-label = ⚡ Прислать подборку сейчас
demo-not_running = Бот не запущен.
demo-need_start = Сначала настройте профиль: отправьте /start.
demo-digest_off = Ежедневная подборка выключена — включите её в /settings.
demo-sent = Подборка отправлена.
demo-empty = Для подборки пока нет новых вакансий (пустая подборка не отправляется).
demo-not_sent = Подборка не отправлена: { $counts }
demo-none_due = никому не пора
demo-clock = Часы демо: { $time } ({ $timezone }).
# A strftime format for the demo clock.
demo-clock_format = %d.%m %H:%M
