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

// Proposing an idea: while the title is typed, show similar ideas already proposed.
(function () {
  var input = document.querySelector("input[data-similar]");
  var box = document.getElementById("similar-ideas");
  if (!input || !box || !window.fetch) return;
  var list = box.querySelector("ul");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var title = input.value.trim();
      if (title.length < 2) { box.hidden = true; return; }
      fetch(input.getAttribute("data-similar") + "?title=" + encodeURIComponent(title), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (ideas) {
          list.textContent = "";
          ideas.forEach(function (idea) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = idea.url;
            link.textContent = idea.title + " (" + idea.weighted_score + ")";
            item.appendChild(link);
            list.appendChild(item);
          });
          box.hidden = ideas.length === 0;
        })
        .catch(function () { box.hidden = true; });
    }, 300);
  });
})();
