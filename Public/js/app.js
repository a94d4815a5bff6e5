// Small enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.textContent.trim()).then(() => { button.textContent = "✓"; });
  }
});

document.addEventListener("submit", (event) => {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// Likes without a page load: the same form, sent in the background; the count comes back.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-like]");
  if (!form || !window.fetch) return;
  event.preventDefault();
  const data = new URLSearchParams(new FormData(form));
  try {
    // `form.action` would be the input named "action"; the attribute is the address.
    const response = await fetch(form.getAttribute("action"), {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRF-Token": data.get("_csrf") || "" },
    });
    if (!response.ok) { form.submit(); return; }
    const result = await response.json();
    const button = form.querySelector("button");
    form.querySelector("input[name=action]").value = result.liked ? "unlike" : "like";
    button.classList.toggle("liked", result.liked);
    button.setAttribute("aria-pressed", String(result.liked));
    form.querySelector(".like-count").textContent = String(result.like_count);
  } catch (error) {
    form.submit();
  }
});
