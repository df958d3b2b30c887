// Behaviour shared by every page (no inline scripts: see the Content-Security-Policy).

// A picker marked data-autosubmit opens what it picks at once (its form also has a button
// inside <noscript>, so it works without this script).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
