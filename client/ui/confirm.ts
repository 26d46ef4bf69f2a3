import { h } from "./dom.js";

/**
 * A question before an order that cannot be taken back (ending a night, starting one with an empty seat):
 * a modal with the consequence in plain words, the action named on its button, and a way out (Esc, the
 * backdrop or the cancel button). Resolves true only when the action is chosen.
 */
export interface Confirmation {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
}

export function confirmAction(question: Confirmation): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      document.removeEventListener("keydown", onKey, true);
      back.remove();
      resolve(answer);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopPropagation();
      done(false);
    };
    const ok = h(
      "button",
      { class: "primary", testid: "confirm-ok", onclick: () => done(true) },
      question.confirm,
    );
    const cancel = h("button", { testid: "confirm-cancel", onclick: () => done(false) }, question.cancel);
    const back = h(
      "div",
      {
        class: "modal-back",
        testid: "confirm",
        onclick: (e: Event) => e.target === back && done(false),
      },
      h(
        "div",
        { class: "modal confirm", role: "alertdialog", "aria-label": question.title },
        h("h1", null, question.title),
        h("p", { testid: "confirm-body" }, question.body),
        h("div", { class: "row", style: "justify-content:flex-end;gap:10px" }, cancel, ok),
      ),
    );
    document.addEventListener("keydown", onKey, true);
    document.body.append(back);
    cancel.focus();
  });
}
