// The unit tree: a "+" button loads a node's sub-units once (htmx), then shows and hides
// them. The button keeps focus and says whether the branch is open (aria-expanded).
document.addEventListener("click", function (event) {
  var button = event.target.closest(".tree .toggle");
  if (!button) return;
  var list = button.closest("li").querySelector(":scope > ul");
  var open = button.getAttribute("aria-expanded") === "true";
  if (!open && !button.dataset.loaded) {
    button.dataset.loaded = "1";
    htmx.ajax("GET", button.dataset.childrenUrl, { target: list, swap: "innerHTML" });
  }
  list.hidden = open;
  button.setAttribute("aria-expanded", open ? "false" : "true");
  button.textContent = open ? "+" : "−";
});
