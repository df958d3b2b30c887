// "Use these deadlines": fill the suggested days and make both rules "on day", so the
// user sees the change before saving. Without JavaScript the suggestion is still written out.
(function () {
  var button = document.getElementById("apply-suggestion");
  if (!button) return;
  button.addEventListener("click", function () {
    var form = document.getElementById("programme-form");
    form.querySelector("[name=unit_day]").value = button.dataset.unitDay;
    form.querySelector("[name=forward_day]").value = button.dataset.forwardDay;
    form.querySelector("[name=unit_relation]").value = "on";
    form.querySelector("[name=forward_relation]").value = "on";
    var confirm = form.querySelector("[name=confirm_warnings]");
    if (confirm) confirm.remove();
    button.textContent = button.dataset.done || "✓";
    button.disabled = true;
  });
})();
