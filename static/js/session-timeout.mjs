// The GOV.UK/HMRC session-timeout warning. The server signs a user out after
// SESSION_IDLE_TIMEOUT_MINUTES without a request (accounts/middleware.py), and it records the
// last request at most once a minute, so the browser counts from its own last activity less a
// minute's margin: it warns `data-warn-seconds` before that, and at the end signs the user out
// itself (reason "timeout"), so that the page never sits signed in when the server is not.
// Activity in any tab counts (localStorage), as it does on the server.

const MARGIN_MS = 60_000;
const KEY = "desist:last-activity";

export function describeLeft(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

function lastActivity(fallback) {
  const stored = Number(window.localStorage.getItem(KEY));
  return Number.isFinite(stored) && stored > fallback ? stored : fallback;
}

function noteActivity(at) {
  try {
    window.localStorage.setItem(KEY, String(at));
  } catch {
    // storage refused (private mode): this tab's own clock still works
  }
}

function start(dialog) {
  const loadedAt = Date.now();
  const idleMs = Number(dialog.dataset.idleSeconds) * 1000;
  const absoluteEnd = loadedAt + Number(dialog.dataset.absoluteLeftSeconds) * 1000 - MARGIN_MS;
  const warnMs = Number(dialog.dataset.warnSeconds) * 1000;
  const remaining = dialog.querySelector(".desist-timeout__remaining");
  const signOut = document.getElementById("sign-out-form");
  let active = loadedAt;
  noteActivity(active);
  let finished = false;

  function signOutAt() {
    return Math.min(lastActivity(active) + idleMs - MARGIN_MS, absoluteEnd);
  }

  function tick() {
    if (finished) return;
    const left = signOutAt() - Date.now();
    if (left <= 0) {
      finished = true;
      const reason = document.createElement("input");
      reason.type = "hidden";
      reason.name = "reason";
      reason.value = "timeout";
      signOut.appendChild(reason);
      signOut.submit();
      return;
    }
    if (left <= warnMs) {
      remaining.textContent = describeLeft(left);
      if (!dialog.open) dialog.showModal();
    } else if (dialog.open) {
      dialog.close(); // another tab kept the session alive
    }
  }

  dialog.querySelector("[data-timeout-action=stay]").addEventListener("click", async () => {
    const token = signOut.querySelector("input[name=csrfmiddlewaretoken]").value;
    const response = await fetch(dialog.dataset.keepAliveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (response.ok) {
      active = Date.now();
      noteActivity(active);
      dialog.close();
    } else {
      window.location.reload(); // already signed out: the server says so
    }
  });
  // Escape would hide the warning without keeping the session: treat it as "stay".
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    dialog.querySelector("[data-timeout-action=stay]").click();
  });
  // The board's refreshes are requests too: the server counts them, so the page does.
  document.body.addEventListener("htmx:afterRequest", () => {
    active = Date.now();
    noteActivity(active);
  });
  tick();
  window.setInterval(tick, 1000);
}

const dialog = document.getElementById("session-timeout");
if (dialog && typeof dialog.showModal === "function") start(dialog);
