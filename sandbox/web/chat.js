// The sandbox chat page: one person's private chat with the bot, through the Telegram
// emulator's /_chat API (sandbox/telegram_web.py). Plain JavaScript, no build step.
//
// Messages are drawn from their visible text plus Telegram entities (UTF-16 offsets, which
// is how JavaScript strings index), always through DOM nodes and textContent: nothing the
// bot sends is ever parsed as HTML or evaluated.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const els = {
    messages: $("messages"),
    chat: $("chat"),
    input: $("input"),
    composer: $("composer"),
    menu: $("menu"),
    menuList: $("menu-list"),
    menuButton: $("menu-button"),
    actions: $("actions"),
    banner: $("banner"),
    toasts: $("toasts"),
    botName: $("bot-name"),
    botAvatar: $("bot-avatar"),
    webAppButton: $("web-app-button"),
    webAppPanel: $("web-app-panel"),
    webAppFrame: $("web-app-frame"),
    webAppTab: $("web-app-tab"),
    webAppTitle: $("web-app-title"),
    webAppClose: $("web-app-close"),
  };

  const params = new URLSearchParams(location.search);
  const state = {
    user: { id: 1, first_name: "Demo", language_code: "en" },
    seq: 0,
    nodes: new Map(), // message id -> element
    commands: [],
    menuIndex: -1,
    // The page's own texts in the user's language (GET /_chat/texts, from the demo's
    // sandbox/locales); a key the server does not send keeps the English of index.html.
    texts: {},
  };
  const pageText = (key, fallback) => state.texts[key] || fallback;

  function applyTexts(botName) {
    const menuLabel = pageText("menu", null);
    if (menuLabel) els.menuButton.textContent = menuLabel;
    els.menuButton.title = pageText("menu-hint", els.menuButton.title);
    els.input.placeholder = pageText("message", els.input.placeholder);
    els.input.setAttribute("aria-label", pageText("message", els.input.getAttribute("aria-label")));
    const send = $("send");
    send.title = pageText("send", send.title);
    send.setAttribute("aria-label", pageText("send", send.getAttribute("aria-label")));
    $("bot-status").textContent = pageText("status", $("bot-status").textContent);
    document.title = pageText("title", `${botName} — sandbox chat`);
    els.webAppTab.textContent = pageText("web_app_tab", els.webAppTab.textContent);
    els.webAppClose.setAttribute("aria-label", pageText("web_app_close", els.webAppClose.getAttribute("aria-label")));
    document.documentElement.lang = state.user.language_code || "en";
  }

  // ------------------------------------------------------------------------------ api
  async function api(path, body) {
    const init = body === undefined
      ? { cache: "no-store" }
      : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, init);
    const payload = await response.json().catch(() => null);
    if (!response.ok && !(payload && "note" in payload)) {
      throw new Error(`${response.status} ${response.statusText}`);
    }
    return payload;
  }

  const chatPath = (suffix) => `/_chat/${state.user.id}/${suffix}`;

  // ------------------------------------------------------------------------------ entities
  const SAFE_SCHEMES = ["http:", "https:", "mailto:", "tg:", "tel:"];

  function safeUrl(url) {
    try {
      const parsed = new URL(url, location.href);
      return SAFE_SCHEMES.includes(parsed.protocol) ? parsed.href : null;
    } catch {
      return null;
    }
  }

  // A link the bot sent opens in a new tab; an unsafe scheme (javascript:…) is dropped.
  function link(url) {
    const href = safeUrl(url);
    if (!href) return document.createElement("span");
    const a = document.createElement("a");
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.title = href;
    return a;
  }

  // The element one entity becomes; its children are filled in by buildText.
  function entityNode(entity, covered) {
    const make = (tag, cls) => {
      const node = document.createElement(tag);
      if (cls) node.className = cls;
      return node;
    };
    switch (entity.type) {
      case "bold": return make("b");
      case "italic": return make("i");
      case "underline": return make("u");
      case "strikethrough": return make("s");
      case "code": return make("code");
      case "pre": return make("pre");
      case "blockquote": return make("blockquote");
      case "expandable_blockquote": return make("blockquote", "expandable");
      case "text_link": return link(entity.url);
      case "url": return link(/^[a-z][a-z0-9+.-]*:/i.test(covered) ? covered : `https://${covered}`);
      case "email": return link(`mailto:${covered}`);
      case "spoiler": {
        const node = make("span", "spoiler");
        node.addEventListener("click", () => node.classList.add("revealed"));
        return node;
      }
      case "bot_command": {
        const node = make("span", "command");
        node.addEventListener("click", () => sendText(covered));
        return node;
      }
      default: return make("span", entity.type);
    }
  }

  // Telegram's servers mark commands and links in plain text as entities; the emulator
  // only reports the ones from HTML tags, so the page finds the rest the same way.
  const AUTO = /(^|[\s(])(\/[a-zA-Z0-9_]{1,32})(?![\w/])|https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'"]/g;

  function appendPlain(parent, text) {
    if (!text) return;
    if (parent.closest("a, code, pre")) {
      parent.append(text);
      return;
    }
    let pos = 0;
    for (const match of text.matchAll(AUTO)) {
      const lead = match[1] || "";
      const start = match.index + lead.length;
      const found = match[2] || match[0];
      parent.append(text.slice(pos, start));
      const node = entityNode({ type: match[2] ? "bot_command" : "url" }, found);
      node.textContent = found;
      parent.append(node);
      pos = start + found.length;
    }
    parent.append(text.slice(pos));
  }

  // Nest entities by offset: each one contains the entities that start inside it.
  function buildText(parent, text, start, end, entities) {
    let pos = start;
    let i = 0;
    while (i < entities.length) {
      const entity = entities[i];
      const from = Math.max(entity.offset, pos);
      const to = Math.min(entity.offset + entity.length, end);
      if (from >= to) { i += 1; continue; }
      appendPlain(parent, text.slice(pos, from));
      const inner = [];
      let j = i + 1;
      while (j < entities.length && entities[j].offset < to) { inner.push(entities[j]); j += 1; }
      const node = entityNode(entity, text.slice(entity.offset, entity.offset + entity.length));
      parent.append(node); // attached first, so appendPlain sees the enclosing link or code
      buildText(node, text, from, to, inner);
      pos = to;
      i = j;
    }
    appendPlain(parent, text.slice(pos, end));
  }

  function renderText(text, entities) {
    const node = document.createElement("div");
    node.className = "text";
    const sorted = [...(entities || [])].sort((a, b) => a.offset - b.offset || b.length - a.length);
    buildText(node, text, 0, text.length, sorted);
    return node;
  }

  // ------------------------------------------------------------------------------ messages
  function formatTime(seconds) {
    const d = new Date(seconds * 1000);
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }

  function formatSize(bytes) {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  function renderPhoto(photo) {
    const img = document.createElement("img");
    img.className = "photo";
    img.alt = pageText("photo", "🖼 Photo");
    img.src = chatPath(`photos/${encodeURIComponent(photo.file_id)}`);
    if (photo.width && photo.height) {
      img.width = photo.width;
      img.height = photo.height;
    }
    return img;
  }

  function renderDocument(doc) {
    const box = document.createElement("div");
    box.className = "document";
    const icon = document.createElement("div");
    icon.className = "icon";
    icon.textContent = "📄";
    const info = document.createElement("div");
    const a = document.createElement("a");
    a.className = "file-name";
    a.href = chatPath(`documents/${encodeURIComponent(doc.file_id)}`);
    a.download = doc.file_name;
    a.textContent = doc.file_name;
    const size = document.createElement("div");
    size.className = "file-size";
    size.textContent = formatSize(doc.file_size || 0);
    info.append(a, size);
    box.append(icon, info);
    return box;
  }

  function renderKeyboard(message) {
    const keyboard = document.createElement("div");
    keyboard.className = "keyboard";
    message.buttons.forEach((row, r) => {
      const rowNode = document.createElement("div");
      rowNode.className = "keyboard-row";
      row.forEach((button, c) => {
        const node = document.createElement("button");
        node.type = "button";
        node.className = "kb-button";
        node.textContent = button.text;
        node.title = button.url || button.text;
        if (button.web_app) {
          node.classList.add("web-app");
          node.addEventListener("click", () => openWebApp(button.web_app, button.text));
        } else if (button.url) {
          node.classList.add("url");
          node.addEventListener("click", () => {
            const href = safeUrl(button.url);
            if (href) window.open(href, "_blank", "noopener");
          });
        } else if (button.callback) {
          node.addEventListener("click", () => press(message.id, r, c, node));
        }
        rowNode.append(node);
      });
      keyboard.append(rowNode);
    });
    return keyboard;
  }

  function renderMessage(message) {
    const node = document.createElement("div");
    node.className = `message ${message.from_bot ? "bot" : "user"}`;
    node.dataset.id = String(message.id);
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    if (message.document) bubble.append(renderDocument(message.document));
    if (message.photo) bubble.append(renderPhoto(message.photo));
    const text = message.text ? renderText(message.text, message.entities) : null;
    if (text) bubble.append(text);
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = `${message.edited ? `${pageText("edited", "edited")} ` : ""}${formatTime(message.date)}`;
    // Floated right after the text: on the last line when it fits, as Telegram draws it.
    (text || bubble).append(meta);
    node.append(bubble);
    if (message.buttons && message.buttons.length) node.append(renderKeyboard(message));
    return node;
  }

  function nearBottom() {
    const c = els.chat;
    return c.scrollHeight - c.scrollTop - c.clientHeight < 120;
  }

  function scrollToBottom() {
    els.chat.scrollTop = els.chat.scrollHeight;
  }

  function upsert(message) {
    const stick = nearBottom();
    const fresh = renderMessage(message);
    const old = state.nodes.get(message.id);
    if (old) {
      old.replaceWith(fresh);
      if (message.edited) flash(fresh);
    } else {
      insertInOrder(fresh, message.id);
    }
    state.nodes.set(message.id, fresh);
    updateEmptyHint();
    if (stick || !message.from_bot) scrollToBottom();
  }

  // Message ids grow with time, so an id tells where a late-arriving message belongs.
  function insertInOrder(node, id) {
    let before = null;
    for (const [otherId, other] of state.nodes) {
      if (otherId > id && (!before || otherId < Number(before.dataset.id))) before = other;
    }
    els.messages.insertBefore(node, before);
  }

  function flash(node) {
    node.classList.add("flash");
    setTimeout(() => node.classList.remove("flash"), 900);
  }

  function remove(id) {
    const node = state.nodes.get(id);
    if (!node) return;
    state.nodes.delete(id);
    node.classList.add("removing");
    node.dataset.deleted = "true";
    setTimeout(() => { node.remove(); updateEmptyHint(); }, 200);
  }

  function updateEmptyHint() {
    let hint = document.getElementById("empty-hint");
    if (state.nodes.size) { if (hint) hint.remove(); return; }
    if (hint) return;
    hint = document.createElement("div");
    hint.id = "empty-hint";
    hint.className = "empty-hint";
    hint.append(pageText("intro", "This is the offline sandbox: no Telegram, no HeadHunter account.") + " ");
    const start = document.createElement("button");
    start.type = "button";
    start.className = "action-button";
    start.textContent = pageText("start", "START");
    start.addEventListener("click", () => sendText("/start"));
    hint.append(document.createElement("br"), start);
    els.messages.append(hint);
  }

  function reset(messages) {
    state.nodes.forEach((node) => node.remove());
    state.nodes.clear();
    messages.forEach(upsert);
    updateEmptyHint();
    scrollToBottom();
  }

  function apply(event) {
    if (event.type === "message") upsert(event.message);
    else if (event.type === "delete") remove(event.message_id);
    else if (event.type === "answer") toast(event.text, event.alert ? "alert" : "");
  }

  // ------------------------------------------------------------------------------ live
  async function poll() {
    for (;;) {
      try {
        const body = await api(chatPath(`events?after=${state.seq}&timeout=25`));
        setBanner("");
        if (body.reset) reset(body.messages);
        else body.events.forEach(apply);
        state.seq = body.seq;
      } catch (error) {
        setBanner("Connection to the sandbox lost — retrying…");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  function setBanner(text) {
    els.banner.textContent = text;
    els.banner.hidden = !text;
  }

  function toast(text, kind) {
    const node = document.createElement("div");
    node.className = `toast ${kind || ""}`;
    node.setAttribute("role", "status");
    node.textContent = text;
    els.toasts.append(node);
    setTimeout(() => node.remove(), kind === "alert" ? 6000 : 3000);
  }

  // ------------------------------------------------------------------------------ acting
  async function sendText(text) {
    const trimmed = text.trim();
    if (!trimmed) return;
    try {
      const body = await api(chatPath("send"), {
        text: trimmed,
        first_name: state.user.first_name,
        language_code: state.user.language_code,
      });
      upsert(body.message);
    } catch (error) {
      toast(`Not sent: ${error.message}`, "error");
    }
  }

  async function press(messageId, row, column, node) {
    node.classList.add("pending");
    try {
      await api(chatPath("press"), { message_id: messageId, row, column });
    } catch (error) {
      toast(`Button failed: ${error.message}`, "error");
    } finally {
      node.classList.remove("pending");
    }
  }

  async function runAction(action, node) {
    node.disabled = true;
    try {
      const body = await api(chatPath(`actions/${encodeURIComponent(action.name)}`), {});
      if (body && body.note) toast(body.note, body.ok ? "" : "error");
    } catch (error) {
      toast(`${action.label} failed: ${error.message}`, "error");
    } finally {
      node.disabled = false;
    }
  }

  // ------------------------------------------------------------------------------ menu
  async function loadCommands() {
    try {
      const lang = encodeURIComponent(state.user.language_code);
      state.commands = (await api(`/_chat/commands?lang=${lang}`)).commands;
    } catch {
      state.commands = [];
    }
  }

  function showMenu(filter) {
    const wanted = (filter || "").toLowerCase();
    const shown = state.commands.filter((c) => `/${c.command}`.startsWith(wanted));
    els.menuList.replaceChildren();
    if (!shown.length && !filter) {
      const empty = document.createElement("div");
      empty.className = "menu-empty";
      empty.textContent = pageText("no_menu", "The bot has not set a commands menu yet.");
      els.menuList.append(empty);
    }
    shown.forEach((command) => {
      const item = document.createElement("button");
      item.type = "button";
      item.className = "menu-item";
      item.setAttribute("role", "menuitem");
      const name = Object.assign(document.createElement("span"), {
        className: "command-name", textContent: `/${command.command}`,
      });
      const description = Object.assign(document.createElement("span"), {
        className: "command-description", textContent: command.description,
      });
      item.append(name, description);
      item.addEventListener("click", () => {
        hideMenu();
        els.input.value = "";
        sendText(`/${command.command}`);
      });
      els.menuList.append(item);
    });
    state.menuIndex = -1;
    els.menu.hidden = !els.menuList.children.length;
  }

  function hideMenu() {
    els.menu.hidden = true;
  }

  function moveMenu(step) {
    const items = [...els.menuList.querySelectorAll(".menu-item")];
    if (!items.length) return false;
    state.menuIndex = (state.menuIndex + step + items.length) % items.length;
    items.forEach((item, i) => item.classList.toggle("active", i === state.menuIndex));
    return true;
  }

  // ------------------------------------------------------------------------------ mini app
  // Telegram opens a bot's Mini App with initData it signs for the bot; the emulator does
  // the same (GET /_chat/{user}/web_app). Shown in a side panel, or in a new tab.
  async function openWebApp(url, title) {
    const query = url ? `?url=${encodeURIComponent(url)}` : "";
    let launch;
    try {
      launch = await api(chatPath(`web_app${query}`));
    } catch (error) {
      toast(`The Mini App could not be opened: ${error.message}`, "error");
      return;
    }
    els.webAppTitle.textContent = title || launch.text || "Mini App";
    els.webAppFrame.src = launch.url;
    els.webAppTab.href = launch.url;
    els.webAppPanel.hidden = false;
    document.body.classList.add("with-web-app");
    els.webAppClose.focus();
  }

  function closeWebApp() {
    els.webAppPanel.hidden = true;
    els.webAppFrame.removeAttribute("src");
    document.body.classList.remove("with-web-app");
    els.webAppButton.focus();
  }

  function showMenuButton(menuButton) {
    const webApp = menuButton && menuButton.type === "web_app" && menuButton.web_app;
    els.webAppButton.hidden = !webApp;
    // The label in the page's language (the bot sets one menu button, in English, for all).
    if (webApp) els.webAppButton.textContent = `▦ ${pageText("web_app", menuButton.text || "App")}`;
  }

  // ------------------------------------------------------------------------------ wiring
  function wire() {
    els.webAppButton.addEventListener("click", () => openWebApp(null, els.webAppButton.textContent));
    els.webAppClose.addEventListener("click", closeWebApp);
    els.webAppPanel.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closeWebApp();
    });
    els.composer.addEventListener("submit", (event) => {
      event.preventDefault();
      const active = els.menuList.querySelector(".menu-item.active");
      if (!els.menu.hidden && active) { active.click(); return; }
      const text = els.input.value;
      els.input.value = "";
      hideMenu();
      sendText(text);
    });
    els.input.addEventListener("input", () => {
      const value = els.input.value;
      if (value.startsWith("/") && !value.includes(" ")) showMenu(value);
      else hideMenu();
    });
    els.input.addEventListener("keydown", (event) => {
      if (els.menu.hidden) return;
      if (event.key === "ArrowDown" && moveMenu(1)) event.preventDefault();
      if (event.key === "ArrowUp" && moveMenu(-1)) event.preventDefault();
      if (event.key === "Escape") hideMenu();
    });
    els.menuButton.addEventListener("click", async () => {
      if (!els.menu.hidden) { hideMenu(); return; }
      await loadCommands();
      showMenu("");
    });
    document.addEventListener("click", (event) => {
      if (!els.menu.contains(event.target) && event.target !== els.menuButton) hideMenu();
    });
  }

  function showActions(actions) {
    els.actions.replaceChildren();
    actions.forEach((action) => {
      const node = document.createElement("button");
      node.type = "button";
      node.className = "action-button";
      node.dataset.action = action.name;
      node.textContent = pageText(`action-${action.name}`, action.label);
      node.addEventListener("click", () => runAction(action, node));
      els.actions.append(node);
    });
  }

  async function start() {
    wire();
    const config = await api("/_chat/config");
    const userId = Number(params.get("user"));
    state.user = {
      id: Number.isInteger(userId) && userId > 0 ? userId : config.user.id,
      first_name: params.get("name") || config.user.first_name,
      language_code: params.get("lang") || config.user.language_code,
    };
    els.botName.textContent = config.bot.name;
    els.botAvatar.textContent = (config.bot.name || "B").slice(0, 1);
    try {
      const lang = encodeURIComponent(state.user.language_code);
      state.texts = (await api(`/_chat/texts?lang=${lang}`)).texts;
    } catch {
      state.texts = {};
    }
    applyTexts(config.bot.name);
    showActions(config.actions);
    showMenuButton(config.menu_button);
    const history = await api(chatPath("history"));
    state.seq = history.seq;
    reset(history.messages);
    loadCommands();
    document.body.dataset.ready = "true"; // the browser test waits for this
    poll();
  }

  start().catch((error) => setBanner(`The sandbox is not answering: ${error.message}`));
})();
