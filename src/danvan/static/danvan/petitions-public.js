// The public petition pages: every form works without JavaScript; with it, the commune list
// follows the province (htmx), so the "show its communes" button is not needed.
document.querySelectorAll("[data-nojs]").forEach((el) => el.classList.add("d-none"));
