// Countdowns tick in the browser: every element the `countdown` template tag wrote
// (class "desist-countdown", data-due and data-now in ISO 8601) is rewritten every 15 s in
// the same words as the server's (deadlines/templatetags/desist.py describe_remaining).
// The server's clock is the reference: the browser's offset from it is taken once per element.

const MODIFIERS = ["desist-countdown--overdue", "desist-countdown--due-soon"];

export function describeRemaining(seconds) {
  const overdue = seconds < 0;
  let rest = Math.abs(Math.trunc(seconds));
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  let text;
  if (days) text = `${days} day${days !== 1 ? "s" : ""} ${hours} h`;
  else if (hours) text = `${hours} h ${minutes} min`;
  else text = `${minutes} min`;
  if (overdue) return [`overdue by ${text}`, "overdue"];
  return [`in ${text}`, Math.abs(seconds) < 3600 ? "due-soon" : ""];
}

function tick() {
  for (const element of document.querySelectorAll(".desist-countdown[data-due][data-now]")) {
    if (element.dataset.offset === undefined) {
      element.dataset.offset = String(Date.parse(element.dataset.now) - Date.now());
    }
    const serverNow = Date.now() + Number(element.dataset.offset);
    const [text, modifier] = describeRemaining((Date.parse(element.dataset.due) - serverNow) / 1000);
    if (element.textContent !== text) element.textContent = text;
    element.classList.remove(...MODIFIERS);
    if (modifier) element.classList.add(`desist-countdown--${modifier}`);
  }
}

tick();
setInterval(tick, 15000);
