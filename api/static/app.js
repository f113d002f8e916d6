// The Mini App: the feed, the applications board, preferences and analytics over the
// bot's JSON API (/api, see docs/API.md). Plain JavaScript, no build step.
//
// Inside Telegram it uses Telegram.WebApp (initData, theme, BackButton, MainButton,
// HapticFeedback); in a plain browser it reads initData from the URL fragment
// (#tgWebAppData=…, how Telegram passes it) and works the same. Everything from HH or the
// API is set as text (textContent), never parsed as HTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  // Telegram's own script, from Telegram, when served over HTTPS (a real deployment); the
  // sandbox serves the app over loopback HTTP, offline, and the app works without it.
  const TELEGRAM_SCRIPT = "https://telegram.org/js/telegram-web-app.js";
  const SCRIPT_WAIT_MS = 3000;
  let tg = null;
  const fragment = new URLSearchParams(location.hash.slice(1));
  let initData = fragment.get("tgWebAppData") || "";

  function loadTelegramScript() {
    if (window.Telegram && window.Telegram.WebApp) return Promise.resolve();
    if (location.protocol !== "https:") return Promise.resolve();
    return new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = TELEGRAM_SCRIPT;
      script.onload = resolve;
      script.onerror = resolve; // a plain browser offline: carry on without it
      setTimeout(resolve, SCRIPT_WAIT_MS);
      document.head.append(script);
    });
  }
  const API = new URL("../api", location.href).pathname.replace(/\/$/, "");
  const TABS = ["feed", "board", "prefs", "stats"];
  const PER_PAGE = 10;

  const state = {
    texts: {},
    language: "en",
    statuses: ["saved", "applied", "no_answer", "interview", "offer", "hired", "rejected"],
    tab: "feed",
    page: 1,
    totalPages: 1,
    search: null, // the filters of a search; null: the personal feed
  };

  // ------------------------------------------------------------------------------ texts
  function t(key, params) {
    const template = state.texts[key] || key;
    return template.replace(/\{(\w+)\}/g, (_, name) => (params && name in params ? String(params[name]) : ""));
  }

  function applyTexts() {
    document.documentElement.lang = state.language;
    document.querySelectorAll("[data-t]").forEach((node) => { node.textContent = t(node.dataset.t); });
    document.querySelectorAll("[data-t-label]").forEach((node) => {
      node.setAttribute("aria-label", t(node.dataset.tLabel));
    });
    document.title = t("webapp.title");
  }

  // ------------------------------------------------------------------------------ api
  class ApiError extends Error {
    constructor(status, error) {
      super(error && error.message ? error.message : `HTTP ${status}`);
      this.status = status;
      this.code = error && error.code;
    }
  }

  async function call(method, path, body) {
    const init = { method, headers: { Authorization: `tma ${initData}` }, cache: "no-store" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const response = await fetch(API + path, init);
    const payload = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, payload && payload.error);
    return payload;
  }

  // ------------------------------------------------------------------------------ feedback to the person
  let toastTimer = 0;
  function toast(text) {
    const node = $("toast");
    node.textContent = text;
    node.classList.add("shown");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => node.classList.remove("shown"), 2500);
  }

  function haptic(kind) {
    if (!tg || !tg.HapticFeedback) return;
    if (kind === "error" || kind === "success") tg.HapticFeedback.notificationOccurred(kind);
    else tg.HapticFeedback.impactOccurred("light");
  }

  function failed(error) {
    haptic("error");
    if (error instanceof ApiError && error.status === 429) toast(t("webapp.error.rate"));
    else toast(error.message || t("webapp.error.generic"));
  }

  function notice(text) {
    const node = $("notice");
    node.textContent = text;
    node.hidden = !text;
  }

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (value === undefined || value === null || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : value);
    });
    children.flat().forEach((child) => child && node.append(child));
    return node;
  }

  function money(amount, currency) {
    return `${new Intl.NumberFormat(state.language).format(amount)} ${currency || ""}`.trim();
  }

  function salaryText(job) {
    const { salary_from: from, salary_to: to, salary_currency: cur } = job;
    if (from && to) return t("webapp.salary.range", { from: money(from, ""), to: money(to, cur) });
    if (from) return t("webapp.salary.from", { amount: money(from, cur) });
    if (to) return t("webapp.salary.to", { amount: money(to, cur) });
    return t("webapp.salary.none");
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function openLink(url) {
    if (tg && tg.openLink) tg.openLink(url);
    else window.open(url, "_blank", "noopener");
  }

  // ------------------------------------------------------------------------------ vacancy card
  function vacancyHeader(job) {
    const href = job.url && safeUrl(job.url);
    const title = href
      ? el("a", { href, target: "_blank", rel: "noopener", text: job.title,
                  onclick: (event) => { event.preventDefault(); openLink(href); } })
      : document.createTextNode(job.title);
    const place = [job.employer_name, job.area_name].filter(Boolean).join(" · ");
    return [
      el("h3", { class: "job-title" }, title),
      place ? el("p", { class: "muted", text: place }) : null,
      el("p", { class: "salary", text: salaryText(job) }),
      el("p", { class: "match", text: t("webapp.card.match", { percent: job.match_percent }) }),
      el("p", { class: "why", text: job.why }),
    ];
  }

  function toggle(label, pressed, onclick) {
    return el("button", { type: "button", class: "chip", "aria-pressed": pressed ? "true" : "false",
                          text: label, onclick });
  }

  function card(job) {
    const node = el("li", { class: "card", "data-id": job.id });
    const draw = () => {
      node.replaceChildren(
        ...vacancyHeader(job),
        job.snippet ? el("p", { class: "snippet", text: job.snippet }) : null,
        el("div", { class: "row actions", role: "group", "aria-label": t("webapp.card.actions") },
          toggle(job.feedback === true ? t("webapp.card.liked") : t("webapp.card.like"),
                 job.feedback === true, () => rate(job, true, draw)),
          toggle(job.feedback === false ? t("webapp.card.disliked") : t("webapp.card.dislike"),
                 job.feedback === false, () => rate(job, false, draw)),
          toggle(job.saved ? t("webapp.card.saved") : t("webapp.card.save"), job.saved,
                 () => save(job, draw))),
      );
    };
    draw();
    return node;
  }

  async function rate(job, relevant, redraw) {
    try {
      await call("POST", "/jobs/feedback", { job_recommendation_id: job.id, is_relevant: relevant });
      job.feedback = relevant;
      haptic("impact");
      redraw();
      toast(relevant ? t("webapp.toast.liked") : t("webapp.toast.disliked"));
    } catch (error) { failed(error); }
  }

  async function save(job, redraw) {
    if (job.saved) { toast(t("webapp.toast.on_board")); return; }
    try {
      await call("POST", "/jobs/save", { job_recommendation_id: job.id });
      job.saved = true;
      haptic("success");
      redraw();
      toast(t("webapp.toast.saved"));
    } catch (error) { failed(error); }
  }

  // ------------------------------------------------------------------------------ feed
  async function loadFeed() {
    const list = $("feed");
    list.setAttribute("aria-busy", "true");
    try {
      const result = state.search
        ? await call("POST", "/jobs/search", { ...state.search, page: state.page, per_page: PER_PAGE })
        : await call("GET", `/jobs/recommendations?page=${state.page}&per_page=${PER_PAGE}`);
      state.totalPages = Math.max(result.total_pages, 1);
      list.replaceChildren(...result.recommendations.map(card));
      // The chat's count: a new browse leaves out what was seen before while something
      // unseen is left, so say so when the two differ (the chat said "22", this says 6).
      const fitting = result.fitting == null ? result.total : result.fitting;
      $("feed-summary").textContent = !result.recommendations.length
        ? t("webapp.feed.empty")
        : fitting > result.total
          ? t("webapp.feed.new_of", { total: result.total, fitting })
          : t("webapp.feed.total", { total: result.total });
      $("feed-page").textContent = t("webapp.feed.page", { page: state.page, pages: state.totalPages });
      $("feed-prev").disabled = state.page <= 1;
      $("feed-next").disabled = state.page >= state.totalPages;
      notice(result.stale ? t("webapp.feed.stale") : "");
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) notice(error.message);
      else failed(error);
    } finally {
      list.setAttribute("aria-busy", "false");
    }
  }

  function readFilters(form) {
    const data = new FormData(form);
    const text = String(data.get("text") || "").trim();
    const city = String(data.get("city") || "").trim();
    const salary = Number(data.get("salary") || 0);
    const search = { include_remote: data.get("remote") === "on" };
    if (text) search.text = text;
    if (city) search.override_location = city;
    if (salary > 0) search.override_salary_min = salary;
    return text || city || salary > 0 || !search.include_remote ? search : null;
  }

  // ------------------------------------------------------------------------------ board
  function statusName(status) { return t(`saved.status.${status}`); } // the chat's names

  function boardCard(job) {
    const notes = el("textarea", { rows: 2, maxlength: 1000, "aria-label": t("webapp.board.notes") });
    notes.value = job.notes || "";
    const reminder = el("input", { type: "datetime-local", "aria-label": t("webapp.board.reminder") });
    if (job.reminder_date) reminder.value = localInput(job.reminder_date);
    const moves = job.next_statuses.map((status) => el("button", {
      type: "button", class: "chip move", "data-status": status,
      text: t("webapp.board.move", { status: statusName(status) }),
      onclick: () => update(job, { application_status: status }, t("webapp.toast.moved", { status: statusName(status) })),
    }));
    return el("li", { class: "card", "data-id": job.id },
      ...vacancyHeader(job.job),
      moves.length ? el("div", { class: "row", role: "group", "aria-label": t("webapp.board.moves") }, moves) : null,
      el("label", { class: "stack" }, el("span", { text: t("webapp.board.notes") }), notes),
      el("button", { type: "button", class: "chip", text: t("webapp.board.save_notes"),
                     onclick: () => update(job, { notes: notes.value }, t("webapp.toast.notes")) }),
      el("label", { class: "stack" }, el("span", { text: t("webapp.board.reminder") }), reminder),
      el("div", { class: "row" },
        el("button", { type: "button", class: "chip", text: t("webapp.board.remind"),
                       onclick: () => reminder.value
                         ? update(job, { reminder_date: new Date(reminder.value).toISOString() }, t("webapp.toast.reminder"))
                         : toast(t("webapp.board.pick_time")) }),
        job.reminder_date ? el("button", { type: "button", class: "chip", text: t("webapp.board.no_reminder"),
                                           onclick: () => update(job, { reminder_date: null }, t("webapp.toast.no_reminder")) }) : null),
    );
  }

  function localInput(iso) {
    const date = new Date(iso);
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
    return shifted.toISOString().slice(0, 16);
  }

  async function update(job, change, done) {
    try {
      await call("PUT", `/jobs/saved/${job.id}`, change);
      haptic("success");
      toast(done);
      await loadBoard(job.id);
    } catch (error) { failed(error); }
  }

  async function loadBoard(focusId) {
    const board = $("board");
    try {
      const result = await call("GET", "/jobs/saved");
      state.statuses = result.statuses;
      board.replaceChildren(...result.statuses.map((status) => {
        const jobs = result.saved_jobs.filter((job) => job.application_status === status);
        const heading = el("h2", { id: `column-${status}`, text: `${statusName(status)} (${jobs.length})` });
        return el("section", { class: "column", "data-status": status, "aria-labelledby": `column-${status}` },
          heading,
          jobs.length ? el("ol", { class: "cards" }, jobs.map(boardCard))
                      : el("p", { class: "muted", text: t("webapp.board.empty") }));
      }));
      if (focusId) {
        const moved = board.querySelector(`.card[data-id="${focusId}"] h3 a, .card[data-id="${focusId}"] h3`);
        if (moved) { moved.setAttribute("tabindex", "-1"); moved.focus(); }
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) notice(error.message);
      else failed(error);
    }
  }

  // ------------------------------------------------------------------------------ preferences
  const splitList = (text) => text.split(",").map((part) => part.trim()).filter(Boolean);

  async function loadPrefs() {
    try {
      const prefs = await call("GET", "/jobs/preferences");
      const form = $("prefs");
      form.skills.value = prefs.skills.join(", ");
      form.job_titles.value = prefs.job_titles.join(", ");
      form.salary.value = prefs.salary.minimum || "";
      form.currency.value = prefs.salary.currency;
      ["remote_ok", "salary_is_floor", "only_my_city", "exclude_applied"].forEach((name) => {
        form[name].checked = Boolean(prefs[name]);
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) notice(error.message);
      else failed(error);
    }
  }

  async function savePrefs() {
    const form = $("prefs");
    const salary = Number(form.salary.value || 0);
    const body = {
      skills: splitList(form.skills.value),
      job_titles: splitList(form.job_titles.value),
      salary: { minimum: salary > 0 ? salary : null, currency: form.currency.value },
      remote_ok: form.remote_ok.checked,
      salary_is_floor: form.salary_is_floor.checked,
      only_my_city: form.only_my_city.checked,
      exclude_applied: form.exclude_applied.checked,
    };
    try {
      await call("PUT", "/jobs/preferences", body);
      haptic("success");
      toast(t("webapp.toast.prefs"));
    } catch (error) { failed(error); }
  }

  // ------------------------------------------------------------------------------ analytics
  const percent = (share) => (share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`);

  function bars(items, label) {
    const top = Math.max(1, ...items.map((item) => item.value));
    return el("ul", { class: "bars", "aria-label": label }, items.map((item) => el("li", {},
      el("span", { class: "bar-label", text: item.label }),
      el("span", { class: "bar", style: `--share:${item.value / top}`, "aria-hidden": "true" }),
      el("span", { class: "bar-value", text: String(item.value) }))));
  }

  async function loadStats() {
    const box = $("stats");
    try {
      const stats = await call("GET", "/jobs/analytics");
      const funnel = stats.application_success_rates;
      const parts = [
        el("h2", { text: t("webapp.stats.accuracy") }),
        el("p", { class: "big", text: percent(stats.recommendation_accuracy) }),
        el("p", { class: "muted", text: t("webapp.stats.rated", { liked: stats.liked, rated: stats.rated }) }),
        el("h2", { text: t("webapp.stats.funnel") }),
        bars(state.statuses.map((status) => ({ label: statusName(status), value: funnel[status] })),
             t("webapp.stats.funnel")),
        el("p", { class: "muted", text: t("webapp.stats.rates", {
          interview: percent(funnel.interview_rate), offer: percent(funnel.offer_rate) }) }),
        el("h2", { text: t("webapp.stats.skills") }),
        stats.top_skills_in_demand.length
          ? bars(stats.top_skills_in_demand.map((s) => ({ label: s.skill, value: s.vacancies })), t("webapp.stats.skills"))
          : el("p", { class: "muted", text: t("webapp.stats.no_skills") }),
      ];
      const market = stats.salary_context;
      parts.push(el("h2", { text: t("webapp.stats.salary") }));
      if (!market) {
        parts.push(el("p", { class: "muted", text: t("webapp.stats.no_market") }));
      } else {
        if (market.quartiles) {
          parts.push(el("p", { text: t("webapp.stats.quartiles", {
            low: money(market.quartiles[0], ""), median: money(market.quartiles[1], ""),
            high: money(market.quartiles[2], market.currency), n: market.paid_vacancies }) }));
        } else {
          parts.push(el("p", { class: "muted", text: t("webapp.stats.small_sample", { n: market.paid_vacancies }) }));
        }
        if (market.above_share !== null && market.expected) {
          parts.push(el("p", { text: t("webapp.stats.standing", {
            amount: money(market.expected, market.currency), share: percent(market.above_share) }) }));
        }
      }
      box.replaceChildren(...parts);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) notice(error.message);
      else failed(error);
    }
  }

  // ------------------------------------------------------------------------------ tabs
  const loaders = { feed: loadFeed, board: () => loadBoard(), prefs: loadPrefs, stats: loadStats };

  function showTab(name, { focus = false } = {}) {
    state.tab = name;
    TABS.forEach((tab) => {
      const button = $(`tab-${tab}`);
      const selected = tab === name;
      button.setAttribute("aria-selected", String(selected));
      button.tabIndex = selected ? 0 : -1;
      $(`panel-${tab}`).hidden = !selected;
    });
    if (focus) $(`tab-${name}`).focus();
    syncTelegramButtons();
    loaders[name]();
  }

  function syncTelegramButtons() {
    if (!tg) return;
    if (tg.BackButton) {
      if (state.tab === "feed") tg.BackButton.hide(); else tg.BackButton.show();
    }
    if (tg.MainButton) {
      if (state.tab === "prefs") {
        tg.MainButton.setText(t("webapp.prefs.save"));
        tg.MainButton.show();
      } else {
        tg.MainButton.hide();
      }
    }
  }

  function wireTabs() {
    TABS.forEach((tab, index) => {
      const button = $(`tab-${tab}`);
      button.addEventListener("click", () => showTab(tab));
      button.addEventListener("keydown", (event) => {
        const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
        if (step) {
          event.preventDefault();
          showTab(TABS[(index + step + TABS.length) % TABS.length], { focus: true });
        } else if (event.key === "Home" || event.key === "End") {
          event.preventDefault();
          showTab(event.key === "Home" ? TABS[0] : TABS[TABS.length - 1], { focus: true });
        }
      });
    });
  }

  function wireFeed() {
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      state.search = readFilters(event.target);
      state.page = 1;
      loadFeed();
    });
    $("filters-reset").addEventListener("click", () => {
      $("filters").reset();
      state.search = null;
      state.page = 1;
      loadFeed();
    });
    $("feed-prev").addEventListener("click", () => { state.page -= 1; loadFeed(); });
    $("feed-next").addEventListener("click", () => { state.page += 1; loadFeed(); });
    $("prefs").addEventListener("submit", (event) => { event.preventDefault(); savePrefs(); });
  }

  // ------------------------------------------------------------------------------ theme
  function applyTheme() {
    let theme = tg && tg.themeParams;
    if (!theme || !Object.keys(theme).length) {
      try { theme = JSON.parse(fragment.get("tgWebAppThemeParams") || "{}"); } catch (_) { theme = {}; }
    }
    Object.entries(theme).forEach(([name, value]) => {
      if (/^#[0-9a-f]{3,8}$/i.test(value)) {
        document.documentElement.style.setProperty(`--tg-${name.replace(/_/g, "-")}`, value);
      }
    });
  }

  // ------------------------------------------------------------------------------ start
  async function loadTexts(language) {
    const response = await fetch(`${API}/i18n/${encodeURIComponent(language)}`);
    if (!response.ok) return false;
    const payload = await response.json();
    state.texts = payload.texts;
    state.language = payload.language;
    applyTexts();
    return true;
  }

  async function start() {
    await loadTelegramScript();
    tg = window.Telegram && window.Telegram.WebApp ? window.Telegram.WebApp : null;
    if (tg && tg.initData) initData = tg.initData;
    applyTheme();
    wireTabs();
    wireFeed();
    if (tg) {
      tg.ready();
      if (tg.expand) tg.expand();
      if (tg.BackButton) tg.BackButton.onClick(() => showTab("feed", { focus: true }));
      if (tg.MainButton) tg.MainButton.onClick(savePrefs);
    }
    const fallback = (navigator.language || "en").slice(0, 2);
    await loadTexts(fallback).catch(() => false) || await loadTexts("en");
    if (!initData) {
      notice(t("webapp.error.no_telegram"));
      document.body.dataset.ready = "true";
      return;
    }
    try {
      const me = await call("GET", "/me");
      state.statuses = me.statuses;
      if (me.language !== state.language) await loadTexts(me.language);
    } catch (error) {
      notice(error.message);
      document.body.dataset.ready = "true";
      return;
    }
    showTab("feed");
    document.body.dataset.ready = "true"; // the browser test waits for this
  }

  start().catch((error) => notice(error.message));
})();
