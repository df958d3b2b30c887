/* Dienhinh: the "gương người tốt, việc tốt" section of {{ unit.name }}. Paste
   <script src="{{ request.scheme }}://{{ request.get_host }}{% url 'portal:embed_script' unit.pk %}"></script>
   where the section should appear; it inserts a frame that sizes itself. */
(function () {
  var here = document.currentScript;
  var frame = document.createElement("iframe");
  frame.src = "{{ request.scheme }}://{{ request.get_host }}{% url 'portal:embed' unit.pk %}";
  frame.title = "Gương người tốt, việc tốt";
  frame.loading = "lazy";
  frame.style.cssText = "width:100%;border:0;min-height:240px";
  here.parentNode.insertBefore(frame, here.nextSibling);
  window.addEventListener("message", function (event) {
    var data = event.data && event.data.dienhinhEmbed === {{ unit.pk }} ? event.data : null;
    if (data && event.source === frame.contentWindow) frame.style.height = data.height + "px";
  });
})();
