// Suggestions while an agent types a question on "Registrera fråga" (progressive enhancement).
// After a pause in typing (ranking every match costs up to ~140 ms on a large register, so not on every
// key) the question is posted with the form's token to /staff/fragor/forslag/lista, and the server's list
// replaces the live region's content. "Use this answer" then fills the answer in place and records the
// entry on the form. Without this script the same buttons post the form back and the server does both.
const PAUSE_MS = 500;

const form = document.querySelector('form.contact-form');
const question = document.getElementById('contact-question');
const answer = document.getElementById('contact-answer');
const region = document.getElementById('contact-suggestions');
const chosen = document.getElementById('contact-knowledgeEntry');

if (form && question && answer && region && chosen) {
  const lang = new URL(form.action).searchParams.get('lang') ?? 'sv';
  let timer;
  let pending;
  let asked = question.value.trim();

  async function suggest() {
    const q = question.value.trim();
    if (q === asked) return;
    asked = q;
    pending?.abort();
    pending = new AbortController();
    // Only what the suggestions need: never the personnummer or callback number fields.
    const body = new URLSearchParams();
    for (const name of ['_csrf', 'question', 'municipality', 'language'])
      body.set(name, form.elements.namedItem(name)?.value ?? '');
    try {
      const res = await fetch(`/staff/fragor/forslag/lista?lang=${encodeURIComponent(lang)}`, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        signal: pending.signal,
      });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      region.replaceChildren(...doc.body.childNodes);
    } catch {
      // Aborted by newer typing, or offline: the "Suggest answers" button still works.
    }
  }

  question.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, PAUSE_MS);
  });

  region.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button.use-entry') : null;
    const text = button?.closest('.suggestion')?.querySelector('.suggestion-answer')?.textContent;
    if (!button || text == null) return;
    event.preventDefault();
    answer.value = text;
    chosen.value = button.value;
    region.querySelector('.suggest-used')?.remove();
    const notice = document.createElement('p');
    notice.className = 'notice notice-ok suggest-used';
    notice.textContent = region.dataset.used ?? '';
    region.prepend(notice);
    answer.focus();
  });
}
