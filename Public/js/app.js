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

// Proposing an idea or filing a bug: while the title is typed, show similar ones already there.
// For bugs, each comes with a one-click "me too" instead of a new report.
(function () {
  var input = document.querySelector("input[data-similar]");
  var box = input && document.getElementById(input.getAttribute("data-similar-box") || "similar-ideas");
  if (!input || !box || !window.fetch) return;
  var list = box.querySelector("ul");
  var csrf = input.getAttribute("data-me-too-csrf");
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var title = input.value.trim();
      if (title.length < 2) { box.hidden = true; return; }
      fetch(input.getAttribute("data-similar") + "?title=" + encodeURIComponent(title), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) {
          list.textContent = "";
          items.forEach(function (item) {
            var row = document.createElement("li");
            var link = document.createElement("a");
            link.href = item.url;
            link.textContent = item.title + " (" + (item.me_too !== undefined ? item.me_too : item.weighted_score) + ")";
            row.appendChild(link);
            if (csrf) {
              var form = document.createElement("form");
              form.method = "post";
              form.action = item.url + "/me-too";
              form.className = "inline";
              var token = document.createElement("input");
              token.type = "hidden"; token.name = "_csrf"; token.value = csrf;
              var button = document.createElement("button");
              button.type = "submit"; button.className = "small me-too-similar";
              button.textContent = input.getAttribute("data-me-too-label");
              form.appendChild(token); form.appendChild(button);
              row.appendChild(document.createTextNode(" "));
              row.appendChild(form);
            }
            list.appendChild(row);
          });
          box.hidden = items.length === 0;
        })
        .catch(function () { box.hidden = true; });
    }, 300);
  });
})();
