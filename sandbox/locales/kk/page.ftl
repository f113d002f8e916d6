# The sandbox chat page's own chrome (the bot's texts are in bot/locales).
page-title = { $bot } — құмсалғыш чат
page-status = бот
page-menu = ☰ Мәзір
page-menu-hint = Командалар
page-message = Хабарлама
page-send = Жіберу
page-intro = Бұл офлайн құмсалғыш: Telegram да, HeadHunter аккаунты да қажет емес.
page-start = БАСТАУ
page-no_menu = Бот әлі командалар мәзірін орнатқан жоқ.
page-edited = өзгертілді
page-photo = 🖼 Сурет
# The menu button's Mini App, as the bot names it (its webapp.menu_button).
page-web_app = Вакансиялар
page-web_app_tab = Жаңа қойындыда ашу
page-web_app_close = Қолданбаны жабу
# The "Send my digest now" control and what it reports.
demo-label = ⚡ Іріктемені қазір жіберу
demo-not_running = Бот іске қосылмаған.
demo-need_start = Алдымен профиліңізді баптаңыз: /start жіберіңіз.
demo-digest_off = Күнделікті іріктеме өшірулі — оны /settings ішінде қосыңыз.
demo-sent = Іріктеме жіберілді.
demo-empty = Әзірге іріктемеге жаңа вакансия жоқ (бос іріктеме жіберілмейді).
demo-not_sent = Іріктеме жіберілмеді: { $counts }
demo-none_due = ешкімге уақыты келген жоқ
demo-clock = Демо сағаты: { $time } ({ $timezone }).
# A strftime format for the demo clock.
demo-clock_format = %d.%m %H:%M
