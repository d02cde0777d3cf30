// Small progressive enhancements; every form also works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select[data-autosubmit]")) el.form.requestSubmit();
});
document.querySelectorAll(".switch-submit").forEach((b) => b.classList.add("d-none"));

// Ask before irreversible actions (e.g. discontinuing a model).
document.addEventListener("submit", (event) => {
  const message = event.target.dataset && event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Evidence files: show one empty file slot at a time, with a button for another.
document.querySelectorAll(".evidence-slots").forEach((box) => {
  const slots = Array.from(box.querySelectorAll(".evidence-slot"));
  const more = box.querySelector("[data-add-slot]");
  if (!more || slots.length < 2) return;
  const filled = (slot) => slot.querySelector("input[type=file]").files.length > 0 ||
    slot.querySelector("input[type=text]").value !== "" || slot.querySelector(".invalid-feedback");
  slots.forEach((slot, i) => { if (i > 0 && !filled(slot)) slot.classList.add("d-none"); });
  const update = () => more.classList.toggle("d-none", !slots.some((s) => s.classList.contains("d-none")));
  more.addEventListener("click", () => {
    const next = slots.find((s) => s.classList.contains("d-none"));
    if (next) { next.classList.remove("d-none"); next.querySelector("input[type=file]").focus(); }
    update();
  });
  update();
});

// Open the <details> panel a link points to (e.g. #replicate after a refused replication).
const openTarget = () => {
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.tagName === "DETAILS") target.open = true;
};
openTarget();
window.addEventListener("hashchange", openTarget);
