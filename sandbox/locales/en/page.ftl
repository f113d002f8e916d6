# The sandbox chat page's own chrome (the bot's texts are in bot/locales).
page-title = { $bot } — sandbox chat
page-status = bot
page-menu = ☰ Menu
page-menu-hint = Commands
page-message = Message
page-send = Send
page-intro = This is the offline sandbox: no Telegram, no HeadHunter account.
page-start = START
page-no_menu = The bot has not set a commands menu yet.
page-edited = edited
page-photo = 🖼 Photo
# The menu button's Mini App, as the bot names it (its webapp.menu_button).
page-web_app = Jobs app
page-web_app_tab = Open in a new tab
page-web_app_close = Close the Mini App
# The "Send my digest now" control and what it reports.
demo-label = ⚡ Send my digest now
demo-not_running = The bot is not running.
demo-need_start = Finish the setup first: send /start.
demo-digest_off = Your daily digest is off — turn it on in /settings.
demo-sent = Digest sent.
demo-empty = No new vacancies for a digest right now (an empty digest is never sent).
demo-not_sent = No digest went out: { $counts }
demo-none_due = none due
demo-clock = Demo clock: { $time } ({ $timezone }).
# A strftime format for the demo clock.
demo-clock_format = %a %d %b %H:%M
