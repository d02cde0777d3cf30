// Small progressive enhancements; every form also works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("select[data-autosubmit]")) el.form.requestSubmit();
});
document.querySelectorAll(".switch-submit").forEach((b) => b.classList.add("d-none"));
